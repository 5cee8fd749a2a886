import Foundation
import Ledger
import Synchronization
import TestSupport
import Testing

/// Several `rpa run` processes, as on several machines, over one folder with one PostgreSQL ledger
/// (a private server the tests start): each document read once, counted once, written once.
@Suite("Several machines on one PostgreSQL ledger")
struct SharedLedgerTests {
    static let scans = [
        "juminhyo-001.tif", "juminhyo-002.jpg", "juminhyo-003.tif", "juminhyo-004.tif", "juminhyo-005.tif",
        "juminhyo-006.tif", "juminhyo-007.jpg", "juminhyo-008.tif",
    ]

    private func arguments(_ space: Workspace, _ address: String, lease: Int = 60) -> [String] {
        [
            "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger", address,
            "--quiet", "--json", "--workers", "1", "--lease", String(lease),
        ]
    }

    private func summary(_ result: CLI.Result) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    /// Ledger, outputs and queue after the runs: every scan counted once, every accepted document
    /// in the CSV once, the chain intact.
    private func checkExactlyOnce(_ space: Workspace, _ address: String) throws {
        let ledger = try Ledger(path: address)
        #expect(try ledger.documentCount() == Self.scans.count)
        #expect(try ledger.verify().isIntact)
        #expect(try ledger.workInProgress().isEmpty)
        let csv = try String(
            contentsOf: space.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let totals = try ledger.report().totals
        #expect(Set(rows).count == rows.count)
        #expect(rows.count == totals.accepted)
        // Nothing here is resolved: every document read is accepted or waits for review.
        #expect(totals.accepted + totals.waiting == Self.scans.count)
    }

    @Test("three runs started together read, count and write every document once")
    func threeTogether() throws {
        let address = try PostgresCluster.shared.get().createDatabase()
        let space = try Workspace(scans: Self.scans)
        let processes = try (0..<3).map { _ in try CLI.start(arguments(space, address)) }
        let results = processes.map { running in
            running.process.waitUntilExit()
            return running.result()
        }
        var read = 0
        for result in results {
            #expect([0, 3].contains(result.status), "\(result.status) \(result.stderr)")
            read += try summary(result)["processed"] as? Int ?? -100
        }
        // Each document read by exactly one of the three.
        #expect(read == Self.scans.count)
        try checkExactlyOnce(space, address)
    }

    @Test("a run killed mid-document: its documents are read by the others, each counted once")
    func killedMidDocument() throws {
        let address = try PostgresCluster.shared.get().createDatabase()
        let space = try Workspace(scans: Self.scans)
        let ledger = try Ledger(path: address)
        let victim = try CLI.start(arguments(space, address, lease: 6))
        // Killed (as by a power cut) as soon as it holds a document. A thread of its own watches,
        // so that tests busy elsewhere in this process cannot delay the kill.
        let watcher = Thread {
            for _ in 0..<2400 where victim.process.isRunning {
                if let held = try? ledger.workInProgress(), !held.isEmpty {
                    kill(victim.process.processIdentifier, SIGKILL)
                    return
                }
                usleep(50_000)
            }
        }
        watcher.start()
        victim.process.waitUntilExit()
        _ = victim.result()
        #expect(victim.process.terminationReason == .uncaughtSignal)
        #expect(try ledger.documentCount() < Self.scans.count)

        let others = try (0..<3).map { _ in try CLI.start(arguments(space, address, lease: 6)) }
        for running in others {
            running.process.waitUntilExit()
            let result = running.result()
            #expect([0, 3].contains(result.status), "\(result.status) \(result.stderr)")
        }
        try checkExactlyOnce(space, address)
    }

    @Test("documents held by a machine that died are taken over when its leases end, not before")
    func anotherMachineDied() throws {
        let address = try PostgresCluster.shared.get().createDatabase()
        let space = try Workspace(scans: Self.scans)
        let ledger = try Ledger(path: address)
        // Another PC claimed two documents, then lost power: its claims stay until their leases end.
        let dead = "other-pc/00000000-1/4242/1"
        let started = Date()
        var hashes: [String] = []
        for scan in Self.scans.prefix(2) {
            let hash = DocumentHash.sha256(of: try Data(contentsOf: space.scans.appendingPathComponent(scan)))
            let item = WorkItem(workflow: "juminhyo", version: "1", documentHash: hash)
            #expect(try ledger.claim(item, holder: dead, lease: 8) == .granted)
            hashes.append(hash)
        }
        let runs = try (0..<2).map { _ in try CLI.start(arguments(space, address, lease: 6)) }
        // While the leases last, neither document may be counted (a thread of its own watches).
        let early = Mutex(false)
        let watcher = Thread { [hashes] in
            while Date().timeIntervalSince(started) < 7.5 {
                for hash in hashes
                where (try? ledger.hasProcessed(workflow: "juminhyo", version: "1", documentHash: hash))
                    == true
                {
                    early.withLock { $0 = true }
                }
                usleep(100_000)
            }
        }
        watcher.start()
        for running in runs {
            running.process.waitUntilExit()
            let result = running.result()
            #expect([0, 3].contains(result.status), "\(result.status) \(result.stderr)")
        }
        #expect(Date().timeIntervalSince(started) >= 7)
        #expect(!early.withLock { $0 })
        try checkExactlyOnce(space, address)
    }

    @Test("an unreachable server stops the run with exit 75 and a message that names it, no password")
    func unreachable() throws {
        let space = try Workspace(scans: ["juminhyo-001.tif"])
        let address = "postgresql://clerk:secret-pw@/rpa?host=\(space.root.path)"
        let result = try CLI.run(
            ["run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger", address])
        #expect(result.status == 75)
        #expect(result.stderr.contains("cannot be reached"))
        #expect(!result.stderr.contains("secret-pw"))
    }

    @Test("an SQLite ledger moves into PostgreSQL with every row and seal, and reports the same figures")
    func migrate() throws {
        let space = try Workspace(scans: Array(Self.scans.prefix(3)))
        let first = try space.run()
        #expect([0, 3].contains(first.status), "\(first.stderr)")
        let address = try PostgresCluster.shared.get().createDatabase()
        let moved = try CLI.run(["ledger", "migrate", "--ledger", space.ledger, "--to", address])
        #expect(moved.status == 0, "\(moved.stderr)")
        for format in ["table", "json", "csv"] {
            let before = try CLI.run(["ledger", "report", "--ledger", space.ledger, "--format", format])
            let after = try CLI.run(["ledger", "report", "--ledger", address, "--format", format])
            #expect(before.status == 0 && after.status == 0)
            #expect(Self.figures(after.stdout, address).count >= 4, "\(after.stdout)")
            // The same figures; only the ledger's name and the time the report was made differ.
            #expect(Self.figures(before.stdout, space.ledger) == Self.figures(after.stdout, address))
        }
        let verify = try CLI.run(["ledger", "verify", "--ledger", address])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        // A second move into the same database is refused: it is no longer empty.
        let again = try CLI.run(["ledger", "migrate", "--ledger", space.ledger, "--to", address])
        #expect(again.status != 0 && again.stderr.contains("already holds rows"))
    }

    /// A report's lines without the ones naming the ledger or the time it was made.
    static func figures(_ report: String, _ ledger: String) -> [String] {
        report.split(whereSeparator: \.isNewline).map(String.init).filter {
            !$0.contains(ledger) && !$0.contains("made 20") && !$0.contains("generated")
        }
    }
}
