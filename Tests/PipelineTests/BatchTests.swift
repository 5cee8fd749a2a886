import Foundation
import Ledger
import Pipeline
import Samples
import TestSupport
import Testing
import Workflow

/// `rpa run`'s job on the committed sample batches, through the real OCR engine.
@Suite("Running batches", .serialized)
struct BatchTests {
    /// A scratch folder with scans copied in and an output root.
    final class Scratch {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rpa-batch-\(UUID().uuidString)")
        var scans: URL { root.appendingPathComponent("scans", isDirectory: true) }
        var output: URL { root.appendingPathComponent("out", isDirectory: true) }
        var ledger: String { root.appendingPathComponent("ledger.sqlite").path }

        init() throws {
            try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// A workflow written in this folder beside a copy of the 住民票 template: `body` is its YAML
        /// after `template:` (the fields and what follows).
        func workflow(_ name: String, _ body: String) throws -> Workflow {
            let folder = root.appendingPathComponent("wf", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let template = folder.appendingPathComponent("juminhyo.png")
            if !FileManager.default.fileExists(atPath: template.path) {
                try FileManager.default.copyItem(
                    at: Fixtures.root.appendingPathComponent("workflows/templates/juminhyo.png"), to: template
                )
            }
            let url = folder.appendingPathComponent("\(UUID().uuidString).yml")
            try "workflow: \(name)\nversion: 1\ntemplate: {image: juminhyo.png, dpi: 300}\n\(body)"
                .write(to: url, atomically: true, encoding: .utf8)
            return try WorkflowLoader().load(url)
        }

        func add(_ files: [URL]) throws {
            for file in files {
                try FileManager.default.copyItem(
                    at: file, to: scans.appendingPathComponent(file.lastPathComponent))
            }
        }
    }

    static func batch(_ form: String) -> URL {
        Fixtures.root.appendingPathComponent("samples/\(form)/batch-01", isDirectory: true)
    }

    static func workflow(_ form: String) throws -> Workflow {
        try WorkflowLoader().load(Fixtures.root.appendingPathComponent("workflows/\(form).yml"))
    }

    func run(_ workflow: Workflow, _ scratch: Scratch, force: Bool = false, neural: Bool = true) async throws
        -> BatchSummary
    {
        var options = BatchOptions(outputRoot: scratch.output)
        options.workers = 2
        options.force = force
        options.neural = neural ? .installed : nil
        options.ledgerPath = scratch.ledger
        return try await BatchRunner(workflow: workflow, options: options).run(scratch.scans)
    }

    static let invalidCodes = [
        "check_digit": "check_digit", "required": "required", "impossible_date": "impossible_date",
        "required_box": "required",
    ]

    @Test(
        "every accepted value is right and every invalid form is in review with its reason",
        arguments: ["juminhyo", "jidoteate", "tennyu"])
    func noSilentErrors(form: String) async throws {
        let scratch = try Scratch()
        let truth = try GroundTruth.load(Self.batch(form))
        try scratch.add(truth.files.map { Self.batch(form).appendingPathComponent($0.file) })
        let workflow = try Self.workflow(form)
        let summary = try await run(workflow, scratch)
        #expect(summary.documents == truth.files.count && summary.failed == 0)
        let results = ResultStore(root: scratch.output, workflow: workflow.id, version: workflow.version)
            .all()
        var score = Score()
        score.add(results, truth: truth, failed: 0)
        #expect(score.silentDocuments == 0, "\(score.silentExamples)")
        #expect(score.acceptedFieldsCorrect == score.acceptedFields)
        for expected in truth.files where !expected.valid {
            let result = try #require(results.first { $0.file == expected.file })
            #expect(result.outcome == .review)
            for invalid in expected.invalid {
                let codes = result.fields.first { $0.name == invalid.field }?.reasons.map(\.code) ?? []
                #expect(
                    codes.contains(Self.invalidCodes[invalid.reason] ?? invalid.reason),
                    "\(expected.file) \(invalid.field): \(codes)")
            }
        }
    }

    @Test(
        "a batch stopped half-way and run again: each document once, unreadable files set aside, re-runs and --force count nothing twice"
    )
    func resumeAndRerun() async throws {
        let scratch = try Scratch()
        let form = "juminhyo"
        let truth = try GroundTruth.load(Self.batch(form))
        let files = truth.files.map { Self.batch(form).appendingPathComponent($0.file) }
        let workflow = try Self.workflow(form)

        // The first half, as if the run had been killed after it.
        try scratch.add(Array(files.prefix(5)))
        let first = try await run(workflow, scratch)
        #expect(first.processed == 5 && first.counted == 5)

        // The rest, with a damaged scan in the middle of the batch.
        try scratch.add(Array(files.dropFirst(5)))
        try Data(repeating: 0x89, count: 100).write(
            to: scratch.scans.appendingPathComponent("juminhyo-005b.png"))
        let second = try await run(workflow, scratch)
        // The damaged scan is counted too, once, as failed: a person keys it, nothing is saved.
        #expect(second.skipped == 5 && second.processed == 5 && second.counted == 6)
        #expect(second.failed == 1)
        #expect(second.failures.first?.file == "juminhyo-005b.png")
        #expect(second.failures.first?.reason.contains("not a PNG, JPEG, TIFF or PDF") == true)

        let csvURL = scratch.output.appendingPathComponent("out/juminhyo.csv")
        let csv = try Data(contentsOf: csvURL)
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM for Excel")
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter {
            !$0.isEmpty
        }
        #expect(lines.first?.hasPrefix("file,document_sha256,請求日,氏名") == true)
        let rows = lines.dropFirst()
        #expect(rows.count == first.accepted + second.accepted)
        #expect(Set(rows.map { $0.split(separator: ",")[1] }).count == rows.count, "no document twice")
        let jsonl = try String(
            contentsOf: scratch.output.appendingPathComponent("out/juminhyo.jsonl"), encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == rows.count)

        // Review items: the reasons, crops, and My Number masked.
        let queue = ReviewQueue(folder: scratch.output.appendingPathComponent(workflow.review.queue))
        let items = queue.items()
        #expect(items.count == first.review + second.review)
        for item in items {
            #expect(!item.allReasons.isEmpty)
            let myNumber = item.fields.first { $0.name == "個人番号" }
            #expect(myNumber?.value.allSatisfy { $0 == "*" } == true)
        }

        // Run again: nothing is processed or counted, and the outputs are the same bytes.
        let third = try await run(workflow, scratch)
        #expect(third.processed == 0 && third.skipped == 10 && third.counted == 0)
        #expect(try Data(contentsOf: csvURL) == csv)

        // --force reads everything again; the ledger still counts each document once.
        let forced = try await run(workflow, scratch, force: true)
        #expect(forced.processed == 10 && forced.counted == 0)
        let ledger = try Ledger(path: scratch.ledger)
        #expect(try ledger.documentCount() == 11)
        #expect(try ledger.verify().problems.isEmpty)
        let totals = try ledger.report().totals
        #expect(totals.failed == 1 && totals.documents == 11)
        #expect(totals.accepted == first.accepted + second.accepted)
    }
}
