import Foundation
import Pipeline
import TestSupport
import Testing
import Workflow

/// A document run through `rpa run`'s pipeline (BatchRunner, DocumentProcessor, FormReader, ZoneReader,
/// the gate) with scripted readings in place of the engines: what the engines say, not how they read,
/// decides a field. The engines' own readings are tested in OCRTests and NeuralGateTests.
@Suite("Scripted readings through the pipeline", .serialized)
struct ScriptedGateTests {
    /// Two text fields on the 住民票 template, read in Japanese and checked at a second scale.
    func workflow(_ scratch: BatchTests.Scratch) throws -> Workflow {
        let folder = scratch.root
        try FileManager.default.copyItem(
            at: Fixtures.root.appendingPathComponent("workflows/templates/juminhyo.png"),
            to: folder.appendingPathComponent("juminhyo.png"))
        let definition = folder.appendingPathComponent("scripted.yml")
        try """
        workflow: 台本
        version: 1
        template: {image: juminhyo.png, dpi: 300}
        ocr: {languages: [jpn], verify: true}
        fields:
          - {name: 氏名, zone: [660, 640, 1632, 170], required: true}
          - {name: 本籍, zone: [660, 830, 1632, 170], required: true}
        review: {min_confidence: 60}
        """.write(to: definition, atomically: true, encoding: .utf8)
        return try WorkflowLoader().load(definition)
    }

    @Test(
        "both engines reading a field alike settle it; a neural reading that says another value sends it to review"
    )
    func agreementAndDisagreement() async throws {
        let scratch = try BatchTests.Scratch()
        try scratch.add([BatchTests.batch("juminhyo").appendingPathComponent("juminhyo-001.tif")])
        let workflow = try workflow(scratch)
        // Tesseract reads each zone, then the neural recognizer; where the two agree Tesseract's second
        // reading (at 32 px: no other model is installed) is not asked for.
        let script = ReadingScript([
            .init(tesseract: ["山田花子"], confidence: 40, neural: "山田花子", probability: 0.99),
            // The model saw a character fewer than Tesseract: it may have dropped one, so it cannot
            // settle the field alone, and a valid reading that says another value is a doubt.
            .init(tesseract: ["東京都港区", "東京都港区"], confidence: 40, neural: "東京都港", probability: 0.99),
        ])
        var options = BatchOptions(outputRoot: scratch.output)
        options.workers = 1
        let summary = try await BatchRunner.scripted(
            workflow: workflow, options: options, script: script, languages: ["jpn"]
        ).run(scratch.scans)
        #expect(summary.failed == 0 && summary.review == 1, "\(summary.failures)")
        #expect(script.finished, "every scripted reading was asked for")
        #expect(script.calls.filter { $0.engine == "neural" }.map(\.zone) == [0, 1])
        #expect(script.calls.filter { $0.engine == "tesseract" }.allSatisfy { $0.language == "jpn" })

        let result = try #require(
            ResultStore(root: scratch.output, workflow: workflow.id, version: 1).all().first)
        #expect(result.outcome == .review)
        let name = try #require(result.fields.first { $0.name == "氏名" })
        #expect(name.value == "山田花子" && name.reasons.isEmpty, "\(name.reasons)")
        #expect(name.neural == "山田花子")
        let domicile = try #require(result.fields.first { $0.name == "本籍" })
        #expect(domicile.reasons.map(\.code).contains("unstable_reading"), "\(domicile.reasons)")
    }

    @Test("the model reads every zone; where it agrees with Tesseract's first reading, no second is made")
    func noSecondReading() async throws {
        let scratch = try BatchTests.Scratch()
        try scratch.add([BatchTests.batch("juminhyo").appendingPathComponent("juminhyo-001.tif")])
        let workflow = try workflow(scratch)
        let script = ReadingScript([
            .init(tesseract: ["山田花子"], confidence: 95, neural: "山田花子"),
            .init(tesseract: ["東京都"], confidence: 95, neural: "東京都"),
        ])
        var options = BatchOptions(outputRoot: scratch.output)
        options.workers = 1
        let summary = try await BatchRunner.scripted(
            workflow: workflow, options: options, script: script, languages: ["jpn"]
        ).run(scratch.scans)
        #expect(summary.accepted == 1, "\(summary.failures)")
        #expect(script.finished)
        #expect(script.calls.map(\.engine) == ["tesseract", "neural", "tesseract", "neural"])
    }
}
