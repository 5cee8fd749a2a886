import Foundation

/// A private PostgreSQL server for tests: `initdb` into a temporary folder, started with `pg_ctl`
/// listening only on a Unix socket in that folder, stopped and removed when the test process ends.
/// Nothing of the machine's own (no system service, no root-owned cluster) is used or needed.
///
/// PostgreSQL refuses to run as root; a test process running as root starts the server as the
/// `postgres` user that Debian's package creates.
public final class PostgresCluster: Sendable {
    /// The folder holding the data and the socket.
    public let folder: URL
    private let data: URL
    private let binaries: URL
    private let owner: String?
    /// The server's options (`pg_ctl -o`), to start it again after ``stop()``.
    private let options: String

    /// The one server of this test process, started on first use (Unix socket, logins trusted).
    public static let shared: Result<PostgresCluster, any Error> = Result { try PostgresCluster(tls: false) }

    /// A second server that also listens on 127.0.0.1 with TLS (a self-signed certificate for
    /// `localhost`, ``certificate``) and asks TCP logins for ``password``, for the connection paths
    /// of machines that reach the server over the network.
    public static let withTLS: Result<PostgresCluster, any Error> = Result { try PostgresCluster(tls: true) }

    /// A server of the calling test's own, to stop and start again (an outage) without disturbing
    /// the other tests' server.
    public static func own() throws -> PostgresCluster { try PostgresCluster(tls: false) }

    /// The TCP port (with TLS), and the Unix socket's number.
    public let port: Int
    /// The server's self-signed certificate (PEM), to trust with `sslrootcert`; nil without TLS.
    public let certificate: URL?
    /// The password of role `rpa` over TCP.
    public static let password = "rpa-test-password"

    /// Why the server could not be started, with its log.
    public struct ClusterError: Error, CustomStringConvertible {
        public let description: String
    }

    private init(tls: Bool) throws {
        let binaries: URL
        guard let found = Self.findBinaries() else {
            throw ClusterError(
                description: "initdb not found: install Debian's postgresql package (scripts/install-deps.sh)"
            )
        }
        binaries = found
        self.binaries = found
        owner = geteuid() == 0 ? "postgres" : nil
        folder = URL(fileURLWithPath: "/tmp/rpa-pg-\(getpid())-\(UUID().uuidString.prefix(8))")
        data = folder.appendingPathComponent("data")
        port = tls ? Int.random(in: 30_000...60_000) : 5432
        certificate = tls ? folder.appendingPathComponent("server.crt") : nil
        let key = folder.appendingPathComponent("server.key").path
        options =
            "-k \(folder.path) -p \(port) -c fsync=off -c max_connections=200"
            + (tls
                ? " -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=\(certificate?.path ?? "")"
                    + " -c ssl_key_file=\(key)"
                : " -c listen_addresses=''")
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            var authentication = ["-A", "trust"]
            if tls {
                let secret = folder.appendingPathComponent("password").path
                try Self.run(
                    "/usr/bin/openssl",
                    [
                        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out",
                        folder.appendingPathComponent("server.crt").path,
                    ])
                try Self.password.write(toFile: secret, atomically: true, encoding: .utf8)
                if let owner { try Self.run("/usr/bin/chown", [owner, key, secret]) }
                _ = chmod(key, 0o600)
                authentication = ["--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=\(secret)"]
            }
            if let owner { try Self.run("/usr/bin/chown", [owner, folder.path]) }
            try run(
                "initdb",
                ["-D", data.path, "-U", "rpa", "-E", "UTF8", "--locale=C", "--no-sync"] + authentication)
            try start()
        } catch {
            let folder = folder
            let log =
                (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: folder)
            throw ClusterError(description: "the test PostgreSQL server did not start: \(error)\n\(log)")
        }
        let stop = { [data, binaries, owner, folder] in
            let pgctl = binaries.appendingPathComponent("pg_ctl").path
            _ = try? Self.run(
                Self.command(pgctl, owner),
                Self.arguments(["-D", data.path, "-m", "immediate", "-w", "stop"], owner, program: pgctl))
            try? FileManager.default.removeItem(at: folder)
        }
        ClusterRegistry.stopAtExit(stop)
    }

    /// Starts the server (again, after ``stop(_:)``), and waits until it takes connections.
    public func start() throws {
        try run(
            "pg_ctl",
            [
                "-D", data.path, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
                "-o", options, "start",
            ])
    }

    /// Stops the server: `immediate` as a crash or power cut would (sessions cut, no checkpoint),
    /// `fast` as an administrator would (sessions told, then ended).
    public func stop(_ mode: String = "immediate") throws {
        try run("pg_ctl", ["-D", data.path, "-m", mode, "-w", "stop"])
    }

    /// Freezes (SIGSTOP) or thaws (SIGCONT) the server and every session process: connections stay
    /// open and nothing answers, as with a server hung or a network cut without a reset.
    public func freeze(_ frozen: Bool) throws {
        let text = try String(contentsOf: data.appendingPathComponent("postmaster.pid"), encoding: .utf8)
        guard let line = text.split(separator: "\n").first, let server = pid_t(line) else {
            throw ClusterError(description: "no server process in postmaster.pid")
        }
        var processes = [server]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // Fields after the command's closing parenthesis: state, then the parent's id.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == server { processes.append(pid) }
        }
        for pid in processes { kill(pid, frozen ? SIGSTOP : SIGCONT) }
    }

    /// A new, empty database on the server, as the connection string the ledger takes.
    public func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try run("createdb", ["-h", folder.path, "-p", String(port), "-U", "rpa", String(name)])
        return address(database: String(name))
    }

    /// The connection string of database `name`, over the Unix socket.
    public func address(database name: String) -> String {
        "postgresql://rpa@/\(name)?host=\(folder.path)&port=\(port)"
    }

    /// Runs one of the server's programs (as the server's owner when the tests run as root).
    private func run(_ program: String, _ arguments: [String]) throws {
        let path = binaries.appendingPathComponent(program).path
        try Self.run(Self.command(path, owner), Self.arguments(arguments, owner, program: path))
    }

    private static func command(_ path: String, _ owner: String?) -> String {
        owner == nil ? path : "/usr/sbin/runuser"
    }

    private static func arguments(_ arguments: [String], _ owner: String?, program: String? = nil) -> [String]
    {
        guard let owner else { return arguments }
        return ["-u", owner, "--", program ?? ""] + arguments
    }

    /// Runs a program to its end, its output in a file. posix_spawn and waitpid rather than
    /// Foundation's Process, whose wait for a child was seen to hang inside test processes.
    private static func run(_ executable: String, _ arguments: [String]) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rpa-pg-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ClusterError(description: "\(executable) could not be started (errno \(spawned))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exited == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ClusterError(
                description: "\(arguments.joined(separator: " ")) exited \(exited): \(text)")
        }
    }

    /// initdb's folder: on the PATH, else Debian's /usr/lib/postgresql/VERSION/bin (newest).
    private static func findBinaries() -> URL? {
        let manager = FileManager.default
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("initdb")
            if manager.isExecutableFile(atPath: candidate.path) {
                return candidate.resolvingSymlinksInPath().deletingLastPathComponent()
            }
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? manager.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() {
            let folder = URL(fileURLWithPath: "\(root)/\(version)/bin")
            if manager.isExecutableFile(atPath: folder.appendingPathComponent("initdb").path) {
                return folder
            }
        }
        return nil
    }
}

/// Stops the servers when the test process exits.
private enum ClusterRegistry {
    nonisolated(unsafe) static var stops: [() -> Void] = []
    static let lock = NSLock()

    static func stopAtExit(_ stop: @escaping () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if stops.isEmpty { atexit { ClusterRegistry.runAll() } }
        stops.append(stop)
    }

    static func runAll() {
        lock.lock()
        let all = stops
        stops = []
        lock.unlock()
        for stop in all { stop() }
    }
}
