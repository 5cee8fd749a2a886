import Foundation
import Hummingbird
import HummingbirdTesting
import Pipeline
import TestSupport
import Testing

@testable import ReviewStation

/// Two review stations (as on two machines) over one queue with one PostgreSQL ledger, a private
/// server the tests start: a document open at one is taken at the other, and resolved once.
@Suite("Stations sharing a PostgreSQL ledger")
struct SharedClaimTests {
    @Test("a document open at one station is taken at the other until released; resolved once")
    func twoStations() async throws {
        let address = try PostgresCluster.shared.get().createDatabase()
        let fixture = try await StationFixture(["juminhyo-001.tif", "juminhyo-004.tif"], ledger: address)
        let resolver = fixture.resolver
        let first = ReviewDesk(
            resolvers: [resolver],
            shared: ["juminhyo": try #require(try ReviewClaims(for: resolver, place: "A"))])
        let second = ReviewDesk(
            resolvers: [resolver],
            shared: ["juminhyo": try #require(try ReviewClaims(for: resolver, place: "B"))])
        let id = try fixture.id("juminhyo-004.tif")

        let held = try await first.claim(id, reviewer: "山田")
        #expect(await Self.refusal { try await second.claim(id, reviewer: "佐藤") } == "山田")
        let queue = try await second.queue()
        #expect(queue.workflows.first?.documents.first { $0.id == id }?.takenBy == "山田")
        #expect(try await second.document(id).takenBy == "山田")

        try await first.release(id, claim: held.claim)
        let taken = try await second.claim(id, reviewer: "佐藤")
        #expect(await Self.refusal { try await first.claim(id, reviewer: "山田") } == "佐藤")
        _ = try await second.resolve(
            id,
            ResolutionRequest(
                claim: taken.claim, values: nil, confirmations: nil, override: nil, reject: "別の様式"))
        await #expect(throws: StationError.self) { try await first.claim(id, reviewer: "山田") }
        #expect(resolver.queue.items().count == 1)
    }

    @Test("over HTTP: the station's claims and resolutions reach the shared ledger from request handlers")
    func overHTTP() async throws {
        let address = try PostgresCluster.shared.get().createDatabase()
        let fixture = try await StationFixture(["juminhyo-004.tif"], ledger: address)
        let id = try fixture.id("juminhyo-004.tif")
        let station = try ReviewStation(
            resolvers: [fixture.resolver], configuration: StationConfiguration(host: "127.0.0.1", port: 0))
        let app = Application(
            router: station.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let claim = try await client.claim(id, as: "山田")
            let elsewhere = try #require(try ReviewClaims(for: fixture.resolver, place: "other-pc"))
            #expect(
                try elsewhere.claim(
                    String(fixture.resolver.queue.items()[0].document), reviewer: "佐藤", lease: 60) == "山田")
            let done = try await client.post(
                "/api/documents/\(id)/resolution", ["claim": claim, "reject": "別の様式"])
            #expect(done.status == .ok)
        }
        #expect(fixture.resolver.queue.items().isEmpty)
    }

    /// Who the station said holds the document, when it refused to open it.
    static func refusal(_ body: () async throws -> ClaimView) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch let error as StationError {
            return error.takenBy
        } catch {
            return nil
        }
    }
}
