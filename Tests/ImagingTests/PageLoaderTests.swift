import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Loading scans")
struct PageLoaderTests {
    let loader = PageLoader()

    @Test("PNG at 300 dpi")
    func png() throws {
        let pages = try loader.load(Fixtures.ocr("card_clean.png"))
        #expect(pages.count == 1)
        #expect(pages[0].image.width == 1240 && pages[0].image.height == 874)
        #expect(pages[0].dpi == 300 && !pages[0].dpiWasAssumed)
    }

    @Test("JPEG keeps its own resolution (200 dpi)")
    func jpeg() throws {
        let pages = try loader.load(Fixtures.ocr("card_200dpi.jpg"))
        #expect(pages.count == 1)
        #expect(pages[0].dpi == 200)
        #expect(pages[0].image.width == 827)
    }

    @Test("every page of a multi-page TIFF")
    func multipageTIFF() throws {
        let pages = try loader.load(Fixtures.ocr("card_pages.tif"))
        #expect(pages.map(\.index) == [0, 1])
        #expect(pages.allSatisfy { $0.image.width == 1240 && $0.dpi == 300 })
    }

    @Test("PDF pages rendered at the working resolution by pdftoppm")
    func pdf() throws {
        let pages = try loader.load(Fixtures.ocr("card.pdf"))
        #expect(pages.count == 1)
        #expect(pages[0].dpi == 300)
        #expect(abs(pages[0].image.width - 1240) <= 2 && abs(pages[0].image.height - 874) <= 2)
    }

    @Test(
        "bad files give one clear error naming the file",
        arguments: [
            ("empty.png", "empty"), ("truncated.png", "truncated or damaged"),
            ("not_an_image.png", "not a PNG, JPEG, TIFF or PDF"), ("huge.png", "30000×30000"),
            ("no_such_file.png", "no such file"),
        ])
    func badFiles(name: String, reason: String) throws {
        let url = Fixtures.ocr(name)
        let error = #expect(throws: ImageLoadError.self) { try loader.load(url) }
        #expect(error?.path == url.relativePath)
        #expect(error?.description.contains(name) == true)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test("a huge image is refused from its header, before decoding")
    func pixelLimitBeforeDecoding() throws {
        var small = PageLoader()
        small.maxPixels = 1000
        let error = #expect(throws: ImageLoadError.self) { try small.load(Fixtures.ocr("card_clean.png")) }
        #expect(
            error
                == .tooManyPixels(
                    path: Fixtures.ocr("card_clean.png").relativePath, width: 1240, height: 874, limit: 1000))
    }

    @Test("a truncated JPEG is refused, not decoded half-grey")
    func truncatedJPEG() throws {
        let data = try Data(contentsOf: Fixtures.ocr("card_200dpi.jpg"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-trunc-\(UUID()).jpg")
        try data.prefix(data.count / 2).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ImageLoadError.damaged(path: url.relativePath, format: "JPEG")) {
            try loader.load(url)
        }
    }

    @Test("a folder is not a scan")
    func directory() throws {
        let error = #expect(throws: ImageLoadError.self) {
            try loader.load(FileManager.default.temporaryDirectory)
        }
        #expect(error?.reason.contains("not a regular file") == true)
    }
}
