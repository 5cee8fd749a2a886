/// Statements run inside one transaction of the ledger's database. The ledger's queries are
/// written once, in the SQL both engines understand, with `?` (or `?1`) placeholders.
package protocol SQLConnection {
    /// Which engine runs the statements, for the few that differ.
    var dialect: SQLDialect { get }
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws
    /// Runs a query and returns all its rows.
    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow]
}

extension SQLConnection {
    package func execute(_ sql: String) throws { try execute(sql, []) }

    package func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }

    /// The first row, if any.
    package func row(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, if any row.
    package func scalar<T: SQLDecodable>(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> T? {
        guard let row = try row(sql, arguments) else { return nil }
        return try row[0] as T
    }
}

/// The two engines a ledger lives in, and the statements that differ between them.
package enum SQLDialect: Sendable {
    /// An SQLite file on this machine (GRDB).
    case sqlite
    /// A PostgreSQL database several machines share (postgres-nio).
    case postgresql

    /// The highest id a chained table ever handed out, even to a row since removed: it shows rows
    /// cut from a chain's end. One `?` argument: the table's name.
    var highestIDQuery: String {
        switch self {
        case .sqlite: return "SELECT seq FROM sqlite_sequence WHERE name = ?"
        case .postgresql: return "SELECT seq FROM ledger_sequences WHERE name = ?"
        }
    }

    /// The names of the triggers on a table. One `?` argument: the table's name.
    var triggerQuery: String {
        switch self {
        case .sqlite: return "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
        case .postgresql:
            return """
                SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relname = ? AND c.relnamespace = to_regnamespace(current_schema())::oid
                AND NOT t.tgisinternal AND t.tgenabled <> 'D'
                """
        }
    }

    /// The database's clock in seconds since 1970: leases on work are timed by the one clock every
    /// machine shares, not by each machine's own.
    var now: String {
        switch self {
        case .sqlite: return "((julianday('now') - 2440587.5) * 86400.0)"
        case .postgresql: return "EXTRACT(EPOCH FROM clock_timestamp())::double precision"
        }
    }
}
