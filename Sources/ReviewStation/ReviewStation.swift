import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Pipeline

/// Where and how the station listens.
public struct StationConfiguration: Sendable {
    public var host: String
    /// 0 takes any free port (the address is printed when the station is up).
    public var port: Int
    /// Required of every request when `host` is not a loopback address.
    public var token: String?
    /// How long a document stays taken by a reviewer not heard from (seconds).
    public var lease: TimeInterval = 300
    /// Seconds a connection may go without sending a whole request head (idle between requests, or
    /// sending its headers or body slowly) before it is closed; a browser reconnects at once.
    public var idleTimeout: TimeInterval = 30
    /// Connections one client address may hold open: 16 (a browser opens 6 at most). More are closed
    /// as they open, before any token is checked.
    public var connectionsPerClient = 16
    /// Connections open at once from all clients: 256, or a quarter of the open-file limit when that
    /// is lower, so the station always has descriptors for its scans and ledger. Further connections
    /// wait unanswered in the listen queue until one closes.
    public var maxConnections = StationConfiguration.defaultMaxConnections

    public init(host: String = "127.0.0.1", port: Int = 8765, token: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    /// 128 random bits as 32 hex digits: an access token, or a claim on a document.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 256 }
        return Int(clamping: min(256, max(8, limit.rlim_cur / 4)))
    }

    /// Whether the address is reachable from this machine only.
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}

/// `rpa review serve`: the review station for one or more workflows' queues, in the browser.
public struct ReviewStation: Sendable {
    let desk: ReviewDesk
    let configuration: StationConfiguration
    /// The queues this station holds (with an SQLite ledger), for as long as it lives.
    let holds: [QueueHold]

    /// A station over `resolvers`' queues. With an SQLite ledger it holds each queue for its
    /// lifetime: a second station on one throws ``ReviewError/served(pid:)``. With a shared
    /// (PostgreSQL) ledger, its claims on documents are kept there instead, so stations on several
    /// machines over one queue never resolve a document twice; throws when that ledger cannot be
    /// reached. Resolutions an interruption left half-done are finished first.
    public init(resolvers: [ReviewResolver], configuration: StationConfiguration) throws {
        let place = "station-\(ProcessInfo.processInfo.hostName)-\(getpid())"
        var shared: [String: ReviewClaims] = [:]
        var holds: [QueueHold] = []
        for resolver in resolvers {
            if let hold = try resolver.holdForStation() { holds.append(hold) }
            shared[resolver.workflow.id] = try ReviewClaims(for: resolver, place: place)
            try resolver.finishInterrupted()
        }
        self.init(
            desk: ReviewDesk(resolvers: resolvers, lease: configuration.lease, shared: shared),
            configuration: configuration, holds: holds)
    }

    init(desk: ReviewDesk, configuration: StationConfiguration, holds: [QueueHold] = []) {
        self.desk = desk
        self.configuration = configuration
        self.holds = holds
    }

    /// The routes and their guards, outermost first.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        router.add(middleware: PathGuard())
        router.add(middleware: AccessGuard(token: configuration.token))
        router.add(middleware: CrossSiteGuard())
        StationRoutes.add(to: router, desk: desk)
        return router
    }

    /// Serves until SIGINT or SIGTERM; `ready` gets the address once the station is listening.
    /// Requests in progress get `stopGrace` seconds to finish, then the process ends regardless.
    public func run(stopGrace: TimeInterval = 5, ready: @escaping @Sendable (_ url: String) -> Void)
        async throws
    {
        let stopping = StopDeadline(grace: stopGrace)
        defer { stopping.cancel() }
        var logger = Logger(label: "rpa.review")
        logger.logLevel = .warning
        let clients = ClientConnections(perClient: configuration.connectionsPerClient)
        let app = Application(
            router: router(),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ClientConnectionLimit(clients)],
                    idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            onServerRunning: { [host = configuration.host] channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                ready("http://\(shown):\(port)/")
            },
            logger: logger)
        try await app.runService()
    }
}
