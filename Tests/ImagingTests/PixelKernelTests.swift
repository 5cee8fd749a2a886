import CLeptonica
import Foundation
import Imaging
import TestSupport
import Testing

/// rpa's own pixel loops (thresholding, ink counts, JPEG to gray) must give exactly what the
/// Leptonica calls they replace give, only faster.
@Suite("Pixel loops against Leptonica")
struct PixelKernelTests {
    /// A gray image of `width`×`height` with every value 0–255 in a scrambled order.
    func scrambledGray(width: Int, height: Int) throws -> Image {
        let pix = try #require(pixCreate(Int32(width), Int32(height), 8))
        for y in 0..<height {
            for x in 0..<width {
                pixSetPixel(pix, Int32(x), Int32(y), UInt32((x * 37 + y * 101 + x * y) % 256))
            }
        }
        return Image(owning: pix)
    }

    func equal(_ a: Image, _ b: UnsafeMutablePointer<PIX>?) -> Bool {
        var same: Int32 = 0
        var other = b
        defer { pixDestroy(&other) }
        return pixEqual(a.pix, other, &same) == 0 && same == 1
    }

    @Test(
        "thresholding marks the same pixels as pixThresholdToBinary, across row ends",
        arguments: [1, 31, 32, 33, 100, 827])
    func threshold(width: Int) throws {
        let gray = try scrambledGray(width: width, height: 7)
        for threshold in [0, 1, 100, 128, 200, 254, 255] {
            let ink = try gray.thresholded(at: threshold)
            #expect(equal(ink, pixThresholdToBinary(gray.pix, Int32(threshold + 1))), "at \(threshold)")
        }
    }

    @Test("thresholding a real page matches Leptonica")
    func thresholdPage() throws {
        let gray = try PageLoader().load(Fixtures.ocr("card_200dpi.jpg"))[0].image
        let threshold = gray.otsuThreshold()
        let ink = try gray.thresholded(at: threshold)
        #expect(ink.resolution == 200)
        #expect(equal(ink, pixThresholdToBinary(gray.pix, Int32(threshold + 1))))
    }

    @Test("ink per row and per column match Leptonica's counts", arguments: [1, 33, 100, 1240])
    func inkCounts(width: Int) throws {
        let page = try ScannedPage(PageLoader().load(Fixtures.ocr("card_clean.png"))[0])
        let ink = try page.ink.cropped(to: Rect(x: 0, y: 80, width: width, height: 300))
        var rows = pixCountPixelsByRow(ink.pix, nil)
        var columns = pixCountPixelsByColumn(ink.pix)
        defer {
            numaDestroy(&rows)
            numaDestroy(&columns)
        }
        func values(_ numa: UnsafeMutablePointer<NUMA>?) -> [Int] {
            (0..<numaGetCount(numa)).map { index in
                var value: Int32 = 0
                numaGetIValue(numa, index, &value)
                return Int(value)
            }
        }
        #expect(ink.inkPerRow() == values(rows))
        #expect(ink.inkPerColumn() == values(columns))
        #expect(ink.inkPerRow().reduce(0, +) == ink.inkPixelCount)
    }

    /// The fixture decoded by Leptonica.
    func leptonicaDecode(_ name: String) throws -> Image {
        let data = try Data(contentsOf: Fixtures.ocr(name))
        let pix = data.withUnsafeBytes { raw -> UnsafeMutablePointer<PIX>? in
            var warnings: Int32 = 0
            return raw.bindMemory(to: UInt8.self).baseAddress.flatMap {
                pixReadMemJpeg($0, data.count, 0, 1, &warnings, 0)
            }
        }
        return Image(owning: try #require(pix))
    }

    /// The mean absolute difference of two gray images.
    func meanDifference(_ a: Image, _ b: Image) -> Float {
        var difference: Float = 0
        pixCompareGray(a.pix, b.pix, Int32(L_COMPARE_ABS_DIFF), 0, nil, &difference, nil, nil)
        return difference
    }

    @Test("a gray JPEG decodes to exactly Leptonica's pixels, at its recorded resolution")
    func grayJPEG() throws {
        let page = try PageLoader().load(Fixtures.ocr("card_200dpi.jpg"))[0]
        #expect(page.image.depth == 8 && page.dpi == 200 && !page.dpiWasAssumed)
        let reference = try leptonicaDecode("card_200dpi.jpg")
        var same: Int32 = 0
        pixEqual(page.image.pix, reference.pix, &same)
        #expect(same == 1)
    }

    @Test("a colour JPEG is read as its luminance")
    func colourJPEG() throws {
        let page = try PageLoader().load(Fixtures.ocr("card_colour.jpg"))[0]
        #expect(page.image.depth == 8 && page.dpi == 200)
        let luminance = try leptonicaDecode("card_colour.jpg").grayscale()
        #expect(meanDifference(page.image, luminance) < 1.5)
    }

    @Test("a CMYK JPEG, which libjpeg cannot turn gray, is still read")
    func cmykJPEG() throws {
        let page = try ScannedPage(PageLoader().load(Fixtures.ocr("card_cmyk.jpg"))[0])
        let colour = try ScannedPage(PageLoader().load(Fixtures.ocr("card_colour.jpg"))[0])
        #expect(page.source.depth == 8 && page.dpi == 200)
        #expect(meanDifference(page.source, colour.source) < 6)
        #expect(abs(page.skewDegrees - colour.skewDegrees) < 0.1)
    }
}
