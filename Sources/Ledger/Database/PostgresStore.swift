import Foundation
import PostgresNIO

/// How long the ledger waits on its PostgreSQL server before it calls the server unreachable: a
/// server that stops answering, or goes away mid-query, ends the call in bounded time rather than
/// hanging the run or the station.
///
/// The defaults fit the 60-second lease of `rpa run` (``WorkClaimer``): a statement stuck on a dead
/// server (20 s), then one more call that must reconnect (10 s) and wait its turn on the connection,
/// end well before other machines take the run's documents over.
struct PostgresDeadlines: Sendable, Equatable {
    /// Connecting: the socket, TLS and the login.
    var connect: TimeInterval
    /// One statement's answer (BEGIN and COMMIT are statements too).
    var statement: TimeInterval

    init(connect: TimeInterval = 10, statement: TimeInterval = 20) {
        self.connect = connect
        self.statement = statement
    }

    /// Waiting for the process's one connection while another thread uses it: that thread's call
    /// ends within one reconnection and one statement (after a statement fails, the connection is
    /// dropped and the rest of its transaction fails at once).
    var turn: TimeInterval { connect + statement }
}

/// A ledger in a PostgreSQL database that several machines share (postgres-nio).
///
/// One connection per process, its transactions one at a time. Every write transaction first
/// takes one transaction-scoped advisory lock, so appends from every machine are serialised
/// exactly as SQLite's IMMEDIATE transactions serialise them on one: each chain stays linear.
/// Reads run in REPEATABLE READ snapshots and take no lock.
///
/// Every wait has a deadline (``PostgresDeadlines``). A deadline passed or a connection lost ends
/// the call with ``LedgerError/unreachable(server:reason:)``; the connection is closed and dropped,
/// and the next call connects again, so the ledger works again as soon as the server is back.
final class PostgresStore: LedgerStore, @unchecked Sendable {
    let name: String
    var dialect: SQLDialect { .postgresql }
    let deadlines: PostgresDeadlines
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    /// One call at a time on the connection (it is shared by the process's threads); guards it.
    private let lock = NSLock()
    /// The open connection, nil until the first call and after one is lost.
    private var session: PostgresSQLConnection?

    /// The advisory lock key every ledger writer takes (`rpa` in ASCII).
    static let writeLockKey = 0x7270_61

    /// Connects and brings the schema up to date; throws ``LedgerError/unreachable(server:reason:)``
    /// when the server cannot be reached or refuses the login.
    init(address: PostgresAddress, deadlines: PostgresDeadlines = PostgresDeadlines()) throws(LedgerError) {
        name = address.redacted
        self.deadlines = deadlines
        var logger = Logger(label: "rpa.ledger.postgresql")
        logger.logLevel = .critical
        self.logger = logger
        do {
            configuration = try Self.configuration(address, deadlines: deadlines)
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
        session?.close()
    }

    private static func configuration(_ address: PostgresAddress, deadlines: PostgresDeadlines) throws
        -> PostgresConnection.Configuration
    {
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
        configuration.options.connectTimeout = .milliseconds(Int64(deadlines.connect * 1000))
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
        try statement { statements in
            try statements.execute(begin)
            do {
                let result = try body(statements)
                try statements.execute("COMMIT")
                return result
            } catch {
                // A lost connection rolls back on the server, and has no ROLLBACK to send.
                if !statements.isLost { try? statements.execute("ROLLBACK") }
                throw error
            }
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

    /// `body` with the connection to itself, connecting first when there is none or the server
    /// closed it since the last call; a connection lost meanwhile is dropped.
    private func statement<T>(_ body: (PostgresSQLConnection) throws -> T) throws -> T {
        guard lock.lock(before: Date(timeIntervalSinceNow: deadlines.turn)) else {
            throw LedgerError.unreachable(
                server: name,
                reason: "the connection stayed busy with another call for "
                    + PostgresSQLConnection.duration(deadlines.turn))
        }
        defer { lock.unlock() }
        if session?.connection.isClosed == true { session = nil }
        let statements = try session ?? connect()
        session = statements
        defer { if statements.isLost { session = nil } }
        return try body(statements)
    }

    /// A new connection, or ``LedgerError/unreachable(server:reason:)`` by the connect deadline.
    private func connect() throws(LedgerError) -> PostgresSQLConnection {
        let future = PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1,
            logger: logger)
        do {
            let connection = try PostgresSQLConnection.wait(
                for: future, seconds: deadlines.connect, server: name, what: "no connection")
            return PostgresSQLConnection(
                connection: connection, logger: logger, deadline: deadlines.statement, server: name)
        } catch {
            // A connection that comes up after its deadline is closed at once.
            future.whenSuccess { connection in
                connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
            }
            throw .unreachable(server: name, reason: Self.describe(error))
        }
    }

    func ledgerError(_ error: any Error, action: String) -> LedgerError {
        if let error = error as? LedgerError { return error }
        if PostgresSQLConnection.losesConnection(error) {
            return .unreachable(server: name, reason: Self.describe(error))
        }
        return .storage(path: name, action: action, reason: Self.describe(error))
    }

    /// What went wrong in words: the server's message and SQLSTATE, or the connection's fault.
    /// (PSQLError's own description hides everything, for fear of leaking a query's values.)
    static func describe(_ error: any Error) -> String {
        if case LedgerError.unreachable(_, let reason) = error { return reason }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}

/// Statements on one PostgreSQL connection: `?` and `?N` placeholders become `$N`. Each answer is
/// awaited until the statement deadline; past it, or when the connection fails, the connection is
/// closed and marked lost, and every later statement on it fails at once.
final class PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    /// Seconds a statement's answer is awaited.
    let deadline: TimeInterval
    /// The server as messages name it.
    let server: String
    /// True once the connection failed: it is closed, and the store connects again.
    private(set) var isLost = false
    var dialect: SQLDialect { .postgresql }

    init(connection: PostgresConnection, logger: Logger, deadline: TimeInterval, server: String) {
        self.connection = connection
        self.logger = logger
        self.deadline = deadline
        self.server = server
    }

    /// Marks the connection lost and closes it.
    private func lose() {
        guard !isLost else { return }
        isLost = true
        close()
    }

    /// Closes the connection without waiting for it (it may be closed on any thread).
    func close() {
        // The callback holds the connection until it is closed (postgres-nio checks that it is).
        let connection = connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// `future`'s value, or ``LedgerError/unreachable(server:reason:)`` when it has none within
    /// `seconds`.
    static func wait<T: Sendable>(
        for future: EventLoopFuture<T>, seconds: TimeInterval, server: String, what: String
    ) throws -> T {
        let answer = future.eventLoop.makePromise(of: T.self)
        let deadline = future.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
            answer.fail(
                LedgerError.unreachable(server: server, reason: "\(what) within \(duration(seconds))"))
        }
        future.whenComplete { _ in deadline.cancel() }
        future.cascade(to: answer)
        return try answer.futureResult.wait()
    }

    /// `seconds` in words.
    static func duration(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    /// True for an error that leaves the connection unusable: no answer, a fault of the connection
    /// itself, or the server ending the session (SQLSTATE classes 08 and 57P: shutdown, crash).
    static func losesConnection(_ error: any Error) -> Bool {
        if case LedgerError.unreachable = error { return true }
        guard let error = error as? PSQLError else { return false }
        guard let state = error.serverInfo?[.sqlState] else { return error.code != .server }
        return state.hasPrefix("08") || state.hasPrefix("57P")
    }

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
        // postgres-nio never answers a query sent on a closed connection: it is not sent.
        guard !isLost, !connection.isClosed else {
            lose()
            throw LedgerError.unreachable(server: server, reason: "the server closed the connection")
        }
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings)
        let result: PostgresQueryResult
        do {
            result = try Self.wait(
                for: connection.query(query, logger: logger), seconds: deadline, server: server,
                what: "no answer")
        } catch {
            if Self.losesConnection(error) || connection.isClosed { lose() }
            throw error
        }
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
