import CLeptonica
import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Clean-up")
struct CleanupTests {
    func page(_ name: String, options: CleanupOptions = CleanupOptions()) throws -> ScannedPage {
        try ScannedPage(PageLoader().load(Fixtures.ocr(name))[0], options: options)
    }

    @Test("the skew of a page turned 2.5° is found and reported")
    func deskewAngle() throws {
        let skewed = try page("card_skewed.png")
        #expect(abs(skewed.skewDegrees - -2.5) < 0.15, "found \(skewed.skewDegrees)°")
        #expect(try page("card_clean.png").skewDegrees == 0)
    }

    @Test("deskew can be turned off")
    func noDeskew() throws {
        #expect(try page("card_skewed.png", options: CleanupOptions(deskew: false)).skewDegrees == 0)
    }

    @Test(
        "every scan becomes 8-bit gray with 1-bit ink",
        arguments: ["card_clean.png", "card_200dpi.jpg", "card_pages.tif"])
    func grayAndInk(name: String) throws {
        let scanned = try page(name)
        #expect(try scanned.straightenedGray().depth == 8)
        #expect(scanned.ink.depth == 1)
        let share = Double(scanned.ink.inkPixelCount) / Double(scanned.ink.width * scanned.ink.height)
        #expect(share > 0.01 && share < 0.2, "ink share \(share)")
    }

    @Test("Otsu and Sauvola both separate print from paper")
    func binarization() throws {
        let gray = try PageLoader().load(Fixtures.ocr("card_200dpi.jpg"))[0].image.grayscale()
        let otsu = try gray.binarized(.otsu)
        let sauvola = try gray.binarized(.sauvola)
        #expect(otsu.depth == 1 && sauvola.depth == 1)
        let a = Double(otsu.inkPixelCount)
        let b = Double(sauvola.inkPixelCount)
        #expect(a > 0 && abs(a - b) / a < 0.5, "otsu \(a) sauvola \(b)")
    }

    @Test("box lines inside a zone are removed, the text stays")
    func lineRemoval() throws {
        let scanned = try page("card_clean.png")
        // The name cell with its ruled border: frame top (y 95–103) and the column rule at x 348.
        let cell = try scanned.extract(Rect(x: 340, y: 95, width: 800, height: 150))
        let before = cell.ink.inkPixelCount
        let after = try cell.ink.removingLines(minLength: 120)
        let text = try scanned.extract(Rect(x: 360, y: 111, width: 764, height: 122)).ink.inkPixelCount
        #expect(before > text * 2, "the lines add ink")
        #expect(
            abs(after.inkPixelCount - text) < text / 5,
            "before \(before) after \(after.inkPixelCount) text \(text)")
    }

    @Test("despeckling removes specks and keeps strokes")
    func despeckle() throws {
        let clean = try page("card_clean.png").ink
        let noisy = try clean.copy()
        var generator = SystemRandomNumberGenerator()
        var added = 0
        while added < 300 {
            let x = Int32.random(in: 0..<Int32(noisy.width), using: &generator)
            let y = Int32.random(in: 0..<Int32(noisy.height), using: &generator)
            var value: UInt32 = 0
            pixGetPixel(noisy.pix, x, y, &value)
            if value == 0 {
                pixSetPixel(noisy.pix, x, y, 1)
                added += 1
            }
        }
        let cleaned = try noisy.despeckled()
        #expect(noisy.inkPixelCount - clean.inkPixelCount >= 290)
        #expect(abs(cleaned.inkPixelCount - clean.inkPixelCount) < 60, "strokes kept, specks gone")
    }

    @Test("crops are clipped to the page and refused outside it")
    func cropping() throws {
        let image = try PageLoader().load(Fixtures.ocr("card_clean.png"))[0].image
        #expect(try image.cropped(to: Rect(x: 1200, y: 800, width: 100, height: 100)).width == 40)
        #expect(throws: ImagingError.self) {
            try image.cropped(to: Rect(x: 5000, y: 0, width: 10, height: 10))
        }
    }
}
