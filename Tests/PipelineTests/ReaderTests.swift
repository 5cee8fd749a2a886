import Foundation
import Ledger
import Pipeline
import Samples
import TestSupport
import Testing
import Workflow

/// Field readers other than zones, and runs racing on one ledger.
@Suite("Field readers and concurrent runs", .serialized)
struct ReaderTests {
    @Test("a value found beside its printed label, and one found by a regex over the page")
    func labelAndRegex() async throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try scratch.workflow(
            "ラベル読取",
            """
            fields:
              - {name: 電話番号, label: {text: 電話番号, direction: right, size: [560, 150]}, type: phone, lang: eng}
              - {name: 郵便番号, regex: '([0-9]{3}-[0-9]{4})', type: postal_code}
            review: {min_confidence: 0}
            ocr: {verify: false}
            """)
        let file = "juminhyo-002.jpg"
        try scratch.add([BatchTests.batch("juminhyo").appendingPathComponent(file)])
        var options = BatchOptions(outputRoot: scratch.output)
        options.ledgerPath = scratch.ledger
        _ = try await BatchRunner(workflow: workflow, options: options).run(scratch.scans)
        let result = try #require(
            ResultStore(root: scratch.output, workflow: workflow.id, version: 1).all().first)
        let truth = try #require(
            try GroundTruth.load(BatchTests.batch("juminhyo")).files.first { $0.file == file })
        for name in ["電話番号", "郵便番号"] {
            let field = try #require(result.fields.first { $0.name == name })
            #expect(truth.values[name]?.matches(field) == true, "\(name): \(field.value) \(field.reasons)")
        }
    }

    @Test("two runs at once on overlapping folders count each document once")
    func concurrentRuns() async throws {
        let form = "juminhyo"
        let files = try GroundTruth.load(BatchTests.batch(form)).files.map {
            BatchTests.batch(form).appendingPathComponent($0.file)
        }
        let first = try BatchTests.Scratch()
        let second = try BatchTests.Scratch()
        try first.add(Array(files.prefix(6)))
        try second.add(Array(files.suffix(6)))
        let workflow = try BatchTests.workflow(form)
        var options = BatchOptions(outputRoot: first.output)
        options.ledgerPath = first.ledger
        options.workers = 1
        let runner = BatchRunner(workflow: workflow, options: options)
        let (folderA, folderB) = (first.scans, second.scans)
        async let a = runner.run(folderA)
        async let b = runner.run(folderB)
        let (one, two) = try await (a, b)
        #expect(one.counted + two.counted == 10)
        #expect(try Ledger(path: first.ledger).documentCount() == 10)
        let stored = ResultStore(root: first.output, workflow: workflow.id, version: workflow.version).all()
        #expect(Set(stored.map(\.document)).count == 10)
        let csv = try String(
            contentsOf: first.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.count == stored.filter { $0.outcome == .accepted }.count)
    }
}
