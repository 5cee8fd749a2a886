import Foundation
import Imaging
import OCR
import Workflow

/// What was read for one field, before normalisation and checks.
public struct FieldReading: Sendable {
    public var text: String
    /// Lowest word or mark confidence, 0–100.
    public var confidence: Double
    public var blank: Bool
    /// For checkbox and choice fields: each option's mark.
    public var marks: [(name: String, reading: CheckboxReading)]
    /// Why the field could not be read at all (label not found, page missing), if so.
    public var problem: Reason?
    /// Where the field was read, on the straightened page: for review crops.
    public var area: Rect?
    /// The second reading at another scale, when the workflow verifies readings.
    public var verification: String? = nil
    /// Seconds spent inside libtesseract for this field.
    public var ocrSeconds: Double = 0
    /// Lowest confidence of a word holding a digit (100 when none does).
    public var digitConfidence: Double = 100
    /// Whether the second reading came from another model (not the same one at another scale), so
    /// that its agreement is independent evidence.
    public var independentlyVerified = false
    /// The third reading, read only when the first two left the field doubtful.
    public var tieBreak: TextRecognition? = nil
    /// The model of the third reading: the standard `jpn`, or the first reading's model at another
    /// scale.
    public var tieBreakModel: String? = nil
    /// The first reading's words with their confidences (an address's building is judged on its own).
    public var words: [RecognizedWord] = []
    /// The neural recognizer's reading, when the workflow verifies readings and it is installed.
    public var neural: LineReading? = nil
}

/// Reads a workflow's fields from a scanned document. Built once per workflow (the template is
/// measured once) and shared by every worker; each call uses the calling worker's recognizers.
public final class FormReader: Sendable {
    public let workflow: Workflow
    /// The blank form's size, resolution and frame, measured once.
    public let geometry: TemplateGeometry
    let loader: PageLoader

    public init(workflow: Workflow) throws {
        self.workflow = workflow
        var loader = PageLoader()
        loader.assumedDPI = workflow.template.dpi
        self.loader = loader
        let template = try ScannedPage(loader.open(workflow.template.image).load(page: 0))
        geometry = TemplateGeometry(template: template)
    }

    /// The scan at `url`, read once, as ``prepare(_:)-(ScanBytes)`` prepares it.
    public func prepare(_ url: URL) throws -> [RegisteredPage] {
        try prepare(ScanBytes.read(url, limit: loader.maxFileBytes))
    }

    /// The document's pages, straightened and registered, ready for reading: decoded from the bytes
    /// read, which are what the caller hashed, never from the file again.
    ///
    /// Pages are decoded and cleaned one at a time, so only the cleaned pages (gray or 1-bit) are kept;
    /// the loader has checked from the file's headers that all of them together fit its pixel budget.
    public func prepare(_ scan: ScanBytes) throws -> [RegisteredPage] {
        var times = PreparationTimes()
        return try prepare(scan, times: &times)
    }

    /// ``prepare(_:)-(ScanBytes)``, adding the seconds each stage took to `times` (benchmarks).
    public func prepare(_ scan: ScanBytes, times: inout PreparationTimes) throws -> [RegisteredPage] {
        let options = CleanupOptions(
            deskew: workflow.ocr.deskew, binarization: workflow.ocr.binarization,
            despeckle: workflow.ocr.despeckle)
        var start = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { start = now }
            return Double(now - start) / 1e9
        }
        let document = try loader.open(scan)
        times.decode += lap()
        var pages: [RegisteredPage] = []
        pages.reserveCapacity(document.pageCount)
        for index in 0..<document.pageCount {
            let loaded = try document.load(page: index)
            times.decode += lap()
            let page = try ScannedPage(loaded, options: options)
            times.cleanup += lap()
            let alignment = Registration().align(page, to: geometry)
            // A scan whose file gave no resolution, or a wrong one, is read at the measured one.
            if let measured = alignment.measuredDPI { page.useMeasuredResolution(measured) }
            times.registration += lap()
            pages.append(RegisteredPage(page: page, alignment: alignment))
        }
        return pages
    }

    /// The text zones of `pages` cleaned and cut to their ink, by field name: what the engines read.
    /// Needs no engine, so a scan's zones can be made ready while a worker reads the one before.
    public func cleanZones(_ pages: [RegisteredPage]) throws -> [String: CleanZone] {
        var zones: [String: CleanZone] = [:]
        for field in workflow.fields where field.type != .qr && field.page <= pages.count {
            guard case .zone(let zone) = field.reader else { continue }
            let page = pages[field.page - 1]
            zones[field.name] = try ZoneReader().clean(
                page.page.extract(page.alignment.straightened(zone)), options: zoneOptions(field))
        }
        return zones
    }

    /// `zones` with every neural reading started, in the fields' order (the order Tesseract reads
    /// them in), so that the model reads on its lane while Tesseract reads on the worker's thread.
    public func startZones(_ zones: [String: CleanZone], recognizers: WorkerRecognizers) -> [String:
        CleanZone]
    {
        var started = zones
        for field in workflow.fields { started[field.name] = zones[field.name]?.started(with: recognizers) }
        return started
    }

    /// Reads every field of the workflow from prepared pages: QR codes first, so that the fields
    /// their payload fills are taken from it, not read by OCR. `zones` are the pages' ``cleanZones(_:)``,
    /// made here when not given.
    public func read(
        _ pages: [RegisteredPage], zones: [String: CleanZone]? = nil, recognizers: WorkerRecognizers
    ) throws -> [FieldReading] {
        let engine = recognizers.tesseract
        var pageTexts: [Int: TextRecognition] = [:]
        var codes: [String: FieldReading] = [:]
        var filled: [String: (value: String, area: Rect?)] = [:]
        for field in workflow.fields where field.type == .qr && field.page <= pages.count {
            guard case .zone(let zone) = field.reader else { continue }
            let page = pages[field.page - 1]
            let rect = page.alignment.straightened(zone)
            let (reading, pairs) = try readCode(rect, field: field, page: page)
            codes[field.name] = reading
            for fill in field.fill {
                guard let value = pairs?[fill.key] else { continue }
                let own = workflow.field(fill.field).flatMap { target -> Rect? in
                    guard case .zone(let zone) = target.reader, target.page <= pages.count else { return nil }
                    return pages[target.page - 1].alignment.straightened(zone)
                }
                filled[fill.field] = (value, own ?? rect)
            }
        }
        let started = startZones(try zones ?? cleanZones(pages), recognizers: recognizers)
        return try workflow.fields.map { field in
            if let code = codes[field.name] { return code }
            if let value = filled[field.name] {
                // Machine-readable first: the value goes through the same type and checks as any.
                return FieldReading(
                    text: value.value, confidence: 100, blank: value.value.isEmpty, marks: [], problem: nil,
                    area: value.area)
            }
            guard field.page <= pages.count else {
                return FieldReading(
                    text: "", confidence: 0, blank: true, marks: [],
                    problem: Reason(code: "missing_page", message: "the document has no page \(field.page)"),
                    area: nil)
            }
            let page = pages[field.page - 1]
            switch field.reader {
            case .zone(let zone):
                return try readText(
                    page.alignment.straightened(zone), field: field, page: page, recognizers: recognizers,
                    clean: started[field.name])
            case .boxes(let options):
                let rects = options.map { page.alignment.straightened($0.zone) }
                var marks = try zip(options, rects).map { option, rect in
                    (option.name, try CheckboxReader().read(page.page.extract(rect)))
                }
                if field.type == .choice, !marks.contains(where: \.1.checked) {
                    marks = try Self.circledOption(marks, boxes: rects, page: page.page)
                }
                let area = rects.dropFirst().reduce(rects.first) { partial, rect in partial?.union(rect) }
                return FieldReading(
                    text: "", confidence: marks.map(\.1.confidence).min() ?? 0, blank: false, marks: marks,
                    problem: nil,
                    area: area)
            case .label(let anchor):
                let text = try pageText(field.page, pages: pages, cache: &pageTexts, engine: engine)
                guard
                    let zone = LabelLocator.valueZone(for: anchor, in: text.words, alignment: page.alignment)
                else {
                    return FieldReading(
                        text: "", confidence: 0, blank: true, marks: [],
                        problem: Reason(
                            code: "label_not_found",
                            message: "the printed label '\(anchor.text)' was not found on the page"),
                        area: nil)
                }
                return try readText(zone, field: field, page: page, recognizers: recognizers)
            case .regex(let pattern, let group):
                let text = try pageText(field.page, pages: pages, cache: &pageTexts, engine: engine)
                let value = RegexLocator.firstMatch(
                    pattern, group: group, in: Transform.collapseSpaces.apply(text.text))
                return FieldReading(
                    text: value ?? "", confidence: value == nil ? 100 : text.confidence, blank: value == nil,
                    marks: [],
                    problem: nil, area: nil, ocrSeconds: text.seconds)
            }
        }
    }

    /// A pick-one field with no box ticked: the option circled by hand instead, when one ring stands
    /// out (``CircleFinder``); the marks unchanged otherwise (the field then waits as not ticked).
    package static func circledOption(
        _ marks: [(name: String, reading: CheckboxReading)], boxes: [Rect], page: ScannedPage
    ) throws -> [(name: String, reading: CheckboxReading)] {
        let finder = CircleFinder()
        guard let area = CircleFinder.band(around: boxes) else { return marks }
        let coverage = try finder.coverage(in: page.extract(area).ink, area: area, boxes: boxes)
        guard let index = finder.circled(coverage) else { return marks }
        var marks = marks
        // One ring stands out only when it is clear of the undecided band, as a ticked box must be.
        marks[index].reading = CheckboxReading(
            checked: true, fill: coverage[index], confidence: 100, circled: true)
        return marks
    }

    /// How the text field `field` is cleaned and read; the second reading is chosen from `engine`'s
    /// models (none without an engine: cleaning does not depend on it).
    private func zoneOptions(_ field: FieldSpec, engine: (any TesseractRecognizer)? = nil) -> ZoneOptions {
        let language = field.language ?? workflow.ocr.languages.first
        return ZoneOptions(
            segmentation: PageSegmentation(rawValue: field.psm) ?? .singleLine,
            language: language, whitelist: field.whitelist ?? field.type.characterSet,
            verification: engine.map { verification(for: language, type: field.type, engine: $0) } ?? .none)
    }

    /// Reads the text field `field` in `rect` (straightened page coordinates) of `page`, with every
    /// reading its type and language ask for; `clean` is the zone already cleaned (and started).
    package func readText(
        _ rect: Rect, field: FieldSpec, page: RegisteredPage, recognizers: WorkerRecognizers,
        clean: CleanZone? = nil
    ) throws -> FieldReading {
        let engine = recognizers.tesseract
        let options = zoneOptions(field, engine: engine)
        let language = options.language
        let third = thirdReading(field, language: language, options: options, area: rect, engine: engine)
        func fieldReading(_ zone: ZoneReading) -> FieldReading {
            var reading = Self.fieldReading(zone, area: rect)
            reading.independentlyVerified = options.verification.isOtherModel
            return reading
        }
        let evaluator = FieldEvaluator(workflow: workflow)
        let zone = try clean ?? ZoneReader().clean(page.page.extract(rect), options: options)
        let reading = try ZoneReader().read(
            zone, options: options, recognizers: recognizers, third: third
        ) { !evaluator.settledWithFirstReading(field, fieldReading($0)) }
        var result = fieldReading(reading)
        if reading.tieBreak != nil { result.tieBreakModel = third?.language }
        return result
    }

    /// Decodes a QR code zone: the payload as the field's text and its key → value pairs, or why it
    /// could not be used. A blank zone is blank; a code that cannot be decoded, or whose payload is not
    /// JSON or key=value text, fills nothing (its fields are read by OCR) and is a reason for review
    /// only when the field is `required`.
    private func readCode(_ rect: Rect, field: FieldSpec, page: RegisteredPage) throws -> (
        FieldReading, [String: String]?
    ) {
        for payload in try QRCodeReader().decode(page.page.extractGray(rect)) {
            guard let pairs = QRPayload.parse(payload) else { continue }
            let text = String(decoding: payload, as: UTF8.self)
            return (
                FieldReading(text: text, confidence: 100, blank: false, marks: [], problem: nil, area: rect),
                pairs
            )
        }
        // Nothing decoded: a zone without ink is blank, not an unreadable code.
        guard try page.page.extract(rect).ink.inkPerRow().reduce(0, +) >= 400 else {
            return (
                FieldReading(text: "", confidence: 100, blank: true, marks: [], problem: nil, area: rect), nil
            )
        }
        let problem =
            field.required
            ? Reason(
                code: "qr_unreadable",
                message: "the QR code could not be decoded (damaged, or its data is not JSON or key=value); "
                    + "its fields were read by OCR")
            : nil
        return (
            FieldReading(text: "", confidence: 100, blank: true, marks: [], problem: problem, area: rect), nil
        )
    }

    static func fieldReading(_ reading: ZoneReading, area: Rect) -> FieldReading {
        FieldReading(
            text: reading.text, confidence: reading.minimumWordConfidence, blank: reading.blank, marks: [],
            problem: nil,
            area: area, verification: reading.verification, ocrSeconds: reading.recognitionSeconds,
            digitConfidence: reading.words.filter { $0.text.contains(where: \.isDigitGlyph) }.map(
                \.confidence
            )
            .min() ?? 100, tieBreak: reading.tieBreak, words: reading.words, neural: reading.neural)
    }

    /// The third reading of a field whose first two readings leave it doubtful (they disagree, or the
    /// first is not valid) or unconfirmed (two models agree on a structured value, a digit below 75):
    /// - a field read with `eng` and checked by `jpn`: `eng` at 32 px, when doubtful or unconfirmed, as
    ///   `jpn` reads some 0s as 9 (252-9365 for 252-0365 in 10 of 90 postal codes on seeds 8101–8103); a
    ///   doubtful field is then judged as before `jpn` checked it, on two scales of one model and the
    ///   digits' confidence floor;
    /// - a `jpn` field with `ocr.tie_break` on: the standard `jpn` model, when installed
    ///   (`scripts/install-deps.sh`), held to no character set, when doubtful;
    /// - any other field checked by another model: its own model at 32 px, when unconfirmed.
    private func thirdReading(
        _ field: FieldSpec, language: String?, options: ZoneOptions, area: Rect,
        engine: any TesseractRecognizer
    ) -> ThirdReading? {
        guard workflow.ocr.verify, let language, options.verification.isOtherModel else { return nil }
        let evaluator = FieldEvaluator(workflow: workflow)
        func fieldReading(_ zone: ZoneReading) -> FieldReading {
            var reading = Self.fieldReading(zone, area: area)
            reading.independentlyVerified = true
            return reading
        }
        if case .model("jpn", _) = options.verification {
            return ThirdReading(language: language, height: 32, whitelist: options.whitelist) {
                let reading = fieldReading($0)
                return evaluator.doubtful(field, reading) || evaluator.needsConfirmation(field, reading)
            }
        }
        if workflow.ocr.tieBreak, language == "jpn",
            engine.installedLanguages.contains(Tessdata.standardJapanese)
        {
            return ThirdReading(
                language: Tessdata.standardJapanese, height: options.targetTextHeight, whitelist: nil
            ) { evaluator.doubtful(field, fieldReading($0)) }
        }
        return ThirdReading(language: language, height: 32, whitelist: options.whitelist) {
            evaluator.needsConfirmation(field, fieldReading($0))
        }
    }

    /// The second reading of a zone, by another model wherever one reads the field's characters, so
    /// that the two readings fail in different ways (measured on seeds 8101–8103, docs/ocr.md):
    /// - Japanese text and dates: Tesseract's `Japanese` script model at 32 px (it disagreed with 63 of
    ///   68 wrong readings on the samples, against 53 for the same model at another scale);
    ///   and katakana (the script model reads ヤ as ャ and doubles タ, so right names are flagged, but
    ///   `jpn` at 32 px shared `jpn`'s mistakes, up to confidence 88, on seeds 8301–8303);
    /// - digits read with `eng` (phone, postal code, amounts, 個人番号): `jpn` held to the same
    ///   characters, which caught a 252 read as 242 by `eng` at both heights and reads a lone "1" that
    ///   `eng` drops at 32 px;
    /// - anything else: a second scale of the same model.
    private func verification(for language: String?, type: FieldType, engine: any TesseractRecognizer)
        -> Verification
    {
        guard workflow.ocr.verify else { return .none }
        let installed = engine.installedLanguages
        switch language {
        case "jpn" where installed.contains("Japanese"):
            return .model("Japanese", height: 32)
        case "eng" where type.characterSet != nil && installed.contains("jpn"):
            return .model("jpn", height: 24)
        default:
            return .scale(32)
        }
    }

    private func pageText(
        _ number: Int, pages: [RegisteredPage], cache: inout [Int: TextRecognition],
        engine: any TesseractRecognizer
    ) throws -> TextRecognition {
        if let cached = cache[number] { return cached }
        let page = pages[number - 1].page
        let text = try engine.recognize(
            page.straightenedGray(), language: workflow.ocr.languages.first, segmentation: .auto,
            whitelist: nil, dpi: page.dpi)
        cache[number] = text
        return text
    }
}

/// Seconds spent preparing scans, by stage, summed over their pages.
public struct PreparationTimes: Sendable {
    /// Opening the file and decoding its pages.
    public var decode = 0.0
    /// Clean-up: straightening, thresholding, specks.
    public var cleanup = 0.0
    /// Lining the pages up with the template.
    public var registration = 0.0

    public init() {}
}

/// A page with its registration to the template.
public struct RegisteredPage {
    public let page: ScannedPage
    public let alignment: PageAlignment

    public init(page: ScannedPage, alignment: PageAlignment) {
        self.page = page
        self.alignment = alignment
    }
}

extension Rect {
    /// The smallest rectangle holding both.
    func union(_ other: Rect) -> Rect {
        let left = min(x, other.x)
        let top = min(y, other.y)
        return Rect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }
}
