import Foundation
import Imaging
import OCR
import TestSupport
import Testing

/// Holding Tesseract to a field type's characters (`tessedit_char_whitelist`) through the real
/// engine, on the committed 住民票 scans: the LSTM engine honours the list, and a list without a space
/// must still let the engine place spaces, or the word beside one comes back with confidence 0.
@Suite("Character sets", .serialized)
struct CharacterSetTests {
    static let katakana = String(String.UnicodeScalarView((0x30A1...0x30FC).compactMap(Unicode.Scalar.init)))
    static let furigana = Rect(x: 660, y: 830, width: 1632, height: 170)

    @Test(
        "a katakana name read with the katakana block only: right, and every word confident",
        arguments: ["juminhyo-001.tif", "juminhyo-002.jpg", "juminhyo-003.tif"])
    func katakanaName(file: String) throws {
        let engine = try OCREngine()
        let samples = Fixtures.root.appendingPathComponent("samples/juminhyo/batch-01")
        let template = try TemplateGeometry(
            template: ScannedPage(
                PageLoader().load(Fixtures.root.appendingPathComponent("workflows/templates/juminhyo.png"))[0]
            ))
        let page = try ScannedPage(PageLoader().load(samples.appendingPathComponent(file))[0])
        let zone = try page.extract(Registration().align(page, to: template).straightened(Self.furigana))
        let truth =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: samples.appendingPathComponent("ground_truth.json"))) as? [String: Any]
        let files = truth?["files"] as? [[String: Any]] ?? []
        let values = files.first { $0["file"] as? String == file }?["values"] as? [String: Any]
        let expected = try #require(values?["フリガナ"] as? String)

        let reading = try ZoneReader().read(
            zone, options: ZoneOptions(language: "jpn", whitelist: Self.katakana), engine: engine)
        #expect(reading.text.filter { !$0.isWhitespace } == expected)
        #expect(reading.text.unicodeScalars.allSatisfy { $0 == " " || (0x30A1...0x30FC).contains($0.value) })
        #expect(!reading.words.isEmpty)
        #expect(reading.words.allSatisfy { $0.confidence >= 50 }, "\(reading.words.map(\.confidence))")
    }
}
