import Foundation

/// The time-saved ledger: append-only tables that count every processed document once.
///
/// It lives in an SQLite file on one machine (the default), or in a PostgreSQL database when
/// several machines share one intake (a `postgresql://` address). Open one per process, or
/// several: every write is one serialised transaction, so any number of processes and machines
/// may append at once. All methods are synchronous and thread-safe.
public final class Ledger: Sendable {
    /// The database as messages name it: the file's path, or the server's address without password.
    public let path: String
    let store: any LedgerStore
    /// A private folder holding the file (a copy made by ``openCopy(of:)``), removed with the ledger.
    private let ownedFolder: URL?

    /// Opens the ledger at `location`, an SQLite file's path (created with its folder if missing)
    /// or a PostgreSQL address (`postgresql://…`, see ``PostgresAddress``), and brings its schema
    /// up to date.
    public convenience init(path location: String) throws(LedgerError) {
        if PostgresAddress.isAddress(location) {
            try self.init(store: PostgresStore(address: PostgresAddress(location)), ownedFolder: nil)
        } else {
            try self.init(store: SQLiteStore(filePath: location, name: location), ownedFolder: nil)
        }
    }

    init(store: any LedgerStore, ownedFolder: URL?) {
        self.store = store
        self.path = store.name
        self.ownedFolder = ownedFolder
    }

    deinit {
        if let ownedFolder { try? FileManager.default.removeItem(at: ownedFolder) }
    }

    /// True when the ledger is a database several machines share.
    public var isShared: Bool { store.dialect == .postgresql }

    /// True when `location` names a shared (PostgreSQL) ledger rather than a file.
    public static func isSharedLocation(_ location: String) -> Bool { PostgresAddress.isAddress(location) }

    /// Where the ledger lives when no path is given: `$RPA_LEDGER`, else `./rpa-ledger.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let path = environment["RPA_LEDGER"], !path.isEmpty { return path }
        return "rpa-ledger.sqlite"
    }

    /// Runs `body` while holding the lock `name` across every process and machine sharing this
    /// ledger: what several machines must not do at once (rewriting one output file). On an SQLite
    /// ledger it is a no-op: one machine, whose file locks serve.
    public func exclusively<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let outcome: Result<T, any Error>
        do {
            outcome = try store.exclusively(name) { Result { try body() } }
        } catch {
            throw store.ledgerError(error, action: "take the lock \(name)")
        }
        return try outcome.get()
    }

    /// Runs `body` in one serialised write transaction, turning database errors into ``LedgerError``.
    func write<T>(_ action: String, _ body: (any SQLConnection) throws -> T) throws(LedgerError) -> T {
        do {
            return try store.write(body)
        } catch {
            throw store.ledgerError(error, action: action)
        }
    }

    /// Runs `body` on a read-only snapshot, turning database errors into ``LedgerError``.
    func read<T>(_ action: String, _ body: (any SQLConnection) throws -> T) throws(LedgerError) -> T {
        do {
            return try store.read(body)
        } catch {
            throw store.ledgerError(error, action: action)
        }
    }
}
