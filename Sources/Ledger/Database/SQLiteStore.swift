import FileNodes
import Foundation
import GRDB

/// A ledger in an SQLite file (GRDB), the embedded default on one machine.
///
/// Any number of processes and connections may share the file: every write is an IMMEDIATE
/// transaction, which SQLite's file lock serialises. Not for a network share, whose locks SQLite
/// cannot trust: several machines use PostgreSQL (``PostgresStore``).
final class SQLiteStore: LedgerStore {
    let name: String
    let pool: DatabasePool
    var dialect: SQLDialect { .sqlite }

    /// Opens (or creates) the file at `filePath` and brings its schema up to date; messages name it
    /// `name` (a private copy names its original).
    init(filePath: String, name: String) throws(LedgerError) {
        self.name = name
        var configuration = Configuration()
        // Other writers hold the lock for one short transaction: wait for them rather than fail.
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            // WAL (set by DatabasePool) + NORMAL: a crash of the process never loses a commit;
            // a power cut may lose the last ones, which a re-run then counts again.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // A device, pipe or folder (or a link to one) is refused before SQLite opens it, or leaves a
        // journal beside it.
        var info = stat()
        if let resolved = FileNode.resolved(filePath), stat(resolved, &info) == 0,
            FileNode(mode: info.st_mode) != .regular
        {
            throw .notAFile(path: name, kind: FileNode(mode: info.st_mode).words)
        }
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pool = try Self.open(filePath, name: name, configuration: configuration)
        try migrate()
    }

    /// Opens the pool. Switching a new file to WAL takes an exclusive lock and SQLite answers BUSY
    /// at once, without the busy timeout, when another process is opening the same new ledger:
    /// such a collision is retried for a few seconds.
    private static func open(_ filePath: String, name: String, configuration: Configuration)
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
                throw sqliteError(error, name: name, action: "open the ledger")
            }
        }
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
        throw ledgerError(
            lastError ?? LedgerError.storage(path: name, action: "migrate", reason: "unknown"),
            action: "create or upgrade the ledger tables")
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(SQLiteConnection(db: db))
                return .commit
            }
            guard let result else {
                throw LedgerError.storage(path: name, action: "write", reason: "no result")
            }
            return result
        }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteConnection(db: db)) }
    }

    func exclusively<T>(_ name: String, _ body: () throws -> T) throws -> T { try body() }

    func ledgerError(_ error: any Error, action: String) -> LedgerError {
        Self.sqliteError(error, name: name, action: action)
    }

    /// Damage named as such, the rest as storage errors.
    static func sqliteError(_ error: any Error, name: String, action: String) -> LedgerError {
        if let error = error as? LedgerError { return error }
        if let error = error as? DatabaseError,
            error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
        {
            return .corrupt(path: name)
        }
        if let error = error as? DatabaseError,
            [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH].contains(error.resultCode)
        {
            return .notWritable(path: name, reason: error.message ?? "\(error.resultCode)")
        }
        return .storage(path: name, action: action, reason: "\(error)")
    }
}
