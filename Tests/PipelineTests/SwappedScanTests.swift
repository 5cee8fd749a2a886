import Foundation
import Ledger
import OCR
import Pipeline
import TestSupport
import Testing
import Workflow

/// Issue #24, case 5: a scan replaced while it is read. What is hashed must be what is decoded, so a
/// result never carries one scan's hash with another scan's values.
@Suite("A scan replaced while it is read", .serialized)
struct SwappedScanTests {
    /// Two committed scans read on their own, a small workflow, and `scans/scan.tif` holding the
    /// first of them, ready to be swapped.
    struct Setup {
        let scratch: BatchTests.Scratch
        let workflow: Workflow
        let processor: DocumentProcessor
        let recognizers: WorkerRecognizers
        /// The two scans (outside the scan folder, so a run lists `scan.tif` only).
        let copies: [URL]
        /// Each scan's values by its hash.
        let expected: [String: [String]]
        var target: URL { scratch.scans.appendingPathComponent("scan.tif") }

        init() throws {
            scratch = try BatchTests.Scratch()
            let folder = scratch.root
            try FileManager.default.copyItem(
                at: Fixtures.root.appendingPathComponent("workflows/templates/juminhyo.png"),
                to: folder.appendingPathComponent("juminhyo.png"))
            let definition = folder.appendingPathComponent("swap.yml")
            // Three fields read in English, without a second reading: a few hundredths of a second.
            try """
            workflow: 差し替え
            version: 1
            template: {image: juminhyo.png, dpi: 300}
            ocr: {languages: [eng], verify: false}
            fields:
              - {name: 電話番号, zone: [1680, 1400, 612, 170], type: phone, lang: eng}
              - {name: 通数, zone: [660, 2160, 620, 170], type: number, lang: eng}
              - {name: 手数料, zone: [1680, 2160, 612, 170], type: number, lang: eng}
            review: {min_confidence: 0}
            savings: {manual_minutes_per_document: 4.5, source: test, valid_from: 2024-04-01}
            """.write(to: definition, atomically: true, encoding: .utf8)
            workflow = try WorkflowLoader().load(definition)
            processor = DocumentProcessor(
                reader: try FormReader(workflow: workflow), evaluator: FieldEvaluator(workflow: workflow))
            recognizers = WorkerRecognizers(
                tesseract: try OCREngine(configuration: OCRConfiguration(languages: ["eng"])))
            var expected: [String: [String]] = [:]
            var copies: [URL] = []
            for name in ["juminhyo-001.tif", "juminhyo-004.tif"] {
                let copy = folder.appendingPathComponent(name)
                try FileManager.default.copyItem(
                    at: BatchTests.batch("juminhyo").appendingPathComponent(name), to: copy)
                let hash = try DocumentHasher.sha256(of: copy)
                let result = processor.process(copy, file: name, hash: hash, recognizers: recognizers).result
                try #require(result.outcome != .failed, "\(result.problems)")
                expected[hash] = Self.values(result)
                copies.append(copy)
            }
            try #require(Set(expected.values).count == 2, "the two scans read differently: \(expected)")
            self.expected = expected
            self.copies = copies
            try #require(link(copies[0].path, target.path) == 0)
        }

        static func values(_ result: DocumentResult) -> [String] { result.fields.map(\.value) }
    }

    @Test("a scan swapped with another every 2 ms: every result holds the values of the scan it is hashed as")
    func swappedWhileRead() throws {
        let setup = try Setup()
        let swapper = FileSwapper(setup.copies[0], setup.copies[1], over: setup.target)
        var (compared, changed, wrong) = (0, 0, 0)
        let deadline = Date().addingTimeInterval(15)
        for _ in 0..<40 where Date() < deadline {
            // Hashed when listed, then read while other documents are: the scan may be swapped between.
            let hash = try DocumentHasher.sha256(of: setup.target)
            usleep(UInt32.random(in: 0..<4_000))
            let result = setup.processor.process(
                setup.target, file: "scan.tif", hash: hash, recognizers: setup.recognizers
            )
            .result
            guard result.outcome != .failed else {
                changed += 1
                continue
            }
            compared += 1
            #expect(result.document == hash)
            if Setup.values(result) != setup.expected[result.document] { wrong += 1 }
        }
        swapper.stop()
        #expect(swapper.swaps > 100, "the scan was swapped while it was read")
        #expect(compared > 0, "some readings were kept (\(changed) found the scan changed)")
        #expect(wrong == 0, "\(wrong) of \(compared) results held the other scan's values under their hash")
    }

    @Test(
        "runs over a scan swapped every 2 ms store and count what they read, and nothing for a replaced scan")
    func swappedDuringRuns() async throws {
        let setup = try Setup()
        let swapper = FileSwapper(setup.copies[0], setup.copies[1], over: setup.target)
        defer { swapper.stop() }
        var changed = 0
        for round in 0..<24 {
            let output = setup.scratch.root.appendingPathComponent("out-\(round)", isDirectory: true)
            var options = BatchOptions(outputRoot: output)
            options.workers = 1
            options.ledgerPath = setup.scratch.root.appendingPathComponent("ledger-\(round).sqlite").path
            let summary = try await BatchRunner(workflow: setup.workflow, options: options).run(
                setup.scratch.scans)
            let stored = ResultStore(root: output, workflow: setup.workflow.id, version: 1).all()
            for result in stored {
                #expect(Setup.values(result) == setup.expected[result.document], "round \(round)")
            }
            if summary.failures.contains(where: { $0.reason.contains("replaced after it was listed") }) {
                changed += 1
            }
            // A scan replaced after it was listed was not read: it is not in the ledger either.
            #expect(try Ledger(path: try #require(options.ledgerPath)).documentCount() == stored.count)
        }
        // Listed as one scan and read as the other about half the time: both paths were taken.
        #expect(changed > 0 && changed < 24, "\(changed) of 24 runs found the scan replaced")
    }
}
