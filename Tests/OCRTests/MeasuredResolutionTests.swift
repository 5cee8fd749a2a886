import Foundation
import Imaging
import OCR
import TestSupport
import Testing

/// Issue #10, item 11: a 200 dpi scan whose file gives no resolution, or a wrong one, reads like one
/// that tells the truth, because registration measures the scale from the printed frame.
@Suite("Reading a scan whose resolution lies", .serialized)
struct MeasuredResolutionTests {
    /// The committed 200 dpi JPEG with its JFIF density rewritten: units 0 (none) or 300 dpi.
    func lyingCopy(units: UInt8, dpi: UInt16) throws -> URL {
        var bytes = [UInt8](try Data(contentsOf: Fixtures.ocr("card_200dpi.jpg")))
        try #require(bytes.count > 18 && Array(bytes[6..<10]) == Array("JFIF".utf8))
        bytes[13] = units
        bytes.replaceSubrange(
            14..<18, with: [UInt8(dpi >> 8), UInt8(dpi & 0xFF), UInt8(dpi >> 8), UInt8(dpi & 0xFF)])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-lying-\(UUID()).jpg")
        try Data(bytes).write(to: url)
        return url
    }

    @Test(
        "fields read the same with no resolution, a false 300 dpi, and the true 200",
        arguments: [(0, 1), (1, 300)])
    func fieldsRead(units: UInt8, dpi: UInt16) throws {
        let engine = try OCREngine()
        let layout = try Fixtures.cardLayout()
        let truth = try Fixtures.cardTruth()
        let template = try TemplateGeometry(
            template: ScannedPage(PageLoader().load(Fixtures.ocr("card_template.png"))[0]))
        let url = try lyingCopy(units: units, dpi: dpi)
        defer { try? FileManager.default.removeItem(at: url) }

        let loaded = try PageLoader().load(url)[0]
        #expect(loaded.dpi == 300, "the loader believes the file or assumes")
        let page = try ScannedPage(loaded)
        let alignment = Registration().align(page, to: template)
        #expect(alignment.method == .frame)
        #expect(abs((alignment.measuredDPI ?? 0) - 200) <= 3, "\(alignment.note ?? "")")

        for (name, language) in [("氏名", "jpn"), ("生年月日", "jpn")] {
            let field = try #require(layout.field(name))
            let zone = Rect(x: field.zone[0], y: field.zone[1], width: field.zone[2], height: field.zone[3])
            let reading = try ZoneReader().read(
                page.extract(alignment.straightened(zone)), options: ZoneOptions(language: language),
                engine: engine)
            // Tesseract puts spaces between CJK characters; the comparison ignores white space.
            let expected = (truth.printed[name]?.text ?? "").filter { !$0.isWhitespace }
            #expect(!expected.isEmpty)
            #expect(reading.text.filter { !$0.isWhitespace } == expected, "\(name)")
        }
    }
}
