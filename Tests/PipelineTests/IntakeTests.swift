import Foundation
import Ledger
import TestSupport
import Testing
import Workflow

@testable import Pipeline

/// A shared scan folder holds whatever anyone put there: nothing in it can hang the batch or hide
/// a scan, and each refusal names the file. What the scans say does not matter here, so they are read
/// by scripted stand-ins for the engines, except where the values read are what is tested.
@Suite("Intake", .serialized)
struct IntakeTests {
    /// Runs the 住民票 workflow over the scratch folder, with `script`'s stand-ins for the engines (every
    /// zone read as "1": a document for review), or with the real engines when nil.
    func run(
        _ scratch: BatchTests.Scratch, recursive: Bool = false,
        script: ReadingScript? = .constant("1")
    ) async throws -> BatchSummary {
        var options = BatchOptions(outputRoot: scratch.output)
        options.workers = 1
        options.recursive = recursive
        options.ledgerPath = scratch.ledger
        let workflow = try BatchTests.workflow("juminhyo")
        let runner =
            script.map { BatchRunner.scripted(workflow: workflow, options: options, script: $0) }
            ?? BatchRunner(workflow: workflow, options: options)
        return try await runner.run(scratch.scans)
    }

    @Test(
        "a named pipe, a link to /dev/zero, a folder named like a scan and a huge sparse file are refused unopened"
    )
    func specialFiles() async throws {
        let scratch = try BatchTests.Scratch()
        try scratch.add([BatchTests.batch("juminhyo").appendingPathComponent("juminhyo-001.tif")])
        let scans = scratch.scans
        #expect(mkfifo(scans.appendingPathComponent("pipe.png").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            at: scans.appendingPathComponent("zero.tif"),
            withDestinationURL: URL(fileURLWithPath: "/dev/zero"))
        try FileManager.default.createDirectory(
            at: scans.appendingPathComponent("folder.pdf"), withIntermediateDirectories: false)
        let sparse = scans.appendingPathComponent("sparse.tif").path
        _ = FileManager.default.createFile(atPath: sparse, contents: nil)
        #expect(truncate(sparse, 5 << 30) == 0)

        // Opening the pipe would block for ever, so returning at all shows it was left unopened; the
        // reasons below come from the file's metadata alone. No clock: in a loaded test process an
        // async test can wait minutes for a thread, so a time bound here only measures the machine.
        let summary = try await run(scratch)
        #expect(summary.processed == 1)
        let reasons = Dictionary(uniqueKeysWithValues: summary.failures.map { ($0.file, $0.reason) })
        #expect(reasons["pipe.png"]?.contains("not a regular file (a named pipe)") == true)
        #expect(reasons["zero.tif"]?.contains("outside the scan folder") == true)
        #expect(reasons["folder.pdf"]?.contains("is a folder") == true)
        #expect(reasons["sparse.tif"]?.contains("over the limit") == true)
        #expect(summary.failed == 4 && summary.documents == 5)
    }

    @Test("a link to a scan in the folder is the same document: read once, under its own name, every run")
    func linkNeverHidesItsTarget() async throws {
        let scratch = try BatchTests.Scratch()
        try FileManager.default.copyItem(
            at: BatchTests.batch("juminhyo").appendingPathComponent("juminhyo-001.tif"),
            to: scratch.scans.appendingPathComponent("real.tif"))
        try FileManager.default.createSymbolicLink(
            atPath: scratch.scans.appendingPathComponent("a-link.tif").path, withDestinationPath: "real.tif")
        for round in 0..<2 {
            let summary = try await run(scratch)
            #expect(summary.failed == 0, "round \(round): \(summary.failures)")
            #expect(summary.ignored.contains { $0.hasPrefix("a-link.tif (a link to real.tif") })
            #expect(summary.documents == 1)
        }
        let ledger = try Ledger(path: scratch.ledger)
        #expect(try ledger.documentCount() == 1)
        let stored = ResultStore(root: scratch.output, workflow: "juminhyo", version: 1).all()
        #expect(stored.map(\.file) == ["real.tif"])
    }

    @Test("files rpa writes that may hold personal data are 0600 in 0700 folders, whatever the umask")
    func privateFiles() async throws {
        let scratch = try BatchTests.Scratch()
        try scratch.add(
            ["juminhyo-001.tif", "juminhyo-003.tif"].map {
                BatchTests.batch("juminhyo").appendingPathComponent($0)
            })
        let old = umask(0o022)
        defer { umask(old) }
        _ = try await run(scratch)
        let manager = FileManager.default
        var checked = 0
        for path in try manager.subpathsOfDirectory(atPath: scratch.output.path) {
            let attributes = try manager.attributesOfItem(
                atPath: scratch.output.appendingPathComponent(path).path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
            let isFolder = attributes[.type] as? FileAttributeType == .typeDirectory
            #expect(mode & 0o077 == 0, "\(path) is \(String(mode, radix: 8))")
            if !isFolder { checked += 1 }
        }
        #expect(checked >= 5, "outputs, run state, review item and crops were checked")
    }

    @Test("My Number is sealed in the run state and masked in the queue; outputs still get it")
    func myNumberAtRest() async throws {
        let scratch = try BatchTests.Scratch()
        // juminhyo-007 carries 165700992534 and is accepted; 010 carries 491649614504 and goes to review.
        try scratch.add(
            ["juminhyo-007.jpg", "juminhyo-010.tif"].map {
                BatchTests.batch("juminhyo").appendingPathComponent($0)
            })
        // The real engines: the numbers on the scans are what is sealed and masked.
        _ = try await run(scratch, script: nil)
        let state = scratch.output.appendingPathComponent(".rpa")
        for path in try FileManager.default.subpathsOfDirectory(atPath: state.path) {
            let data = (try? Data(contentsOf: state.appendingPathComponent(path))) ?? Data()
            for number in ["165700992534", "491649614504"] {
                #expect(data.range(of: Data(number.utf8)) == nil, "\(path) holds a My Number in clear")
            }
        }
        let queue = scratch.output.appendingPathComponent("review/juminhyo")
        for path in try FileManager.default.subpathsOfDirectory(atPath: queue.path) {
            let data = (try? Data(contentsOf: queue.appendingPathComponent(path))) ?? Data()
            #expect(data.range(of: Data("491649614504".utf8)) == nil)
        }
        // Opened again, the stored result has the value, and the outputs are rebuilt with it.
        let store = ResultStore(root: scratch.output, workflow: "juminhyo", version: 1)
        let values = store.all().flatMap(\.fields).filter { $0.name == "個人番号" }.map(\.value)
        #expect(values.contains("165700992534"))
        let csv = try String(
            contentsOf: scratch.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        #expect(csv.contains("165700992534"))
        let key = try FileManager.default.attributesOfItem(
            atPath: state.appendingPathComponent("state.key").path)
        #expect((key[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
