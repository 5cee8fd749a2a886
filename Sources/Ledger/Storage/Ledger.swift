import Foundation
import GRDB

/// The time-saved ledger: an append-only SQLite file that counts every processed document once.
///
/// Open one per process (or several: every write is an IMMEDIATE transaction, so any number of
/// processes and connections may share one file). All methods are synchronous and thread-safe.
public final class Ledger: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens the ledger at `path`, creating the file (and its folder) if it does not exist, and brings its
    /// schema up to date.
    public init(path: String) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        // Other writers hold the lock for one short transaction: wait for them rather than fail.
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            // WAL (set by DatabasePool) + NORMAL: a crash of the process never loses a commit;
            // a power cut may lose the last ones, which a re-run then counts again.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pool = try Self.open(path, configuration: configuration)
        try migrate()
    }

    /// Opens the pool. Switching a new file to WAL takes an exclusive lock and SQLite answers BUSY
    /// at once, without the busy timeout, when another process is opening the same new ledger:
    /// such a collision is retried for a few seconds.
    private static func open(_ path: String, configuration: Configuration) throws(LedgerError) -> DatabasePool
    {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && attempt < 40
            {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.025 * Double(min(attempt, 8)))
            } catch {
                throw .storage(path: path, action: "open the ledger", reason: "\(error)")
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
        throw .storage(
            path: path, action: "create or upgrade the ledger tables",
            reason: "\(lastError.map { "\($0)" } ?? "unknown")")
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
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .storage(path: path, action: action, reason: "\(error)")
        }
    }

    /// Runs `body` on a read-only snapshot, turning database errors into ``LedgerError``.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try pool.read(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .storage(path: path, action: action, reason: "\(error)")
        }
    }
}
