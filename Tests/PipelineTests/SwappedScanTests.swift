import Foundation
import OCR
import Pipeline
import TestSupport
import Testing
import Workflow

/// Issue #24, case 5: a scan replaced while it is read. What is hashed must be what is decoded, so a
/// result never carries one scan's hash with another scan's values.
@Suite("A scan replaced while it is read")
struct SwappedScanTests {
    @Test("a scan swapped with another every 2 ms: every result holds the values of the scan it is hashed as")
    func swappedWhileRead() throws {
        let scratch = try BatchTests.Scratch()
        let folder = scratch.root
        try FileManager.default.copyItem(
            at: Fixtures.root.appendingPathComponent("workflows/templates/juminhyo.png"),
            to: folder.appendingPathComponent("juminhyo.png"))
        let definition = folder.appendingPathComponent("swap.yml")
        // Three fields read in English, without a second reading: a few tenths of a second a document.
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
        """.write(to: definition, atomically: true, encoding: .utf8)
        let workflow = try WorkflowLoader().load(definition)
        let processor = DocumentProcessor(
            reader: try FormReader(workflow: workflow), evaluator: FieldEvaluator(workflow: workflow))
        let engine = try OCREngine(configuration: OCRConfiguration(languages: ["eng"]))
        func values(_ result: DocumentResult) -> [String] { result.fields.map(\.value) }

        // The two scans read on their own, unswapped: each hash's values.
        var expected: [String: [String]] = [:]
        var copies: [URL] = []
        for name in ["juminhyo-001.tif", "juminhyo-004.tif"] {
            let copy = scratch.scans.appendingPathComponent(name)
            try FileManager.default.copyItem(
                at: BatchTests.batch("juminhyo").appendingPathComponent(name), to: copy)
            let hash = try DocumentHasher.sha256(of: copy)
            let result = processor.process(copy, file: name, hash: hash, engine: engine).result
            try #require(result.outcome != .failed, "\(result.problems)")
            expected[hash] = values(result)
            copies.append(copy)
        }
        try #require(Set(expected.values).count == 2, "the two scans read differently: \(expected)")

        let target = scratch.scans.appendingPathComponent("scan.tif")
        #expect(link(copies[0].path, target.path) == 0)
        let swapper = FileSwapper(copies[0], copies[1], over: target)
        var (compared, changed, wrong) = (0, 0, 0)
        let deadline = Date().addingTimeInterval(15)
        for _ in 0..<40 where Date() < deadline {
            // Hashed when listed, then read while other documents are: the scan may be swapped between.
            let hash = try DocumentHasher.sha256(of: target)
            usleep(UInt32.random(in: 0..<4_000))
            let result = processor.process(target, file: "scan.tif", hash: hash, engine: engine).result
            guard result.outcome != .failed else {
                changed += 1
                continue
            }
            compared += 1
            #expect(result.document == hash)
            if values(result) != expected[result.document] { wrong += 1 }
        }
        swapper.stop()
        #expect(swapper.swaps > 100, "the scan was swapped while it was read")
        #expect(compared > 0, "some readings were kept (\(changed) found the scan changed)")
        #expect(wrong == 0, "\(wrong) of \(compared) results held the other scan's values under their hash")
    }
}
