import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ReviewStation

/// Who may use the station and what a request may name: tokens, cross-site requests, paths.
@Suite("Review station security", .serialized)
struct StationSecurityTests {
    @Test("Every answer carries a Content-Security-Policy without inline script, and no caching")
    func headers() async throws {
        let fixture = try await StationFixture([StationAPITests.oneDoubtful])
        try await fixture.serve { client in
            for uri in ["/", "/api/queue", "/api/documents/0000000000000000", "/assets/station.js"] {
                let response = try await client.get(uri)
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
                #expect(response.headers[.cacheControl] == "no-store")
            }
            let page = String(buffer: try await client.get("/").body)
            #expect(page.contains("/assets/station.js") && !page.contains("<script>"))
        }
    }

    @Test("State-changing requests need the station's header and a JSON body, from its own origin")
    func crossSite() async throws {
        let fixture = try await StationFixture([StationAPITests.oneDoubtful])
        let id = try fixture.id(StationAPITests.oneDoubtful)
        try await fixture.serve { client in
            let form = try await client.execute(
                uri: "/api/documents/\(id)/claim", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "reviewer=x"))
            #expect(form.status == .forbidden)
            let foreign = try await client.post(
                "/api/documents/\(id)/claim", ["reviewer": "x"], headers: [.origin: "http://evil.example"])
            #expect(foreign.status == .forbidden)
            let crossSite = try await client.post(
                "/api/documents/\(id)/claim", ["reviewer": "x"],
                headers: [.secFetchSite: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let put = try await client.execute(uri: "/api/queue", method: .put)
            #expect(put.status == .methodNotAllowed)
        }
    }

    @Test("On loopback only requests addressed to the loopback name are served (no DNS rebinding)")
    func loopbackNames() {
        for name in ["127.0.0.1:8765", "localhost:8765", "LOCALHOST", "[::1]:8765", "127.0.0.1"] {
            #expect(AccessGuard<BasicRequestContext>.isLoopbackName(name), "\(name)")
        }
        for name in ["evil.example:8765", "127.0.0.1.evil.example", "", "[::2]:80", "localhost.evil:80"] {
            #expect(!AccessGuard<BasicRequestContext>.isLoopbackName(name), "\(name)")
        }
    }

    @Test("Ids and image paths cannot leave the review folder")
    func paths() async throws {
        let fixture = try await StationFixture([StationAPITests.oneDoubtful])
        try await fixture.serve { client in
            for uri in [
                "/api/documents/..%2F..%2Fetc/pages/1.png", "/api/documents/%2e%2e/pages/1.png",
                "/api/documents/../../etc/passwd", "/api/documents/0123456789abcdef%2f..",
                "/api/documents/%2Fetc%2Fpasswd", "/api/documents/ABCDEF0123456789",
                "/api/documents/0123456789abcdef/pages/..%5c1.png", "/documents/..%2f",
            ] {
                let response = try await client.get(uri)
                #expect([.badRequest, .notFound].contains(response.status), "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
            }
        }
    }

    @Test("Beyond this machine every request needs the token; the address with it sets a private cookie")
    func token() async throws {
        let fixture = try await StationFixture([StationAPITests.oneDoubtful])
        let token = "0123456789abcdef0123456789abcdef"
        try await fixture.serve(token: token) { client in
            #expect(try await client.get("/api/queue").status == .unauthorized)
            #expect(try await client.get("/").status == .unauthorized)
            #expect(
                try await client.get("/api/queue", headers: [.authorization: "Bearer wrong"]).status
                    == .unauthorized)
            #expect(
                try await client.get("/api/queue", headers: [.authorization: "Bearer \(token)"]).status == .ok
            )
            let opened = try await client.get("/?token=\(token)")
            #expect(opened.status == .seeOther && opened.headers[.location] == "/")
            let cookie = try #require(opened.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let withCookie = try await client.get("/api/queue", headers: [.cookie: "rpa_station=\(token)"])
            #expect(withCookie.status == .ok)
        }
    }
}
