import Foundation
import Samples
import Testing
import Workflow

@testable import Pipeline

/// Forms printed by online application systems carry their values in a QR code (`type: qr`): read
/// through ZBar on the committed scans (tools/samplegen --qr), intact, stained and torn.
@Suite("QR codes", .serialized)
struct QRCodeTests {
    @Test(
        "intact and stained codes fill their fields exactly; torn ones fall back to OCR; nothing wrong accepted"
    )
    func batch() async throws {
        let scratch = try BatchTests.Scratch()
        let folder = BatchTests.batch("tennyu-qr")
        let truth = try GroundTruth.load(folder)
        try scratch.add(truth.files.map { folder.appendingPathComponent($0.file) })
        let workflow = try BatchTests.workflow("tennyu-qr")
        let code = try #require(workflow.fields.first { $0.type == .qr })
        #expect(code.sensitive, "a QR code's payload holds the whole form")
        _ = try await BatchTests().run(workflow, scratch)
        let results = ResultStore(root: scratch.output, workflow: workflow.id, version: workflow.version)
            .all()
        #expect(results.count == truth.files.count)
        var score = Score()
        score.add(results, truth: truth, failed: 0)
        #expect(score.silentDocuments == 0, "\(score.silentExamples)")
        #expect(score.acceptedFieldsCorrect == score.acceptedFields)

        for expected in truth.files {
            let result = try #require(results.first { $0.file == expected.file })
            let payload = try #require(result.fields.first { $0.name == code.name })
            switch expected.qr {
            case "intact", "stained":
                #expect(!payload.value.isEmpty, "\(expected.file): a readable code was not decoded")
                // Every value the code carries is the printed one, through the field's type.
                for fill in code.fill {
                    let field = try #require(result.fields.first { $0.name == fill.field })
                    guard
                        field.reasons.allSatisfy({
                            !["required", "impossible_date", "check_digit"].contains($0.code)
                        })
                    else { continue }
                    #expect(
                        expected.values[fill.field]?.matches(field) == true,
                        "\(expected.file) \(fill.field) from the code")
                    #expect(field.confidence == 100)
                }
                if expected.valid {
                    #expect(
                        result.outcome == .accepted,
                        "\(expected.file): \(result.fields.flatMap(\.reasons).map(\.code))")
                }
            case "torn":
                #expect(payload.value.isEmpty && payload.reasons.isEmpty, "\(expected.file)")
                // Read by OCR instead: by the neural recognizer or a second Tesseract reading.
                let name = try #require(result.fields.first { $0.name == "氏名" })
                #expect((name.neural ?? name.second) != nil, "\(expected.file): 氏名 was not read by OCR")
            default:
                Issue.record("\(expected.file): no QR condition in the ground truth")
            }
            if !expected.valid { #expect(result.outcome == .review, "\(expected.file)") }
        }
        #expect(Set(truth.files.compactMap(\.qr)) == ["intact", "stained", "torn"])
    }

    @Test("a required code that cannot be decoded sends the document to review, saying so")
    func requiredCode() async throws {
        let scratch = try BatchTests.Scratch()
        let folder = BatchTests.batch("tennyu-qr")
        let truth = try GroundTruth.load(folder)
        let torn = try #require(truth.files.first { $0.qr == "torn" })
        try scratch.add([folder.appendingPathComponent(torn.file)])
        var workflow = try BatchTests.workflow("tennyu-qr")
        let index = try #require(workflow.fields.firstIndex { $0.type == .qr })
        workflow.fields[index].required = true
        _ = try await BatchTests().run(workflow, scratch)
        let result = try #require(
            ResultStore(root: scratch.output, workflow: workflow.id, version: workflow.version).all().first)
        #expect(result.outcome == .review)
        #expect(result.fields[index].reasons.map(\.code) == ["qr_unreadable"])
    }

    @Test("payloads: a JSON object or key=value lines; anything else fills nothing")
    func payloads() {
        #expect(
            QRPayload.parse(Data(#"{"氏名":"山田 花子","通数":2,"x":null,"y":[1]}"#.utf8)) == [
                "氏名": "山田 花子", "通数": "2",
            ])
        #expect(QRPayload.parse(Data("氏名=山田 花子\n続柄 = 子\n".utf8)) == ["氏名": "山田 花子", "続柄": "子"])
        #expect(QRPayload.parse(Data("https://example.jp/form".utf8)) == nil)
        #expect(QRPayload.parse(Data("{not json".utf8)) == nil)
        #expect(QRPayload.parse(Data([0xFF, 0xFE, 0x41])) == nil)
        #expect(QRPayload.parse(Data("=value".utf8)) == nil)
    }
}
