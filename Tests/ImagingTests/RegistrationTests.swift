import CLeptonica
import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Registration")
struct RegistrationTests {
    let loader = PageLoader()

    func template() throws -> TemplateGeometry {
        try TemplateGeometry(template: ScannedPage(loader.load(Fixtures.ocr("card_template.png"))[0]))
    }

    /// Every zone corner and frame corner of the card, in template pixels.
    func checkpoints() throws -> [Point] {
        let layout = try Fixtures.cardLayout()
        var rects = layout.fields.map(\.zone) + [layout.frame]
        rects += layout.fields.flatMap { $0.options.map { Array($0.values) } ?? [] }
        return rects.flatMap { r in
            [(r[0], r[1]), (r[0] + r[2], r[1]), (r[0], r[1] + r[3]), (r[0] + r[2], r[1] + r[3])].map {
                Point(x: Double($0.0), y: Double($0.1))
            }
        }
    }

    /// The largest distance between where registration against `geometry` (the card's template by
    /// default) puts the checkpoints and where they are; the page must be lined up by `method`.
    func worstError(
        _ page: ScannedPage, truth: AffineMap, geometry: TemplateGeometry? = nil,
        method: PageAlignment.Method = .frame
    ) throws -> Double {
        let alignment = Registration().align(page, to: try geometry ?? template())
        #expect(alignment.method == method, "\(alignment.note ?? "")")
        return try checkpoints().map { point in
            alignment.templateToSource.apply(point).distance(to: truth.apply(point))
        }.max() ?? .infinity
    }

    @Test(
        "zones land within 3 px on the committed scans",
        arguments: [
            ("card_clean.png", 0), ("card_skewed.png", 0), ("card_200dpi.jpg", 0), ("card.pdf", 0),
            ("card_pages.tif", 1),
        ])
    func committedScans(file: String, page: Int) throws {
        let truth = try Fixtures.cardTruth()
        let m = try #require(truth.transform(file, page: page))
        let transform = AffineMap(a: m[0][0], b: m[0][1], c: m[0][2], d: m[1][0], e: m[1][1], f: m[1][2])
        let scanned = try ScannedPage(loader.load(Fixtures.ocr(file))[page])
        let error = try worstError(scanned, truth: transform)
        #expect(error <= 3, "\(file): worst checkpoint off by \(error) px")
    }

    @Test(
        "zones land within 3 px after ±3° skew, ±50 px shift and ±5% scale",
        arguments: [
            (3.0, 1.05, 50.0, -20.0), (-3.0, 0.95, -50.0, 30.0), (1.5, 1.0, 50.0, -50.0),
            (-2.0, 1.03, 30.0, -50.0), (0.4, 0.97, -40.0, -10.0),
        ])
    func distorted(degrees: Double, scale: Double, dx: Double, dy: Double) throws {
        let clean = try loader.load(Fixtures.ocr("card_clean.png"))[0]
        let (image, truth) = try distort(clean.image, degrees: degrees, scale: scale, dx: dx, dy: dy)
        let scanned = try ScannedPage(LoadedPage(image: image, index: 0, dpi: 300, dpiWasAssumed: false))
        #expect(abs(scanned.skewDegrees + degrees) < 0.2, "skew \(scanned.skewDegrees)")
        let error = try worstError(scanned, truth: truth)
        #expect(error <= 3, "worst checkpoint off by \(error) px")
    }

    // The card's frame leaves about 40 px below it, so downward shifts stay under that here; the
    // A4 sample forms have room for the full ±50 px.

    @Test("a page without a frame falls back to the resolution, and says why")
    func noFrame() throws {
        let clean = try ScannedPage(loader.load(Fixtures.ocr("card_clean.png"))[0])
        let frameless = TemplateGeometry(width: 1240, height: 874, dpi: 300, frame: nil)
        let alignment = Registration().align(clean, to: frameless)
        #expect(alignment.method == .resolutionOnly)
        #expect(alignment.note?.contains("no printed frame") == true)
    }

    @Test(
        "a 200 dpi scan whose file gives no resolution, or says 300, is read at the measured scale",
        arguments: [0, 300])
    func measuredResolution(declared: Int32) throws {
        let clean = try loader.load(Fixtures.ocr("card_clean.png"))[0]
        let small = try clean.image.grayscale().scaled(by: 2.0 / 3.0)
        // pixSetResolution ignores 0; these set it as given (0: the PNG gets no pHYs chunk).
        pixSetXRes(small.pix, declared)
        pixSetYRes(small.pix, declared)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-200dpi-\(UUID()).png")
        try small.writePNG(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try loader.load(url)[0]
        #expect(loaded.dpi == 300 && loaded.dpiWasAssumed == (declared == 0))

        let scanned = try ScannedPage(loaded)
        let alignment = Registration().align(scanned, to: try template())
        #expect(alignment.method == .frame, "\(alignment.note ?? "")")
        let measured = try #require(alignment.measuredDPI)
        #expect(abs(measured - 200) <= 3, "measured \(measured) dpi")
        scanned.useMeasuredResolution(measured)
        #expect(scanned.dpi == measured && scanned.source.resolution == measured)

        // Where the template's points really are on the small page: the clean scan's transform, then
        // pixScale's 2/3 (it maps pixel centres: x' = s·(x + ½) − ½).
        let m = try #require(Fixtures.cardTruth().transform("card_clean.png"))
        let cleanTruth = AffineMap(a: m[0][0], b: m[0][1], c: m[0][2], d: m[1][0], e: m[1][1], f: m[1][2])
        let s = Double(small.width) / Double(clean.image.width)
        let scale = AffineMap(a: s, b: 0, c: s * 0.5 - 0.5, d: 0, e: s, f: s * 0.5 - 0.5)
        let truth = scale.concatenating(after: cleanTruth)
        let worst =
            try checkpoints().map { alignment.templateToSource.apply($0).distance(to: truth.apply($0)) }
            .max() ?? .infinity
        #expect(worst <= 3, "worst checkpoint off by \(worst) px")
        // Every zone lies on the page.
        let page = Rect(x: 0, y: 0, width: small.width, height: small.height)
        for field in try Fixtures.cardLayout().fields {
            let zone = alignment.straightened(
                Rect(x: field.zone[0], y: field.zone[1], width: field.zone[2], height: field.zone[3]))
            #expect(zone.intersection(page) == zone, "\(field.name) at \(zone) is off the page")
        }
    }

    @Test("a frame at another scale is not believed when it covers another share of the page")
    func unrelatedFrameAtAnotherScale() throws {
        let clean = try ScannedPage(loader.load(Fixtures.ocr("card_clean.png"))[0])
        // A template whose frame is 2/3 of this card's would make the card a 450 dpi scan; but the
        // card's frame covers the same share of its page as that template's only if the template
        // page is 2/3 as large too. Here it is not, so the frame is no evidence of a resolution.
        let geometry = try template()
        let frame = try #require(geometry.frame)
        let shrunk = TemplateGeometry(
            width: geometry.width, height: geometry.height, dpi: 300,
            frame: FrameEdges(
                left: frame.left, top: frame.top, right: frame.left + frame.width * 2 / 3,
                bottom: frame.top + frame.height * 2 / 3))
        let alignment = Registration().align(clean, to: shrunk)
        #expect(alignment.method == .resolutionOnly)
        #expect(alignment.measuredDPI == nil)
        #expect(alignment.note?.contains("out of proportion") == true)
    }

    /// The card's template with its frame forgotten: only its print can line scans up.
    func frameless() throws -> TemplateGeometry {
        var geometry = try template()
        geometry.frame = nil
        #expect(geometry.print?.isUsable == true)
        return geometry
    }

    @Test(
        "without a frame, zones land within 3 px by the form's print on the committed scans",
        arguments: [("card_clean.png", 0), ("card_skewed.png", 0), ("card.pdf", 0), ("card_pages.tif", 1)])
    func printOnCommittedScans(file: String, page: Int) throws {
        let m = try #require(Fixtures.cardTruth().transform(file, page: page))
        let truth = AffineMap(a: m[0][0], b: m[0][1], c: m[0][2], d: m[1][0], e: m[1][1], f: m[1][2])
        let scanned = try ScannedPage(loader.load(Fixtures.ocr(file))[page])
        let error = try worstError(scanned, truth: truth, geometry: frameless(), method: .print)
        #expect(error <= 3, "\(file): worst checkpoint off by \(error) px")
    }

    @Test(
        "without a frame, zones land within 3 px by the form's print after ±3° skew, ±40 px shift and ±3% scale",
        arguments: [
            (1.5, 1.0, 40.0, -20.0), (-2.0, 1.02, -40.0, 30.0), (0.4, 0.98, 30.0, -35.0),
            (3.0, 1.03, -25.0, 10.0), (-3.0, 0.97, 20.0, 25.0),
        ])
    func printAfterDistortion(degrees: Double, scale: Double, dx: Double, dy: Double) throws {
        let clean = try loader.load(Fixtures.ocr("card_clean.png"))[0]
        let (image, truth) = try distort(clean.image, degrees: degrees, scale: scale, dx: dx, dy: dy)
        let scanned = try ScannedPage(LoadedPage(image: image, index: 0, dpi: 300, dpiWasAssumed: false))
        let error = try worstError(scanned, truth: truth, geometry: frameless(), method: .print)
        #expect(error <= 3, "worst checkpoint off by \(error) px")
    }

    @Test(
        "on the committed A4 samples, printed and by hand, zones land within 4 px by the form's print",
        arguments: ["juminhyo", "jidoteate", "tennyu"])
    func printOnCommittedSamples(form: String) throws {
        let blank = try loader.load(Fixtures.root.appendingPathComponent("workflows/templates/\(form).png"))[
            0]
        var frameless = TemplateGeometry(template: try ScannedPage(blank))
        frameless.frame = nil
        // Over the whole page, 150 px in from its edges, and its middle.
        let (w, h) = (Double(frameless.width), Double(frameless.height))
        let points = [(150.0, 150.0), (w - 150, 150), (150, h - 150), (w - 150, h - 150), (w / 2, h / 2)].map
        {
            Point(x: $0.0, y: $0.1)
        }
        for batch in ["batch-01", "hand-01"] {
            let folder = Fixtures.root.appendingPathComponent("samples/\(form)/\(batch)")
            // The generator's record of where each template point went on each scan.
            let truth =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: folder.appendingPathComponent("ground_truth.json")))
                as? [String: Any]
            for entry in truth?["files"] as? [[String: Any]] ?? [] {
                let file = try #require(entry["file"] as? String)
                let m = try #require(entry["transform"] as? [[Double]])
                let map = AffineMap(a: m[0][0], b: m[0][1], c: m[0][2], d: m[1][0], e: m[1][1], f: m[1][2])
                let page = try ScannedPage(loader.load(folder.appendingPathComponent(file))[0])
                let alignment = Registration().align(page, to: frameless)
                #expect(alignment.method == .print, "\(file): \(alignment.note ?? "")")
                let worst = points.map { alignment.templateToSource.apply($0).distance(to: map.apply($0)) }
                    .max()
                // Within 4 px across the page (3.9 at worst when written; the frame's test on the card is 3).
                #expect((worst ?? .infinity) <= 4, "\(batch)/\(file): off by \(worst ?? .infinity) px")
            }
        }
    }

    @Test("a page of another form does not line up by print, and the note says the scan may be at fault")
    func printOfAnotherForm() throws {
        let other = try ScannedPage(
            loader.load(Fixtures.root.appendingPathComponent("samples/juminhyo/batch-01/juminhyo-001.tif"))[0]
        )
        let alignment = Registration().align(other, to: try frameless())
        #expect(alignment.method == .resolutionOnly)
        #expect(
            alignment.note?.contains("nor does the form's print line up") == true, "\(alignment.note ?? "")")
    }

    @Test("a template with neither frame nor print cannot line scans up, and says the template is at fault")
    func blankTemplate() throws {
        let clean = try loader.load(Fixtures.ocr("card_clean.png"))[0]
        let blank = try clean.image.grayscale().cropped(to: Rect(x: 0, y: 0, width: 40, height: 40)).scaled(
            by: 20)
        blank.setResolution(300)
        let geometry = TemplateGeometry(
            template: try ScannedPage(LoadedPage(image: blank, index: 0, dpi: 300, dpiWasAssumed: false)))
        #expect(geometry.frame == nil && geometry.print?.isUsable != true)
        #expect(geometry.registration.problem?.contains("too little print") == true)
        let alignment = Registration().align(try ScannedPage(clean), to: geometry)
        #expect(alignment.method == .resolutionOnly)
        #expect(alignment.note?.contains("its fault, not the scan's") == true)
    }

    /// Scales the page about its centre, shifts it, then turns it clockwise by `degrees` about the
    /// centre, as a scanner's feeder might; returns the page and the template → page transform.
    func distort(_ source: Image, degrees: Double, scale: Double, dx: Double, dy: Double) throws -> (
        Image, AffineMap
    ) {
        let gray = try source.grayscale()
        let w = gray.width
        let h = gray.height
        let scaled = try gray.scaled(by: scale)
        guard let canvasPix = pixCreate(Int32(w), Int32(h), 8) else {
            throw ImagingError.operationFailed("canvas")
        }
        let canvas = Image(owning: canvasPix)
        pixSetAllArbitrary(canvas.pix, 255)
        let ox = Int((Double(w / 2) + dx - scale * Double(w / 2)).rounded())
        let oy = Int((Double(h / 2) + dy - scale * Double(h / 2)).rounded())
        pixRasterop(
            canvas.pix, Int32(ox), Int32(oy), Int32(scaled.width), Int32(scaled.height), PIX_SRC, scaled.pix,
            0, 0)
        let turned = try canvas.rotated(degrees: degrees)
        turned.setResolution(300)
        let center = Point(x: Double(w / 2), y: Double(h / 2))
        // pixScale maps pixel centres: x' = s·(x + ½) − ½.
        let scaleMap = AffineMap(
            a: scale, b: 0, c: Double(ox) + scale * 0.5 - 0.5, d: 0, e: scale,
            f: Double(oy) + scale * 0.5 - 0.5)
        let truth = AffineMap.rotation(degrees * .pi / 180, about: center).concatenating(after: scaleMap)
        return (turned, truth)
    }
}
