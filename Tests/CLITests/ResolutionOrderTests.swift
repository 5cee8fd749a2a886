import Foundation
import Ledger
import TestSupport
import Testing

/// A resolution is recorded in one order of truth (run state, outputs, queue, audit trail, ledger):
/// whatever stops it half-way, the ledger, the run state, the queue and the outputs end in agreement
/// (`rpa ledger verify --workflow`), and a second decision for the document is refused.
@Suite("Resolution order", .serialized)
struct ResolutionOrderTests {
    static let isRoot = getuid() == 0
    /// juminhyo-003 with the values it needs to be accepted.
    static let id = "2cae917e"
    static let set = ["--set", "交付種別=住民票", "--set", "生年月日=昭和35年1月17日"]

    /// A small tmpfs mounted at `folder` (made if missing) until `unmount()`.
    struct SmallDisk {
        let folder: URL
        var filler: URL { folder.appendingPathComponent("filler") }

        init(at folder: URL) throws {
            self.folder = folder
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try #require(
                Self.tool("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", folder.path]) == 0)
        }

        /// Fills what is left of the disk.
        func fill() {
            _ = Self.tool("/bin/dd", ["if=/dev/zero", "of=\(filler.path)", "bs=4096"])
        }

        func free() throws { try FileManager.default.removeItem(at: filler) }

        func unmount() { _ = Self.tool("/bin/umount", ["-l", folder.path]) }

        static func tool(_ path: String, _ arguments: [String]) -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return -1 }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// `rpa ledger verify --workflow` over the workspace: its exit code and what it printed.
    static func check(_ space: Workspace, ledger: String? = nil) throws -> CLI.Result {
        try CLI.run([
            "ledger", "verify", "--ledger", ledger ?? space.ledger, "--workflow", space.workflow, "--output",
            space.output.path,
        ])
    }

    /// The full hash of the one document waiting.
    static func waiting(_ space: Workspace) throws -> String {
        let list = try space.review(["list", "--json"])
        let items = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        return try #require(items?.first?["document"] as? String)
    }

    /// How the ledger recorded the document's resolution (nil: not resolved there).
    static func recorded(_ space: Workspace, _ hash: String) throws -> ReviewOutcome? {
        try Ledger(path: space.ledger).reviewResolution(
            documentHash: hash, workflow: "juminhyo", version: "1")
            ?? nil
    }

    /// The resolving entries of the audit trail.
    static func auditLines(_ space: Workspace) -> [Substring] {
        let text =
            (try? String(
                contentsOf: space.output.appendingPathComponent(".rpa/juminhyo.audit.jsonl"), encoding: .utf8))
            ?? ""
        return text.split(separator: "\n").filter { !$0.contains("\"revealed\"") }
    }

    @Test(
        "the outputs' disk full: exit 74, the decision stands, the opposite is refused, the same finishes it",
        .enabled(if: isRoot))
    func outputsDiskFull() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        #expect(try space.run().status == 3)
        let hash = try Self.waiting(space)
        let disk = try SmallDisk(at: space.output.appendingPathComponent("out"))
        defer { disk.unmount() }
        disk.fill()

        let full = try space.review(["resolve", Self.id, "--minutes", "2"] + Self.set)
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr.split(separator: "\n").count == 1)
        let opposite = try space.review([
            "resolve", Self.id, "--minutes", "1", "--reject", "--reason", "別の様式",
        ])
        #expect(opposite.status == 65, "\(opposite.stderr)")
        #expect(opposite.stderr.contains("already resolved"))
        #expect(try Self.check(space).status == 65, "half-done: the checker names it")

        try disk.free()
        let again = try space.review(["resolve", Self.id, "--minutes", "1"] + Self.set)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("2.0 min recorded"), "the first decision stands")
        let check = try Self.check(space)
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("juminhyo agrees with the ledger"))
        #expect(Self.auditLines(space).count == 1)
        #expect(try Self.recorded(space, hash) == .corrected)
        let csv = try String(
            contentsOf: space.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        #expect(csv.contains(hash))
    }

    @Test(
        "the run state's disk full: nothing is recorded, so another decision afterwards is the only one",
        .enabled(if: isRoot))
    func runStateDiskFull() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        let disk = try SmallDisk(at: space.output)
        defer { disk.unmount() }
        #expect(try space.run().status == 3)
        let hash = try Self.waiting(space)
        disk.fill()
        let full = try space.review(["resolve", Self.id, "--minutes", "2"] + Self.set)
        #expect(full.status == 74, "\(full.stderr)")
        try disk.free()
        let rejected = try space.review([
            "resolve", Self.id, "--minutes", "1", "--reject", "--reason", "別の様式",
        ])
        #expect(rejected.status == 0, "\(rejected.stderr)")
        // Before, the ledger kept the acceptance the full disk had cut short, the run state the rejection.
        #expect(try Self.recorded(space, hash) == .rejected)
        let check = try Self.check(space)
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        #expect(Self.auditLines(space).count == 1)
    }

    @Test("a second review station on one queue exits at once (75) naming the first; kill -9 frees the queue")
    func oneStationPerQueue() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        #expect(try space.run().status == 3)
        let serve = [
            "review", "serve", space.workflow, "--output", space.output.path, "--ledger", space.ledger,
            "--port", "0",
        ]
        let first = try CLI.start(serve)
        defer {
            kill(first.process.processIdentifier, SIGKILL)
            first.process.waitUntilExit()
        }
        try Self.waitUntilServing(first)

        let second = try CLI.start(serve)
        let stopped = Self.waitForExit(second.process, seconds: 10)
        if !stopped { kill(second.process.processIdentifier, SIGKILL) }
        let refused = second.result()
        #expect(stopped, "the second station must not serve")
        #expect(refused.status == 75, "\(refused.stdout) \(refused.stderr)")
        #expect(
            refused.stderr
                == "error: another review station (pid \(first.process.processIdentifier)) serves this queue; "
                + "use it, or stop it first\n")

        let resolve = try space.review(["resolve", Self.id, "--minutes", "1"] + Self.set)
        #expect(resolve.status == 75, "the command line leaves the queue to the station: \(resolve.stderr)")
        #expect(resolve.stderr.contains("another review station"))

        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        let third = try CLI.start(serve)
        defer {
            kill(third.process.processIdentifier, SIGKILL)
            third.process.waitUntilExit()
        }
        try Self.waitUntilServing(third)
    }

    /// Waits (at most 30 s) for a station's first line.
    static func waitUntilServing(_ station: CLI.Running) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: station.out, encoding: .utf8)) ?? ""
            if text.contains("Review station: http://") { return }
            try #require(station.process.isRunning, "the station stopped")
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the station did not start")
    }

    static func waitForExit(_ process: ChildProcess, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    // MARK: Fault injection

    /// Scans every one of which goes to review (`sendEveryDocumentToReview`) and can be accepted as read.
    static let scans = [
        "juminhyo-001.tif", "juminhyo-002.jpg", "juminhyo-003.tif", "juminhyo-006.tif", "juminhyo-007.jpg",
        "juminhyo-008.tif",
    ]

    /// 20 `rpa review resolve` processes, each accepting or rejecting a random document and killed
    /// (SIGKILL) after a random part of the time one takes, then `rpa run`: the checker finds every record in agreement.
    func killedResolutions(ledger: String?) throws {
        let space = try Workspace(scans: Self.scans)
        let ledger = ledger ?? space.ledger
        try space.sendEveryDocumentToReview()
        let run = [
            "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger", ledger,
        ]
        let first = try CLI.run(run + ["--quiet", "--workers", "2"])
        #expect(first.status == 3, "\(first.stderr)")
        let location = [space.workflow, "--output", space.output.path, "--ledger", ledger]
        let list = try CLI.run(["review", "list"] + location)
        let ids = list.stdout.split(separator: "\n").map { String($0.prefix(12)) }
        try #require(ids.count == Self.scans.count, "\(list.stdout)")

        // The time one resolution takes, measured on the first document: kills land within it.
        let started = Date()
        let whole = try CLI.run(
            ["review", "resolve"] + location + [ids[0], "--minutes", "1", "--override", "紙のとおり"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let duration = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for _ in 0..<20 {
            let id = ids[Int.random(in: 0..<ids.count, using: &generator)]
            let decision =
                Bool.random(using: &generator)
                ? ["--reject", "--reason", "別の様式"] : ["--override", "紙のとおり"]
            let resolve = try CLI.start(
                ["review", "resolve"] + location + [id, "--minutes", "1"] + decision)
            Thread.sleep(forTimeInterval: duration * Double.random(in: 0.3...1.1, using: &generator))
            kill(resolve.process.processIdentifier, SIGKILL)
            let result = resolve.result()
            if resolve.process.terminationReason == .uncaughtSignal {
                killed += 1
            } else {
                // Finished before the kill: done (0), or another decision refused (65).
                #expect([0, 65].contains(result.status), "\(result.stderr)")
            }
        }
        #expect(killed > 0, "some resolutions were cut short")
        let last = try CLI.run(run + ["--quiet", "--workers", "1"])
        #expect([0, 3].contains(last.status), "\(last.stderr)")
        let check = try Self.check(space, ledger: ledger)
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("juminhyo agrees with the ledger"))
    }

    @Test("kill -9 during 20 resolutions, SQLite ledger: ledger, run state, queue and outputs agree")
    func killedResolutionsSQLite() throws {
        try killedResolutions(ledger: nil)
    }

    @Test("kill -9 during 20 resolutions, PostgreSQL ledger: ledger, run state, queue and outputs agree")
    func killedResolutionsPostgres() throws {
        try killedResolutions(ledger: try PostgresCluster.shared.get().createDatabase())
    }
}
