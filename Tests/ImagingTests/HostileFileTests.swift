import Foundation
import Imaging
import TestSupport
import Testing

/// Issue #10: nothing a scan folder holds can hang, exhaust or corrupt a run. Each hostile file is
/// made here from a committed good one and must be refused with one `ImageLoadError` naming it, in
/// bounded time, and (where its size is the attack) when it is opened, before any page is decoded.
@Suite("Hostile scan files", .serialized)
struct HostileFileTests {
    let loader = PageLoader()

    /// Writes `data` as `name` in a fresh folder, loads it, and returns the refusal.
    func refusal(_ name: String, _ data: Data) throws -> ImageLoadError? {
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        let start = Date()
        let error = #expect(throws: ImageLoadError.self, "\(name)") { try loader.load(url) }
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 10, "\(name) took \(seconds) s to refuse")
        #expect(error?.path == url.relativePath)
        #expect(error?.description.contains(name) == true, "\(String(describing: error))")
        return error
    }

    /// Writes `data` and opens it: the refusal must come from the headers, before decoding.
    func refusedOnOpen(_ name: String, _ data: Data) throws -> ImageLoadError? {
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        let error = #expect(throws: ImageLoadError.self, "\(name)") { try loader.open(url) }
        #expect(error?.path == url.relativePath)
        return error
    }

    // MARK: PNG

    @Test("PNG cut short anywhere is refused as damaged")
    func truncatedPNG() throws {
        let good = try Data(contentsOf: Fixtures.ocr("card_clean.png"))
        for length in [5, 8, 20, 33, 60, good.count / 3, good.count - 13, good.count - 1] {
            let error = try refusal("cut-\(length).png", good.prefix(length))
            #expect(error == .damaged(path: error?.path ?? "", format: "PNG"), "cut at \(length)")
        }
    }

    @Test(
        "a PNG declaring a huge or empty size is refused from its header",
        arguments: [
            (UInt32(30000), UInt32(30000)), (0x7FFF_FFFF, 0x7FFF_FFFF), (0xFFFF_FFFF, 0xFFFF_FFFF),
            (1, 0x7FFF_FFFF), (0, 874), (1240, 0),
        ])
    func pngSize(width: UInt32, height: UInt32) throws {
        let good = try Data(contentsOf: Fixtures.ocr("card_clean.png"))
        let error = try refusedOnOpen("size.png", HostileFiles.png(good, width: width, height: height))
        if width == 0 || height == 0 {
            #expect(error?.reason.contains("damaged") == true, "\(String(describing: error))")
        } else {
            #expect(
                error?.reason.contains("over the limit of 40000000 pixels") == true,
                "\(String(describing: error))")
        }
    }

    @Test("a PNG with a bit flipped in its image data is refused by its CRC, before libpng sees it")
    func pngFlippedBit() throws {
        var bytes = [UInt8](try Data(contentsOf: Fixtures.ocr("card_clean.png")))
        let idat = try #require(
            (8..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == Array("IDAT".utf8) })
        bytes[idat + 40] ^= 0x10
        let error = try refusal("flipped.png", Data(bytes))
        #expect(error == .damaged(path: error?.path ?? "", format: "PNG"))
        // An ancillary chunk with a wrong CRC does not damage the page (libpng only warns).
        var ancillary = [UInt8](try Data(contentsOf: Fixtures.ocr("card_clean.png")))
        let ancillaryChunk = Array("zzZz".utf8) + [1, 2, 3]
        let chunk = HostileFiles.bigEndian(3) + ancillaryChunk + [0, 0, 0, 0]  // a wrong CRC
        ancillary.insert(contentsOf: chunk, at: 33)
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ancillary.png")
        try Data(ancillary).write(to: url)
        #expect(try loader.load(url).first?.image.width == 1240)
    }

    @Test("a PNG whose header lies smaller than its data is refused, not decoded")
    func pngLiesSmall() throws {
        let good = try Data(contentsOf: Fixtures.ocr("card_clean.png"))
        let error = try refusal("lies.png", HostileFiles.png(good, width: 640, height: 480))
        #expect(error?.reason.contains("damaged") == true, "\(String(describing: error))")
    }

    // MARK: JPEG

    @Test("a JPEG declaring 65535×65535 is refused from its header; one declaring 0 rows as damaged")
    func jpegSize() throws {
        let good = try Data(contentsOf: Fixtures.ocr("card_200dpi.jpg"))
        let huge = try #require(HostileFiles.jpeg(good, width: 65535, height: 65535))
        let error = try refusedOnOpen("huge.jpg", huge)
        #expect(error?.reason.contains("65535×65535") == true, "\(String(describing: error))")
        let empty = try #require(HostileFiles.jpeg(good, width: 827, height: 0))
        let zero = try refusal("zero.jpg", empty)
        #expect(zero?.reason.contains("damaged") == true, "\(String(describing: zero))")
    }

    @Test("a JPEG with 0xFF fill bytes before its markers is still read")
    func jpegFillBytes() throws {
        var bytes = [UInt8](try Data(contentsOf: Fixtures.ocr("card_200dpi.jpg")))
        bytes.insert(contentsOf: [0xFF, 0xFF, 0xFF], at: 2)
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("fill.jpg")
        try Data(bytes).write(to: url)
        let pages = try loader.load(url)
        #expect(pages.count == 1 && pages[0].image.width == 827)
    }

    @Test("JPEG cut short anywhere is refused as damaged")
    func truncatedJPEG() throws {
        let good = try Data(contentsOf: Fixtures.ocr("card_200dpi.jpg"))
        for length in [3, 4, 100, 400, good.count / 2, good.count - 2] {
            let error = try refusal("cut-\(length).jpg", good.prefix(length))
            #expect(error == .damaged(path: error?.path ?? "", format: "JPEG"), "cut at \(length)")
        }
    }

    // MARK: TIFF

    static let strip = [UInt8](repeating: 0xFF, count: 64 * 64)

    @Test("a TIFF of forty deflated 9990×9990 pages is refused on opening, in bounded memory")
    func tiffBomb() throws {
        let page = HostileFiles.TIFFPage(
            width: 9990, height: 9990, compression: 8, strip: [0x78, 0x9C, 0x03, 0])
        let before = HostileFiles.peakResidentBytes()
        let error = try refusedOnOpen("bomb.tif", HostileFiles.tiff(Array(repeating: page, count: 40)))
        #expect(error?.reason.contains("9990×9990") == true, "\(String(describing: error))")
        // Fully decoded, two pages are 200 MB and the file 4 GB. (The bound leaves room for other
        // suites running at the same time; refusing on `open` is what shows nothing was decoded.)
        if let before, let after = HostileFiles.peakResidentBytes() {
            #expect(after - before < 128 << 20, "peak memory grew by \(after - before) bytes")
        }
    }

    @Test("pages that each fit but together break the document budget are refused on opening")
    func tiffDocumentBudget() throws {
        let page = HostileFiles.TIFFPage(
            width: 6000, height: 6000, compression: 8, strip: [0x78, 0x9C, 0x03, 0])
        let error = try refusedOnOpen("many.tif", HostileFiles.tiff(Array(repeating: page, count: 10)))
        #expect(
            error?.reason.contains("over the limit of 100000000 for one document") == true,
            "\(String(describing: error))")
        // The committed two-page TIFF holds 2 × 1240 × 874 pixels.
        var small = PageLoader()
        small.maxDocumentPixels = 2_000_000
        let pages = #expect(throws: ImageLoadError.self) { try small.open(Fixtures.ocr("card_pages.tif")) }
        #expect(
            pages
                == .documentTooLarge(
                    path: Fixtures.ocr("card_pages.tif").relativePath, pages: 2, pixels: 2 * 1240 * 874,
                    limit: 2_000_000))
    }

    @Test("TIFFs with bad offsets, no pages, a directory loop or too many pages are refused")
    func tiffStructure() throws {
        let page = HostileFiles.TIFFPage(width: 64, height: 64, strip: Self.strip)
        // A control: the generator makes TIFFs Leptonica reads.
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.tif")
        try HostileFiles.tiff([page, page]).write(to: good)
        #expect(try loader.load(good).map(\.image.width) == [64, 64])

        _ = try refusal("ifd-past-end.tif", HostileFiles.tiff([page], firstIFD: 0x7FFF_FFF0))
        _ = try refusal("no-pages.tif", HostileFiles.tiff([page], firstIFD: 0))
        _ = try refusal("header-only.tif", Data([0x49, 0x49, 42, 0, 8, 0, 0, 0]))
        // libtiff notices a directory loop and stops: the two real pages are read, nothing hangs.
        let loop = folder.appendingPathComponent("loop.tif")
        try HostileFiles.tiff([page, page], loop: true).write(to: loop)
        #expect(try loader.load(loop).count == 2)
        var strip = page
        strip.stripOffset = 0x7FFF_0000
        _ = try refusal("strip-past-end.tif", HostileFiles.tiff([strip]))
        let many = HostileFiles.tiff(
            Array(repeating: HostileFiles.TIFFPage(width: 1, height: 1, strip: [0]), count: 600))
        let error = try refusal("pages.tif", many)
        #expect(
            error?.reason.contains("600 pages, over the limit of 500") == true, "\(String(describing: error))"
        )
        // Cut inside the first page's strips, or before its directory. (Cut after the first
        // directory, it is a whole one-page TIFF.)
        let full = try Data(contentsOf: Fixtures.ocr("card_pages.tif"))
        for length in [6, 16, 2000] {
            _ = try refusal("cut-\(length).tif", full.prefix(length))
        }
    }

    // MARK: PDF

    @Test("a 351-byte PDF with a MediaBox of 10¹⁴ points is refused before rendering")
    func pdfHugeMediaBox() throws {
        try #require(PDFRenderer().tool("pdftoppm") != nil, "poppler-utils is not installed")
        // pdfinfo prints these as 1e+14, 1e+29 and inf points.
        for size in [
            "100000000000000", "99999999999999999999999999999", "1" + String(repeating: "0", count: 400),
        ] {
            let data = HostileFiles.pdf(pages: 1, width: size, height: size)
            let error = try refusal("mediabox.pdf", data)
            #expect(
                error?.reason.contains("page 1 declares an impossible size of") == true,
                "\(String(describing: error))")
        }
    }

    @Test("a PDF of twenty blank 2398 pt pages is refused up front, not rendered until a timeout")
    func pdfManyHugePages() throws {
        try #require(PDFRenderer().tool("pdftoppm") != nil, "poppler-utils is not installed")
        let start = Date()
        let error = try refusedOnOpen("blank.pdf", HostileFiles.pdf(pages: 20, width: "2398", height: "2398"))
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(error?.reason.contains("9992×9992") == true, "\(String(describing: error))")
        // Pages that fit one by one but not together.
        let a3 = try refusedOnOpen("a3.pdf", HostileFiles.pdf(pages: 8, width: "842", height: "1191"))
        #expect(a3?.reason.contains("for one document") == true, "\(String(describing: a3))")
    }

    @Test("PDFs with no pages, too many pages, a broken xref or cut short are refused or read, quickly")
    func pdfStructure() throws {
        try #require(PDFRenderer().tool("pdftoppm") != nil, "poppler-utils is not installed")
        _ = try refusal("zero.pdf", HostileFiles.pdf(pages: 0, width: "595", height: "842"))
        let many = try refusal("many.pdf", HostileFiles.pdf(pages: 600, width: "10", height: "10"))
        #expect(
            many?.reason.contains("600 pages, over the limit of 500") == true, "\(String(describing: many))")
        let good = HostileFiles.pdf(pages: 1, width: "595", height: "842")
        for length in [5, 40, good.count / 2] {
            _ = try refusal("cut-\(length).pdf", good.prefix(length))
        }
        // poppler rebuilds a broken cross-reference table: the page is then read, never hung on.
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("xref.pdf")
        try HostileFiles.pdf(pages: 1, width: "595", height: "842", badXref: true).write(to: url)
        let start = Date()
        let pages = try? loader.load(url)
        #expect(Date().timeIntervalSince(start) < 30)
        if let pages { #expect(pages.count == 1 && pages[0].image.width == 2480) }
    }

    @Test("PDF pages are rendered one at a time, each at the size checked")
    func pdfPageByPage() throws {
        try #require(PDFRenderer().tool("pdftoppm") != nil, "poppler-utils is not installed")
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("two.pdf")
        try HostileFiles.pdf(pages: 2, width: "595", height: "842").write(to: url)
        let document = try loader.open(url)
        #expect(document.pageSizes == Array(repeating: PixelSize(width: 2480, height: 3509), count: 2))
        let second = try document.load(page: 1)
        #expect(second.index == 1 && second.image.width == 2480 && second.dpi == 300)
        #expect(throws: ImageLoadError.pageMissing(path: url.relativePath, page: 3, pages: 2)) {
            try document.load(page: 2)
        }
    }

    @Test("a PDF page turned a quarter is checked and rendered whole, width and height swapped")
    func pdfRotatedPage() throws {
        try #require(PDFRenderer().tool("pdftoppm") != nil, "poppler-utils is not installed")
        let folder = try HostileFiles.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("turned.pdf")
        try HostileFiles.pdf(pages: 1, width: "595", height: "842", extra: "/Rotate 90 ").write(to: url)
        var loader = PageLoader()
        loader.assumedDPI = 100
        let page = try loader.load(url)[0]
        #expect(page.image.width == 1170 && page.image.height == 827)
    }
}
