import Foundation
import Imaging
import OCR
import TestSupport
import Testing
import Workflow

@testable import Pipeline

/// The gate on real handwritten digits (the UCI set, Tests/Fixtures/uci-digits; OCRTests'
/// HandwrittenDigitsTests measure the engines on it): each image read as a `postal_code` or a 12-digit
/// `digits` field written with `lang: eng`, the way `FormReader` reads any text field (Tesseract's two
/// readings, a third where they leave a tie, the neural recognizer), then judged by `FieldEvaluator`.
/// Nothing here was calibrated on: a value accepted must be the digits written.
@Suite("The gate on real handwritten digits", .serialized)
struct HandwrittenDigitGateTests {
    @Test("no wrong digit string is accepted")
    func noneAcceptedWrong() throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try scratch.workflow(
            "手書き数字",
            """
            fields:
              - {name: 郵便番号, zone: [0, 0, 10, 10], type: postal_code, lang: eng}
              - {name: 番号, zone: [0, 0, 10, 10], type: digits, length: 12, lang: eng}
            """)
        let reader = try FormReader(workflow: workflow)
        let evaluator = FieldEvaluator(workflow: workflow)
        let recognizers = try WorkerRecognizers(
            configuration: OCRConfiguration(languages: workflow.ocr.languages, neural: .installed))
        let images = Fixtures.handwrittenDigits
        var accepted = 0
        for entry in try Fixtures.handwrittenDigitStrings() {
            let field = try #require(workflow.field(entry.kind == "postal" ? "郵便番号" : "番号"))
            let page = try ScannedPage(PageLoader().load(images.appendingPathComponent(entry.file))[0])
            let reading = try reader.readText(
                page.source.bounds, field: field, page: RegisteredPage(page: page, alignment: .unmoved),
                recognizers: recognizers)
            let result = evaluator.evaluate(field, reading)
            guard result.reasons.isEmpty else { continue }
            accepted += 1
            #expect(
                result.value.filter(\.isNumber) == entry.digits,
                "\(entry.file): accepted \(result.value) for \(entry.digits) (neural \(reading.neural?.characters.map { "\($0.text) \(Int($0.probability * 1000))" } ?? []), Tesseract \(reading.text) / \(reading.verification ?? "-"))"
            )
        }
        print(
            "accepted \(accepted) of \(try Fixtures.handwrittenDigitStrings().count) handwritten digit strings"
        )
    }
}
