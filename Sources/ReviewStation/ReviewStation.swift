import Foundation
import Hummingbird
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

    /// Whether the address is reachable from this machine only.
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}

/// `rpa review serve`: the review station for one or more workflows' queues, in the browser.
public struct ReviewStation: Sendable {
    let desk: ReviewDesk
    let configuration: StationConfiguration

    /// A station over `resolvers`' queues. With a shared (PostgreSQL) ledger, its claims on documents
    /// are kept there too, so stations on several machines over one queue never resolve a document
    /// twice; throws when that ledger cannot be reached.
    public init(resolvers: [ReviewResolver], configuration: StationConfiguration) throws {
        let place = "station-\(ProcessInfo.processInfo.hostName)-\(getpid())"
        var shared: [String: ReviewClaims] = [:]
        for resolver in resolvers {
            shared[resolver.workflow.id] = try ReviewClaims(for: resolver, place: place)
        }
        self.init(
            desk: ReviewDesk(resolvers: resolvers, lease: configuration.lease, shared: shared),
            configuration: configuration)
    }

    init(desk: ReviewDesk, configuration: StationConfiguration) {
        self.desk = desk
        self.configuration = configuration
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
        let app = Application(
            router: router(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { [host = configuration.host] channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                ready("http://\(shown):\(port)/")
            },
            logger: logger)
        try await app.runService()
    }
}
