import CLeptonica
import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Skew")
struct SkewFinderTests {
    /// The committed 住民票 sample pages with the angle the generator turned each one by.
    static func samples() throws -> [(file: URL, degrees: Double)] {
        let folder = Fixtures.root.appendingPathComponent("samples/juminhyo/batch-01")
        let truth = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("ground_truth.json")))
        let files = (truth as? [String: Any])?["files"] as? [[String: Any]] ?? []
        return files.compactMap { file in
            guard let name = file["file"] as? String,
                let steps = file["degradations"] as? [[String: Any]],
                let degrees = steps.first(where: { $0["op"] as? String == "affine" })?["angle_deg"] as? Double
            else { return nil }
            return (folder.appendingPathComponent(name), degrees)
        }
    }

    func ink(_ file: URL) throws -> Image {
        try ScannedPage(PageLoader().load(file)[0], options: CleanupOptions(deskew: false)).ink
    }

    @Test("the angle of every sample page is found within 0.08° (searching the middle third)")
    func samplePages() throws {
        let samples = try Self.samples()
        #expect(samples.count == 10)
        for sample in samples {
            let found = SkewFinder().find(in: try ink(sample.file))
            // The generator turns the page by `degrees`; straightening turns it back.
            #expect(
                abs(found.degrees + sample.degrees) < 0.08,
                "\(sample.file.lastPathComponent): found \(found.degrees)°, turned \(sample.degrees)°")
            #expect(found.confidence >= 2)
        }
    }

    @Test("a page whose middle third is blank falls back to the whole page")
    func blankBand() throws {
        let sample = try #require(try Self.samples().first { abs($0.degrees) > 0.5 })
        let page = try ink(sample.file)
        pixRasterop(
            page.pix, 0, Int32(page.height / 4), Int32(page.width), Int32(page.height / 2), PIX_CLR, nil, 0, 0
        )
        let found = SkewFinder().find(in: page)
        #expect(
            abs(found.degrees + sample.degrees) < 0.1, "found \(found.degrees)°, turned \(sample.degrees)°")
    }
}
