import Foundation
import Ledger
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The shared ledger's PostgreSQL server going away while `rpa run` and `rpa review serve` use it
/// (each test on a server of its own, stopped with `pg_ctl stop -m immediate` as by a crash): the
/// run ends with exit 75 and a rerun counts each document once; the station answers 503, recovers
/// by itself, and always stops on SIGTERM. Every wait is bounded, so a hang fails the test.
@Suite("The shared ledger's server going away")
struct DatabaseOutageTests {
    /// The committed 住民票 scans, the TIFF ones also copied twice with a few bytes added after the
    /// image (JPEG refuses them), so that the run has 26 documents to read.
    static func workspace() throws -> Workspace {
        let space = try Workspace()
        let batch = TestRoot.url.appendingPathComponent("samples/juminhyo/batch-01")
        let names = try FileManager.default.contentsOfDirectory(atPath: batch.path).filter {
            $0.hasSuffix(".tif") || $0.hasSuffix(".jpg")
        }
        for name in names {
            let bytes = try Data(contentsOf: batch.appendingPathComponent(name))
            for copy in 0..<(name.hasSuffix(".tif") ? 3 : 1) {
                let file = space.scans.appendingPathComponent("\(copy)-\(name)")
                try (bytes + Data(copy == 0 ? [] : Array("copy \(copy)".utf8))).write(to: file)
            }
        }
        return space
    }

    static func arguments(_ space: Workspace, _ address: String) -> [String] {
        [
            "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger", address,
            "--quiet", "--json", "--workers", "1",
        ]
    }

    /// Waits up to `seconds` for the process to end; kills it (and says so) when it has not.
    static func ends(_ running: CLI.Running, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while running.process.isRunning && Date() < deadline { usleep(50_000) }
        guard running.process.isRunning else { return true }
        kill(running.process.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        return false
    }

    @Test(
        "rpa run: the server stopped mid-run ends it with exit 75 within the lease; a rerun counts each document once"
    )
    func runOutage() throws {
        let cluster = try PostgresCluster.own()
        defer { try? cluster.stop() }
        let address = try cluster.createDatabase()
        let space = try Self.workspace()
        let documents = try FileManager.default.contentsOfDirectory(atPath: space.scans.path).count
        let watcher = try Ledger(path: address)
        let run = try CLI.start(Self.arguments(space, address))
        // Stopped as soon as a few documents are counted, while most are still to read.
        let watching = Date()
        while (try? watcher.documentCount()) ?? 0 < 3 && run.process.isRunning
            && Date().timeIntervalSince(watching) < 120
        {
            usleep(50_000)
        }
        try cluster.stop()
        let stopped = Date()
        // 60 s: the run's lease, after which other machines would take its documents over.
        let ended = Self.ends(run, within: 60)
        #expect(ended, "rpa run still running 60 s after the server stopped")
        let result = run.result()
        #expect(result.status == 75, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("cannot be reached"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(stopped) < 60)

        try cluster.start()
        // A new connection (that the watcher's reconnects is PostgresOutageTests' subject).
        let ledger = try Ledger(path: address)
        let counted = try ledger.documentCount()
        #expect(counted >= 3 && counted < documents, "\(counted) of \(documents) counted before the stop")
        let rerun = try CLI.start(Self.arguments(space, address))
        #expect(Self.ends(rerun, within: 300))
        let again = rerun.result()
        #expect([0, 3].contains(again.status), "\(again.status) \(again.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        // Each document counted once over the two runs, with its outputs and queue item.
        #expect(summary["counted"] as? Int == documents - counted)
        #expect(try ledger.documentCount() == documents)
        #expect(try ledger.verify().isIntact)
        let totals = try ledger.report().totals
        let csv = try String(
            contentsOf: space.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.count == totals.accepted)
        // The run's queue and the ledger agree on what waits for review.
        #expect(summary["waiting"] as? Int == totals.waiting)
        #expect(totals.accepted + totals.waiting == documents)
    }

    @Test(
        "rpa review serve: 503 while the server is away, 200 again by itself once it is back; SIGTERM stops it"
    )
    func stationOutage() throws {
        let cluster = try PostgresCluster.own()
        defer { try? cluster.stop() }
        let address = try cluster.createDatabase()
        let space = try Workspace(scans: ["juminhyo-001.tif", "juminhyo-004.tif"])
        try space.sendEveryDocumentToReview()
        let run = try CLI.run(Self.arguments(space, address))
        #expect(run.status == 3, "\(run.stderr)")
        let station = try Station(space, address)
        defer { station.kill() }
        let queue = try #require(station.call("/api/queue"))
        let workflows = queue.body["workflows"] as? [[String: Any]]
        let ids = (workflows?.first?["documents"] as? [[String: Any]] ?? []).compactMap {
            $0["id"] as? String
        }
        try #require(ids.count == 2)
        let token =
            try #require(station.call("/api/documents/\(ids[0])/claim", ["reviewer": "山田"]))
            .body["claim"] as? String
        let resolution: [String: Any] = ["claim": token ?? "", "reject": "別の様式"]

        try cluster.stop()
        // Before the fix: the resolution answered 500, then nothing answered again.
        for (path, body) in [
            ("/api/queue", nil), ("/api/documents/\(ids[1])/claim", ["reviewer": "佐藤"]),
            ("/api/documents/\(ids[0])/resolution", resolution),
        ] as [(String, [String: Any]?)] {
            let asked = Date()
            let answer = station.call(path, body)
            #expect(answer?.status == 503, "\(path): \(String(describing: answer))")
            #expect(answer?.body["error"] as? String == "ledger_unreachable")
            #expect(Date().timeIntervalSince(asked) < 10, "\(path)")
        }

        try cluster.start()
        #expect(station.call("/api/queue")?.status == 200)
        #expect(station.call("/api/documents/\(ids[1])/claim", ["reviewer": "佐藤"])?.status == 200)
        #expect(station.call("/api/documents/\(ids[0])/resolution", resolution)?.status == 200)
        let totals = try Ledger(path: address).report().totals
        #expect(totals.reviewsResolved == 1 && totals.rejected == 1)

        // Away again: SIGTERM still stops the station at once.
        try cluster.stop()
        #expect(station.call("/api/queue")?.status == 503)
        kill(station.running.process.processIdentifier, SIGTERM)
        #expect(Self.ends(station.running, within: 10))
        #expect(station.running.process.terminationStatus == 0)
    }

    @Test(
        "rpa review serve stops within seconds of SIGTERM even with a call stuck on a server that stopped answering"
    )
    func stationStuck() throws {
        let cluster = try PostgresCluster.own()
        defer { try? cluster.stop() }
        let address = try cluster.createDatabase()
        let space = try Workspace()
        let station = try Station(space, address)
        defer { station.kill() }
        #expect(station.call("/api/queue")?.status == 200)

        try cluster.freeze(true)
        defer { try? cluster.freeze(false) }
        station.send("/api/queue")
        sleep(1)
        let signalled = Date()
        kill(station.running.process.processIdentifier, SIGTERM)
        // Before the fix it waited for the stuck request for as long as the server was frozen.
        #expect(Self.ends(station.running, within: 10), "still serving 10 s after SIGTERM")
        #expect(Date().timeIntervalSince(signalled) < 10)
    }

    /// `rpa review serve` on the workspace's output, on a free port.
    struct Station: Sendable {
        let running: CLI.Running
        let url: URL

        init(_ space: Workspace, _ address: String) throws {
            running = try CLI.start([
                "review", "serve", space.workflow, "--output", space.output.path, "--ledger", address,
                "--port", "0",
            ])
            // Its first line names the address, once it listens.
            let asked = Date()
            var address: URL?
            while address == nil && running.process.isRunning && Date().timeIntervalSince(asked) < 60 {
                let text = (try? String(contentsOf: running.out, encoding: .utf8)) ?? ""
                address = text.split(separator: "\n").first { $0.hasPrefix("Review station: ") }
                    .flatMap { URL(string: String($0.dropFirst("Review station: ".count))) }
                usleep(100_000)
            }
            guard let address else {
                if running.process.isRunning { Foundation.kill(running.process.processIdentifier, SIGKILL) }
                let result = running.result()
                throw CocoaError(
                    .fileReadUnknown,
                    userInfo: [NSLocalizedDescriptionKey: "the station did not start: \(result.stderr)"])
            }
            url = address
        }

        /// The station's answer (status and JSON body), or nil when none came within `timeout`.
        /// (Synchronous, on URLSession's own threads: tests busy elsewhere cannot delay it.)
        func call(_ path: String, _ json: [String: Any]? = nil, timeout: Double = 15) -> (
            status: Int, body: [String: Any]
        )? {
            let answered = DispatchSemaphore(value: 0)
            let answer = Answer()
            send(path, json, timeout: timeout) { data, status in
                answer.status = status
                answer.data = data
                answered.signal()
            }
            guard answered.wait(timeout: .now() + timeout + 5) == .success, let status = answer.status else {
                return nil
            }
            return (status, (try? JSONSerialization.jsonObject(with: answer.data) as? [String: Any]) ?? [:])
        }

        /// Sends a request (a POST with `json`), and hands its answer to `done` (status nil for none).
        func send(
            _ path: String, _ json: [String: Any]? = nil, timeout: Double = 60,
            done: @escaping @Sendable (Data, Int?) -> Void = { _, _ in }
        ) {
            var request = URLRequest(url: url.appendingPathComponent(path), timeoutInterval: timeout)
            if let json {
                request.httpMethod = "POST"
                request.httpBody = try? JSONSerialization.data(withJSONObject: json)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.setValue("station", forHTTPHeaderField: "X-RPA-Request")
            }
            URLSession.shared.dataTask(with: request) { data, response, _ in
                done(data ?? Data(), (response as? HTTPURLResponse)?.statusCode)
            }.resume()
        }

        final class Answer: @unchecked Sendable {
            var status: Int?
            var data = Data()
        }

        func kill() {
            if running.process.isRunning { Foundation.kill(running.process.processIdentifier, SIGKILL) }
            _ = running.result()
        }
    }
}
