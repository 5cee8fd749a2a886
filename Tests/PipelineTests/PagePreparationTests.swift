import Foundation
import Imaging
import Pipeline
import TestSupport
import Testing
import Workflow

/// Issue #10 through `FormReader.prepare`: a scan whose resolution lies is prepared at the measured
/// one, and a document over the pixel budget is refused before any page is decoded.
@Suite("Preparing pages")
struct PagePreparationTests {
    /// PNG bytes without their pHYs chunk: a file that records no resolution.
    func withoutResolution(_ png: Data) throws -> Data {
        var bytes = [UInt8](png)
        let type = Array("pHYs".utf8)
        let at = try #require((8..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == type })
        // length (4), type (4), 9 bytes of data, CRC (4)
        bytes.removeSubrange((at - 4)..<(at + 17))
        return Data(bytes)
    }

    @Test("a 300 dpi sample made 200 dpi without resolution registers by its frame, read at 200 dpi")
    func measuredResolution() throws {
        let workflow = try BatchTests.workflow("juminhyo")
        let reader = try FormReader(workflow: workflow)
        let scan = BatchTests.batch("juminhyo").appendingPathComponent("juminhyo-003.tif")
        let small = try PageLoader().load(scan)[0].image.scaled(by: 2.0 / 3.0)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-200dpi-\(UUID()).png")
        try withoutResolution(small.pngData()).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let pages = try reader.prepare(url)
        let page = try #require(pages.first)
        #expect(page.alignment.method == .frame, "\(page.alignment.note ?? "")")
        #expect(abs(page.page.dpi - 200) <= 3, "prepared at \(page.page.dpi) dpi")
        let bounds = Rect(x: 0, y: 0, width: small.width, height: small.height)
        for field in workflow.fields where field.page == 1 {
            for (label, zone) in field.zones {
                let placed = page.alignment.straightened(zone)
                #expect(placed.intersection(bounds) == placed, "\(field.name) \(label) at \(placed)")
            }
        }
    }

    @Test("a PDF of twelve A4 pages is over the document budget and refused before rendering")
    func documentBudget() throws {
        try #require(PDFRenderer().tool("pdftoppm") != nil, "poppler-utils is not installed")
        let reader = try FormReader(workflow: try BatchTests.workflow("juminhyo"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-twelve-\(UUID()).pdf")
        try HostileFiles.pdf(pages: 12, width: "595", height: "842").write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let start = Date()
        #expect(
            throws: ImageLoadError.documentTooLarge(
                path: url.relativePath, pages: 12, pixels: 12 * 2480 * 3509, limit: 100_000_000)
        ) { try reader.prepare(url) }
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
