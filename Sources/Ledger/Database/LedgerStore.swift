/// Where a ledger's tables live: an SQLite file on this machine, or a PostgreSQL database that
/// several machines share. Every query of the ledger runs through this, written once, so both give
/// the same figures.
protocol LedgerStore: Sendable {
    /// How messages name the database (a PostgreSQL address without its password).
    var name: String { get }
    var dialect: SQLDialect { get }
    /// Runs `body` in one write transaction. Writers are serialised, so the hash chains stay
    /// linear however many processes and machines append at once.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` on a consistent read-only snapshot.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` while holding the lock named `name` across every process and machine sharing
    /// the database (an SQLite file on one machine needs none: file locks serve there).
    func exclusively<T>(_ name: String, _ body: () throws -> T) throws -> T
    /// A database error as the ledger reports it.
    func ledgerError(_ error: any Error, action: String) -> LedgerError
}
