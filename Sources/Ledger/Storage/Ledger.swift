import Foundation
import GRDB

/// The time-saved ledger: an append-only SQLite file that counts every processed document once.
///
/// Open one per process (or several: every write is an IMMEDIATE transaction, so any number of
/// processes and connections may share one file). All methods are synchronous and thread-safe.
public final class Ledger: Sendable {
    /// The database file, as messages name it.
    public let path: String
    let pool: DatabasePool
    /// A private folder holding the file (a copy made by ``openCopy(of:)``), removed with the ledger.
    private let ownedFolder: URL?

    /// Opens the ledger at `path`, creating the file (and its folder) if it does not exist, and brings its
    /// schema up to date.
    public convenience init(path: String) throws(LedgerError) {
        try self.init(path: path, reportedPath: path, ownedFolder: nil)
    }

    /// Opens the file at `path`, naming it `reportedPath` in messages (a private copy names its original).
    init(path filePath: String, reportedPath path: String, ownedFolder: URL?) throws(LedgerError) {
        self.path = path
        self.ownedFolder = ownedFolder
        var configuration = Configuration()
        // Other writers hold the lock for one short transaction: wait for them rather than fail.
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            // WAL (set by DatabasePool) + NORMAL: a crash of the process never loses a commit;
            // a power cut may lose the last ones, which a re-run then counts again.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pool = try Self.open(filePath, reportedPath: path, configuration: configuration)
        try migrate()
    }

    deinit {
        if let ownedFolder { try? FileManager.default.removeItem(at: ownedFolder) }
    }

    /// Opens the pool. Switching a new file to WAL takes an exclusive lock and SQLite answers BUSY
    /// at once, without the busy timeout, when another process is opening the same new ledger:
    /// such a collision is retried for a few seconds.
    private static func open(_ filePath: String, reportedPath path: String, configuration: Configuration)
        throws(LedgerError) -> DatabasePool
    {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: filePath, configuration: configuration)
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && attempt < 40
            {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.025 * Double(min(attempt, 8)))
            } catch {
                throw ledgerError(error, path: path, action: "open the ledger")
            }
        }
    }

    /// Where the ledger lives when no path is given: `$RPA_LEDGER`, else `./rpa-ledger.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let path = environment["RPA_LEDGER"], !path.isEmpty { return path }
        return "rpa-ledger.sqlite"
    }

    /// Runs the migrations. Two processes opening a new ledger together may both try; the
    /// loser sees the winner's tables on its next attempt.
    private func migrate() throws(LedgerError) {
        var lastError: (any Error)?
        for attempt in 0..<5 {
            do {
                try LedgerSchema.migrator.migrate(pool)
                return
            } catch {
                lastError = error
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt + 1))
            }
        }
        let action = "create or upgrade the ledger tables"
        throw lastError.map { Self.ledgerError($0, path: path, action: action) }
            ?? .storage(path: path, action: action, reason: "unknown")
    }

    /// Runs `body` in one IMMEDIATE write transaction, turning database errors into ``LedgerError``.
    func write<T>(_ action: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else {
                    throw LedgerError.storage(path: path, action: action, reason: "no result")
                }
                return result
            }
        } catch {
            throw Self.ledgerError(error, path: path, action: action)
        }
    }

    /// A database error as the ledger reports it: damage named as such, the rest as storage errors.
    static func ledgerError(_ error: any Error, path: String, action: String) -> LedgerError {
        if let error = error as? LedgerError { return error }
        if let error = error as? DatabaseError,
            error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
        {
            return .corrupt(path: path)
        }
        return .storage(path: path, action: action, reason: "\(error)")
    }

    /// Runs `body` on a read-only snapshot, turning database errors into ``LedgerError``.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.ledgerError(error, path: path, action: action)
        }
    }
}
