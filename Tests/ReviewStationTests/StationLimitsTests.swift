import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ReviewStation

/// Issue #24, case 7: work per client is bounded. Claims cannot queue unbounded image work, and
/// connections cannot hold the station's descriptors: idle ones are closed, and one client (before
/// any token check) or all together cannot open more than their share.
@Suite("Bounded work per client", .serialized)
struct StationLimitsTests {
    /// A value set once by another task.
    final class Box<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value?
        var value: Value? { lock.withLock { stored } }
        func set(_ value: Value) { lock.withLock { stored = value } }

        /// Waits up to `seconds` for the value.
        func wait(_ seconds: Double) async throws -> Value? {
            let deadline = Date().addingTimeInterval(seconds)
            while value == nil && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            return value
        }
    }

    @Test(
        "10,000 claims and releases leave at most one prefetch waiting; the next page image answers at once")
    func claimStorm() async throws {
        let fixture = try await StationFixture([
            "juminhyo-001.tif", "juminhyo-002.jpg", "juminhyo-004.tif", "juminhyo-010.tif",
        ])
        let ids = fixture.resolver.queue.items().map { String($0.document.prefix(16)) }
        // More documents than the renderer keeps prepared, so that every prefetch is real work.
        try #require(ids.count >= 4)
        let station = ReviewStation(
            desk: fixture.desk, configuration: StationConfiguration(host: "127.0.0.1", port: 0))
        let renderer = await fixture.desk.renderer
        try await Application(router: station.router()).test(.router) { client in
            for cycle in 0..<10_000 {
                let id = ids[cycle % ids.count]
                let claim = try await client.claim(id)
                let released = try await client.post("/api/documents/\(id)/release", ["claim": claim])
                try #require(released.status == .noContent)
            }
            #expect(renderer.waiting <= 1, "\(renderer.waiting) jobs wait on the image queue")
            let answered = Box<HTTPResponse.Status>()
            let page = Task {
                answered.set(try await client.get("/api/documents/\(ids[0])/pages/1.png").status)
            }
            let status = try await answered.wait(10)
            #expect(status == .ok, "the page image answered within 10 s")
            if status == nil { page.cancel() }
        }
    }

    /// The station served for real on a free port of 127.0.0.1, with an empty desk.
    final class Served: Sendable {
        let port: Int
        private let server: Task<Void, any Error>

        init(_ configure: (inout StationConfiguration) -> Void) async throws {
            var configuration = StationConfiguration(host: "127.0.0.1", port: 0)
            configure(&configuration)
            let station = ReviewStation(desk: ReviewDesk(resolvers: []), configuration: configuration)
            let address = Box<String>()
            server = Task { try await station.run { address.set($0) } }
            let url = try #require(try await address.wait(10), "the station started")
            port = try #require(URLComponents(string: url)?.port)
        }

        deinit { server.cancel() }

        /// A connection from `source` (any 127.x.y.z address: each is another client), sending nothing.
        func connect(from source: String) throws -> Int32 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(socket >= 0)
            func address(_ host: String, _ port: Int) -> sockaddr_in {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(port).bigEndian
                inet_pton(AF_INET, host, &address.sin_addr)
                return address
            }
            var local = address(source, 0)
            var remote = address("127.0.0.1", port)
            let size = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, size) }
            }
            let connected = withUnsafePointer(to: &remote) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, size) }
            }
            try #require(
                bound == 0 && connected == 0, "connect from \(source): \(String(cString: strerror(errno)))")
            return socket
        }

        /// Whether the station closed `socket` within `seconds` (end of stream or reset).
        static func closed(_ socket: Int32, within seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while true {
                let left = deadline.timeIntervalSinceNow
                guard left > 0 else { return false }
                var poll = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                if Glibc.poll(&poll, 1, Int32(left * 1000)) > 0 {
                    var byte: UInt8 = 0
                    if recv(socket, &byte, 1, Int32(MSG_DONTWAIT)) <= 0 { return true }
                }
            }
        }

        /// The status line of `GET /api/queue` sent from `source` in one piece, or nil when nothing
        /// came back within `seconds`.
        func queueStatus(from source: String, within seconds: Double) throws -> String? {
            let socket = try connect(from: source)
            defer { close(socket) }
            let request = "GET /api/queue HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            _ = request.withCString { send(socket, $0, strlen($0), 0) }
            var poll = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&poll, 1, Int32(seconds * 1000)) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            return String(decoding: buffer[..<count], as: UTF8.self).components(separatedBy: "\r\n").first
        }
    }

    @Test(
        "connections over one client's cap close at once, another client is answered, idle and slow ones close"
    )
    func perClientAndIdle() async throws {
        let served = try await Served {
            $0.idleTimeout = 3
            $0.connectionsPerClient = 4
        }
        let held = try (0..<4).map { _ in try served.connect(from: "127.0.0.1") }
        try await Task.sleep(for: .milliseconds(300))
        let over = try (0..<3).map { _ in try served.connect(from: "127.0.0.1") }
        // Headers sent a byte at a time: a slow client is not busy, it is idle.
        let slow = try served.connect(from: "127.0.0.3")
        defer { (held + over + [slow]).forEach { close($0) } }
        for socket in over {
            #expect(Served.closed(socket, within: 1), "a connection over the cap was closed")
        }
        for socket in held { #expect(!Served.closed(socket, within: 0.01), "the first four stay open") }
        #expect(try served.queueStatus(from: "127.0.0.2", within: 5) == "HTTP/1.1 200 OK")

        // 20 bytes at 250 ms take 5 s, past the 3 s idle timeout: the server must cut the client off
        // before the last byte (counted in bytes, so a loaded machine's late wake-ups cannot fail it).
        var sent = 0
        for byte in "GET /api/queue HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8.prefix(20) {
            var byte = byte
            guard send(slow, &byte, 1, Int32(MSG_NOSIGNAL)) == 1 else { break }
            sent += 1
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(sent < 20, "the slow client was cut off before it finished its headers")
        #expect(Served.closed(slow, within: 1))
        for socket in held { #expect(Served.closed(socket, within: 3), "an idle connection was closed") }
    }

    @Test("past the total cap a new client waits, and is answered once idle connections are closed")
    func totalCap() async throws {
        let served = try await Served {
            $0.idleTimeout = 2
            $0.connectionsPerClient = 4
            $0.maxConnections = 6
        }
        // Timed from before the held connections open: their idle clock cannot start earlier, and a
        // loaded machine that wakes the sleep late cannot make the wait look short.
        let opened = Date()
        let held =
            try (0..<4).map { _ in try served.connect(from: "127.0.0.1") }
            + (0..<2).map { _ in try served.connect(from: "127.0.0.2") }
        defer { held.forEach { close($0) } }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try served.queueStatus(from: "127.0.0.3", within: 6) == "HTTP/1.1 200 OK")
        #expect(Date().timeIntervalSince(opened) > 1.5, "it waited for the idle connections to close")
    }
}
