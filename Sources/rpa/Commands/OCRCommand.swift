import ArgumentParser
import Foundation
import Imaging
import OCR

/// `rpa ocr`: read zones of one scan, so a form author can try a zone on a real page.
struct OCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Read text zones and checkboxes of a scanned page.",
        discussion: """
            Zones are x,y,width,height in pixels of the straightened page, or of the blank form when \
            --template is given (the scan is then registered to the form first). Without zones the \
            whole page is read.
            """)

    @Argument(help: "The scan: PNG, JPEG, TIFF or PDF.")
    var image: String

    @Option(name: .customLong("zone"), help: "A text zone x,y,w,h (repeatable).")
    var zones: [String] = []

    @Option(name: .customLong("checkbox"), help: "A checkbox x,y,w,h (repeatable).")
    var checkboxes: [String] = []

    @Option(help: "Tesseract page segmentation mode for the zones (7 = one line, 6 = block).")
    var psm: Int = 7

    @Option(help: "Languages, joined with +.")
    var lang: String = "jpn+eng"

    @Option(help: "Allow only these characters in the zones (a space is always allowed).")
    var whitelist: String?

    @Option(help: "The blank form the zones were measured on; the scan is registered to it.")
    var template: String?

    @Option(help: "Which page of a multi-page file, from 1.")
    var page: Int = 1

    @Option(help: "The resolution to assume when the file does not record one.")
    var dpi: Int = 300

    @Option(help: "Binarisation: otsu or sauvola.")
    var binarization: Binarization = .otsu

    @Flag(help: "Median-filter the page before binarisation (noisy scans).")
    var despeckle = false

    @Option(help: "The tessdata folder (default: discovered).")
    var tessdata: String?

    @Option(help: "The glyph height, in pixels, text is scaled to before recognition.")
    var textHeight: Int = ZoneOptions().targetTextHeight

    @Option(help: "Save each zone as Tesseract sees it (cleaned, scaled) as PNG into this folder.")
    var saveCrops: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard let mode = PageSegmentation(rawValue: psm) else {
            let modes = PageSegmentation.allCases.map { String($0.rawValue) }.joined(separator: ", ")
            throw ValidationError("--psm \(psm) is not supported; use one of \(modes)")
        }
        _ = mode
        for zone in zones + checkboxes where Rect(parsing: zone) == nil {
            throw ValidationError("'\(zone)' is not a zone; write x,y,width,height, e.g. 620,480,1660,150")
        }
        guard page >= 1 else { throw ValidationError("--page counts from 1") }
    }

    func run() throws {
        var loader = PageLoader()
        loader.assumedDPI = dpi
        let options = CleanupOptions(deskew: true, binarization: binarization, despeckle: despeckle)
        let scan: ScannedPage
        let alignment: PageAlignment?
        let pageCount: Int
        do {
            let pages = try loader.load(URL(fileURLWithPath: image))
            pageCount = pages.count
            guard page <= pages.count else {
                throw ValidationError("\(image) has \(pages.count) page(s); --page \(page) does not exist")
            }
            scan = try ScannedPage(pages[page - 1], options: options)
            if let template {
                let blank = try loader.load(URL(fileURLWithPath: template))
                let geometry = TemplateGeometry(template: try ScannedPage(blank[0]))
                alignment = Registration().align(scan, to: geometry)
            } else {
                alignment = nil
            }
        } catch let error as ImageLoadError {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
        let engine: OCREngine
        do {
            engine = try OCREngine(
                configuration: OCRConfiguration(
                    languages: lang.split(separator: "+").map(String.init),
                    tessdata: tessdata.map { URL(fileURLWithPath: $0) }))
        } catch let error as OCRError {
            printError("error: \(error)")
            throw ExitCodes.missingDependency
        }
        var result = OCRResult(
            file: image, page: page, pages: pageCount, dpi: scan.dpi, skewDegrees: scan.skewDegrees,
            alignment: alignment.map { .init($0) })
        let mode = PageSegmentation(rawValue: psm) ?? .singleLine
        let zoneOptions = ZoneOptions(
            segmentation: mode, language: lang, whitelist: whitelist, targetTextHeight: textHeight)
        func place(_ text: String) -> Rect {
            let rect = Rect(parsing: text) ?? Rect(x: 0, y: 0, width: 0, height: 0)
            return alignment?.straightened(rect) ?? rect
        }
        for (index, zone) in zones.enumerated() {
            let extracted = try scan.extract(place(zone))
            let reading = try ZoneReader().read(extracted, options: zoneOptions, engine: engine)
            result.zones.append(.init(zone: zone, placed: place(zone), reading: reading))
            if let saveCrops, let prepared = try ZoneReader().prepare(extracted.ink, options: zoneOptions) {
                let folder = URL(fileURLWithPath: saveCrops, isDirectory: true)
                try PrivateFiles.makeFolder(folder)
                try prepared.image.writePNG(to: folder.appendingPathComponent("zone-\(index + 1).png"))
            }
        }
        for box in checkboxes {
            let reading = try CheckboxReader().read(scan.extract(place(box)))
            result.checkboxes.append(.init(zone: box, placed: place(box), reading: reading))
        }
        if zones.isEmpty && checkboxes.isEmpty {
            let whole = try engine.recognize(
                scan.straightenedGray(), language: lang, segmentation: .auto, dpi: scan.dpi)
            result.text = whole.text
            result.confidence = whole.confidence
        }
        if json { try printJSON(result) } else { print(result.summary) }
    }
}

/// What `rpa ocr` reports, as text or JSON.
struct OCRResult: Codable {
    struct Alignment: Codable {
        var method: String
        var scaleX: Double
        var scaleY: Double
        var shiftX: Double
        var shiftY: Double
        var note: String?

        init(_ alignment: PageAlignment) {
            let t = alignment.templateToStraightened
            method = alignment.method.rawValue
            scaleX = t.a
            scaleY = t.e
            shiftX = t.c
            shiftY = t.f
            note = alignment.note
        }
    }
    struct Zone: Codable {
        var zone: String
        var placed: Rect
        var reading: ZoneReading
    }
    struct Checkbox: Codable {
        var zone: String
        var placed: Rect
        var reading: CheckboxReading
    }

    var file: String
    var page: Int
    var pages: Int
    var dpi: Int
    var skewDegrees: Double
    var alignment: Alignment?
    var zones: [Zone] = []
    var checkboxes: [Checkbox] = []
    var text: String?
    var confidence: Double?

    var summary: String {
        var lines = [
            "\(file): page \(page) of \(pages), \(dpi) dpi, skew \(String(format: "%.2f", skewDegrees))°"
        ]
        if let alignment {
            lines.append(
                "registered by \(alignment.method): scale \(String(format: "%.3f × %.3f", alignment.scaleX, alignment.scaleY)), "
                    + "shift \(String(format: "%+.0f, %+.0f", alignment.shiftX, alignment.shiftY)) px"
                    + (alignment.note.map { " (\($0))" } ?? ""))
        }
        for (index, zone) in zones.enumerated() {
            let r = zone.reading
            let words = r.words.map { "\($0.text) \(Int($0.confidence.rounded()))" }.joined(separator: ", ")
            lines.append(
                "zone \(index + 1) [\(zone.zone)]: "
                    + (r.blank
                        ? "blank"
                        : "\"\(r.text)\"  confidence \(String(format: "%.1f", r.confidence))  (\(words))"))
        }
        for (index, box) in checkboxes.enumerated() {
            let r = box.reading
            lines.append(
                "checkbox \(index + 1) [\(box.zone)]: \(r.checked ? "ticked" : "empty")  "
                    + "fill \(String(format: "%.3f", r.fill))  confidence \(String(format: "%.0f", r.confidence))"
            )
        }
        if let text {
            lines.append("confidence \(String(format: "%.1f", confidence ?? 0))")
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }
}

extension Binarization: ExpressibleByArgument {}
