import Foundation
import Imaging
import OCR
import TestSupport
import Testing

/// Reads the card's zones through the real engine (libtesseract, jpn and eng) on committed scans.
@Suite("Reading zones", .serialized)
struct ZoneReadingTests {
    let engine: OCREngine
    let layout: Fixtures.Layout
    let truth: Fixtures.Truth
    let template: TemplateGeometry

    init() throws {
        engine = try OCREngine()
        layout = try Fixtures.cardLayout()
        truth = try Fixtures.cardTruth()
        template = try TemplateGeometry(
            template: ScannedPage(PageLoader().load(Fixtures.ocr("card_template.png"))[0]))
    }

    func scan(_ file: String, page: Int = 0) throws -> (ScannedPage, PageAlignment) {
        let scanned = try ScannedPage(PageLoader().load(Fixtures.ocr(file))[page])
        return (scanned, Registration().align(scanned, to: template))
    }

    func zone(_ name: String) throws -> Rect {
        let z = try #require(layout.field(name)).zone
        return Rect(x: z[0], y: z[1], width: z[2], height: z[3])
    }

    func read(_ field: String, in file: String, page: Int = 0, language: String) throws -> ZoneReading {
        let (scanned, alignment) = try scan(file, page: page)
        return try ZoneReader().read(
            scanned.extract(alignment.straightened(zone(field))), options: ZoneOptions(language: language),
            engine: engine)
    }

    /// Tesseract puts spaces between CJK characters; the comparison ignores white space.
    func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    @Test("a Japanese name zone", arguments: ["card_clean.png", "card_200dpi.jpg", "card.pdf"])
    func name(file: String) throws {
        let reading = try read("氏名", in: file, language: "jpn")
        #expect(squeezed(reading.text) == truth.values["氏名"]?.text)
        #expect(reading.confidence >= 60)
        #expect(!reading.words.isEmpty)
    }

    @Test("a 和暦 date zone", arguments: ["card_clean.png", "card_skewed.png", "card_200dpi.jpg"])
    func date(file: String) throws {
        let reading = try read("生年月日", in: file, language: "jpn")
        #expect(squeezed(reading.text) == truth.printed["生年月日"]?.text)
        #expect(reading.confidence >= 80)
    }

    @Test(
        "a digits zone read with the English model",
        arguments: ["card_clean.png", "card_skewed.png", "card_200dpi.jpg", "card.pdf"])
    func digits(file: String) throws {
        let reading = try read("電話番号", in: file, language: "eng")
        #expect(reading.text == truth.values["電話番号"]?.text)
        #expect(reading.confidence >= 50)
    }

    @Test("an English name zone")
    func english() throws {
        let reading = try read("Name", in: "card_clean.png", language: "eng")
        #expect(reading.text == "Hanako Yamada")
        #expect(reading.words.map(\.text) == ["Hanako", "Yamada"])
        #expect(reading.words.allSatisfy { $0.confidence > 70 })
    }

    @Test("large print is brought to a steady height before recognition")
    func textHeight() throws {
        let reading = try read("氏名", in: "card_clean.png", language: "jpn")
        let height = try #require(reading.textHeight)
        #expect(height > 40 && height < 56, "measured \(height) px")
        #expect(abs(Double(height) * reading.scale - Double(ZoneOptions().targetTextHeight)) < 3)
    }

    @Test("a blank zone is found blank without calling Tesseract")
    func blankZone() throws {
        let (scanned, alignment) = try scan("card_skewed.png")
        // The right half of the name cell holds no text on the card.
        let rect = alignment.straightened(Rect(x: 800, y: 111, width: 320, height: 122))
        let reading = try ZoneReader().read(scanned.extract(rect), engine: engine)
        #expect(reading.blank)
        #expect(reading.text.isEmpty && reading.recognitionSeconds == 0)
    }

    @Test(
        "a ticked and an empty checkbox", arguments: ["card_clean.png", "card_skewed.png", "card_200dpi.jpg"])
    func checkboxes(file: String) throws {
        let (scanned, alignment) = try scan(file)
        let options = try #require(layout.field("受取方法")?.options)
        guard case .list(let names) = truth.values["受取方法"] else {
            Issue.record("the truth has no ticked options")
            return
        }
        let ticked = Set(names)
        #expect(!ticked.isEmpty)
        for (name, box) in options {
            let rect = alignment.straightened(Rect(x: box[0], y: box[1], width: box[2], height: box[3]))
            let reading = try CheckboxReader().read(scanned.extract(rect))
            #expect(reading.checked == ticked.contains(name), "\(name): fill \(reading.fill)")
            #expect(reading.confidence >= 90, "\(name): confidence \(reading.confidence)")
        }
    }
}
