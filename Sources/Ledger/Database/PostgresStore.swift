import Foundation
import PostgresNIO

/// A ledger in a PostgreSQL database that several machines share (postgres-nio).
///
/// One connection per process, its transactions one at a time. Every write transaction first
/// takes one transaction-scoped advisory lock, so appends from every machine are serialised
/// exactly as SQLite's IMMEDIATE transactions serialise them on one: each chain stays linear.
/// Reads run in REPEATABLE READ snapshots and take no lock.
final class PostgresStore: LedgerStore, @unchecked Sendable {
    let name: String
    var dialect: SQLDialect { .postgresql }
    private let connection: PostgresConnection
    private let logger: Logger
    /// One transaction at a time on the connection (it is shared by the process's threads).
    private let lock = NSLock()

    /// The advisory lock key every ledger writer takes (`rpa` in ASCII).
    static let writeLockKey = 0x7270_61

    /// Connects and brings the schema up to date; throws ``LedgerError/unreachable(server:reason:)``
    /// when the server cannot be reached or refuses the login.
    init(address: PostgresAddress) throws(LedgerError) {
        name = address.redacted
        var logger = Logger(label: "rpa.ledger.postgresql")
        logger.logLevel = .critical
        self.logger = logger
        do {
            let configuration = try Self.configuration(address)
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1,
                logger: logger
            ).wait()
        } catch {
            throw .unreachable(server: address.redacted, reason: Self.describe(error))
        }
        do {
            try migrate()
        } catch {
            throw ledgerError(error, action: "create or upgrade the ledger tables")
        }
    }

    /// Closes the connection without waiting for it: a ledger may be released on any thread.
    deinit {
        // The callback holds the connection until it is closed (postgres-nio checks that it is).
        let connection = connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private static func configuration(_ address: PostgresAddress) throws -> PostgresConnection.Configuration {
        if let folder = address.socketFolder {
            return PostgresConnection.Configuration(
                unixSocketPath: "\(folder)/.s.PGSQL.\(address.port)", username: address.user,
                password: address.password, database: address.database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch address.tls {
        case .disable: tls = .disable
        case .prefer, .require:
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            let context = try NIOSSLContext(configuration: settings)
            tls = address.tls == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            var settings = TLSConfiguration.makeClientConfiguration()
            if let roots = address.rootCertificate { settings.trustRoots = .file(roots) }
            tls = .require(try NIOSSLContext(configuration: settings))
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: tls)
        configuration.options.connectTimeout = .seconds(15)
        return configuration
    }

    /// Applies the migrations this database lacks, under the writers' lock, so machines starting
    /// together migrate once.
    private func migrate() throws {
        try transaction(begin: "BEGIN") { connection in
            try connection.execute("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))")
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS rpa_schema_versions (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            let applied = Set(
                try connection.rows("SELECT version FROM rpa_schema_versions").map { try $0[0] as String })
            for (version, sql) in PostgresSchema.migrations where !applied.contains(version) {
                try connection.script(sql)
                try connection.execute(
                    "INSERT INTO rpa_schema_versions (version, applied_at) VALUES (?, ?)",
                    [version, TokyoTime.timestamp(Date())])
            }
        }
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN") { connection in
            try connection.execute("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))")
            return try body(connection)
        }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T>(begin: String, _ body: (PostgresSQLConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let statements = PostgresSQLConnection(connection: connection, logger: logger)
        try statements.execute(begin)
        do {
            let result = try body(statements)
            try statements.execute("COMMIT")
            return result
        } catch {
            try? statements.execute("ROLLBACK")
            throw error
        }
    }

    /// A session advisory lock, asked for without waiting and asked again every 50 ms, so that the
    /// connection stays free for this process's other threads meanwhile.
    func exclusively<T>(_ name: String, _ body: () throws -> T) throws -> T {
        while true {
            let taken: Int? = try statement {
                try $0.scalar("SELECT pg_try_advisory_lock(hashtext(?))", [name])
            }
            if taken == 1 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        defer { _ = try? statement { try $0.execute("SELECT pg_advisory_unlock(hashtext(?))", [name]) } }
        return try body()
    }

    /// One statement outside any transaction.
    private func statement<T>(_ body: (PostgresSQLConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(PostgresSQLConnection(connection: connection, logger: logger))
    }

    func ledgerError(_ error: any Error, action: String) -> LedgerError {
        if let error = error as? LedgerError { return error }
        if let error = error as? PSQLError, error.serverInfo == nil {
            return .unreachable(server: name, reason: Self.describe(error))
        }
        return .storage(path: name, action: action, reason: Self.describe(error))
    }

    /// What went wrong in words: the server's message and SQLSTATE, or the connection's fault.
    /// (PSQLError's own description hides everything, for fear of leaking a query's values.)
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}

/// Statements on the PostgreSQL connection: `?` and `?N` placeholders become `$N`.
struct PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgresql }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws {
        _ = try rows(sql, arguments)
    }

    /// Runs several statements without arguments (a migration), one at a time: the extended
    /// protocol takes one statement per query.
    func script(_ sql: String) throws {
        for statement in Self.statements(sql) { try execute(statement) }
    }

    /// `sql` cut at each `;` outside quoted text and `$$` function bodies.
    static func statements(_ sql: String) -> [String] {
        var statements = [String]()
        var current = ""
        var quoted = false
        var body = false
        var previous: Character = " "
        for character in sql {
            if character == "'" && !body { quoted.toggle() }
            if character == "$" && previous == "$" && !quoted { body.toggle() }
            if character == ";" && !quoted && !body {
                statements.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        statements.append(current)
        return statements.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow] {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings)
        let result = try connection.query(query, logger: logger).wait()
        return try result.rows.map { row in SQLRow(try row.map(Self.value)) }
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric: return .real(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `sql` with `?` numbered in order and `?N` kept as `$N`; quoted text is left alone.
    static func numbered(_ sql: String) -> String {
        var output = ""
        var next = 0
        var quoted = false
        var characters = sql.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if character == "'" { quoted.toggle() }
            guard character == "?", !quoted else {
                output.append(character)
                continue
            }
            var digits = ""
            while let digit = pending, digit.isASCII, digit.isNumber {
                digits.append(digit)
                pending = characters.next()
            }
            if digits.isEmpty {
                next += 1
                output += "$\(next)"
            } else {
                output += "$" + digits
            }
        }
        return output
    }
}
