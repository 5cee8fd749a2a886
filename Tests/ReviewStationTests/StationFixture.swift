import Foundation
import Hummingbird
import HummingbirdTesting
import Pipeline
import TestSupport
import Workflow

@testable import ReviewStation

/// A clock the test moves by hand, so measured minutes are exact.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Committed sample scans read by `rpa run`'s pipeline into a scratch folder, and a station over
/// the review queue they leave, served for real on a free port.
final class StationFixture: @unchecked Sendable {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "rpa-station-\(UUID().uuidString)")
    let clock = ManualClock()
    let resolver: ReviewResolver
    let desk: ReviewDesk
    let ledger: String
    var output: URL { root.appendingPathComponent("out", isDirectory: true) }

    /// Reads `scans` (file names in samples/juminhyo/batch-01) with the committed 住民票 workflow, 住所
    /// held to confidence 100, counting them in `ledger` (a file in the scratch folder unless given).
    init(_ scans: [String], ledger: String? = nil) async throws {
        self.ledger = ledger ?? root.appendingPathComponent("ledger.sqlite").path
        let folder = root.appendingPathComponent("scans", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let batch = Fixtures.root.appendingPathComponent("samples/juminhyo/batch-01")
        for scan in scans {
            try FileManager.default.copyItem(
                at: batch.appendingPathComponent(scan), to: folder.appendingPathComponent(scan))
        }
        var workflow = try WorkflowLoader().load(
            Fixtures.root.appendingPathComponent("workflows/juminhyo.yml"))
        // 住所 held to a floor of its own, 100, so that juminhyo-002 waits with one doubtful field
        // that was read right: the committed workflow accepts it (its place is in the town list).
        if let address = workflow.fields.firstIndex(where: { $0.name == "住所" }) {
            workflow.fields[address].minConfidence = 100
        }
        var options = BatchOptions(outputRoot: root.appendingPathComponent("out", isDirectory: true))
        options.workers = 1
        options.ledgerPath = self.ledger
        // Tesseract alone: the fixtures are documents as it leaves them for review (a birth date read as
        // nothing usable); the station is what these tests are about, not the engines.
        options.neural = nil
        _ = try await BatchRunner(workflow: workflow, options: options).run(folder)
        resolver = ReviewResolver(
            workflow: workflow, root: options.outputRoot, ledgerPath: options.ledgerPath)
        let clock = clock
        desk = ReviewDesk(resolvers: [resolver], clock: { clock.now })
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The review item id (16 hex digits) of a scan.
    func id(_ scan: String) throws -> String {
        guard let item = resolver.queue.items().first(where: { $0.file == scan }) else {
            throw StationError.notFound(scan)
        }
        return String(item.document.prefix(16))
    }

    /// Runs `body` against the station's router in process (no socket, so no client time-out on a loaded
    /// machine); the connection limits are tested on a real socket in StationLimitsTests.
    func serve<T: Sendable>(
        token: String? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let station = ReviewStation(
            desk: desk, configuration: StationConfiguration(host: "127.0.0.1", port: 0, token: token))
        let app = Application(
            router: station.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.router, body)
    }
}

/// Requests as the station's page makes them.
extension TestClientProtocol {
    func post(_ uri: String, _ json: [String: Any], headers: HTTPFields = [:]) async throws -> TestResponse {
        var all: HTTPFields = [.contentType: "application/json", .rpaRequest: "station"]
        all.append(contentsOf: headers)
        let data = try JSONSerialization.data(withJSONObject: json)
        return try await execute(uri: uri, method: .post, headers: all, body: ByteBuffer(bytes: data))
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Claims a document for `reviewer` and returns the claim.
    func claim(_ id: String, as reviewer: String = "山田") async throws -> String {
        let response = try await post("/api/documents/\(id)/claim", ["reviewer": reviewer])
        return try response.json()["claim"] as? String ?? ""
    }
}

extension TestResponse {
    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }
}
