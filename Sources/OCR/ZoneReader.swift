import Foundation
import Imaging

/// How one text zone is cleaned and read.
public struct ZoneOptions: Sendable, Equatable, Codable {
    /// Tesseract's segmentation: single line for most fields, block for multi-line ones.
    public var segmentation: PageSegmentation = .singleLine
    /// The language (or `+` combination); the engine's default when nil.
    public var language: String?
    /// The only characters allowed (the field type's character set), or nil.
    public var whitelist: String?
    /// Erase ruled box lines inside the zone before reading.
    public var removeLines: Bool = true
    /// Drop specks of noise smaller than 3 pixels.
    public var despeckle: Bool = true
    /// The glyph height, in pixels at 300 dpi, that text is scaled to before recognition.
    /// Measured on the sample forms: 24 px read the most fields exactly (jpn and eng).
    public var targetTextHeight: Int = 24
    /// A second, independent reading of the zone; when it disagrees the value is doubtful. This
    /// catches misreads Tesseract is confident about (0/9, 也/志) that no threshold catches.
    public var verification: Verification = .none

    public init(
        segmentation: PageSegmentation = .singleLine, language: String? = nil, whitelist: String? = nil,
        removeLines: Bool = true, despeckle: Bool = true, targetTextHeight: Int = 24,
        verification: Verification = .none
    ) {
        self.segmentation = segmentation
        self.language = language
        self.whitelist = whitelist
        self.removeLines = removeLines
        self.despeckle = despeckle
        self.targetTextHeight = targetTextHeight
        self.verification = verification
    }
}

/// How a zone's second reading differs from the first.
public enum Verification: Sendable, Equatable, Codable {
    case none
    /// The same model on the text scaled to another height.
    case scale(Int)
    /// Another model (e.g. Tesseract's `Japanese` script model beside `jpn`), which makes other
    /// mistakes, on the text scaled to another height.
    case model(String, height: Int)
}

extension Verification {
    /// Whether the second reading comes from another model, so that its agreement is independent.
    public var isOtherModel: Bool {
        if case .model = self { return true }
        return false
    }
}

/// A third reading of a zone, made only when the first two leave it in doubt, so that zones whose
/// readings agree never pay for it.
public struct ThirdReading {
    public var language: String
    public var height: Int
    /// The characters it is held to, or nil (the standard `jpn` model, with one, read a clean date
    /// as 平 成 年 月 日, digits gone).
    public var whitelist: String?
    /// Given the first two readings, whether to make it.
    public var when: (ZoneReading) -> Bool

    public init(language: String, height: Int, whitelist: String?, when: @escaping (ZoneReading) -> Bool) {
        self.language = language
        self.height = height
        self.whitelist = whitelist
        self.when = when
    }
}

/// What was read in a text zone.
public struct ZoneReading: Sendable, Codable, Equatable {
    /// The text read, or "" for a blank zone.
    public var text: String
    /// Mean word confidence 0–100 (100 for a zone found blank: blankness is measured, not guessed).
    public var confidence: Double
    /// The words with their own confidences.
    public var words: [RecognizedWord]
    /// True when the zone held no ink after clean-up; Tesseract was not called.
    public var blank: Bool
    /// The text height measured before scaling, in pixels (nil when blank).
    public var textHeight: Int?
    /// The scale applied to bring the text to the target height.
    public var scale: Double
    /// Seconds spent inside libtesseract.
    public var recognitionSeconds: Double
    /// The second reading, when verification was asked for.
    public var verification: String?
    /// The third reading, when the first two left the zone doubtful.
    public var tieBreak: TextRecognition? = nil
    /// The neural recognizer's reading of the same cleaned text, when the engine has one.
    public var neural: LineReading? = nil

    /// The lowest word confidence (or the zone's when there are no words).
    public var minimumWordConfidence: Double { words.map(\.confidence).min() ?? confidence }
}

/// Reads a text zone: erases box lines and specks, skips blank zones, crops to the ink, brings the
/// text to a steady height, then asks the engine.
///
/// Tesseract's LSTM models read text about 30 px tall best: a 45 px Mincho name read as nothing until
/// scaled down. Cropping to the ink also keeps each recognition small and fast.
public struct ZoneReader: Sendable {
    public init() {}

    /// Reads the zone with Tesseract alone.
    public func read(
        _ zone: ZoneImage, options: ZoneOptions = ZoneOptions(), engine: any TesseractRecognizer
    ) throws -> ZoneReading {
        try read(zone, options: options, recognizers: WorkerRecognizers(tesseract: engine))
    }

    /// Reads the zone with the worker's Tesseract and its neural recognizer (when it has one); a second
    /// time with Tesseract when `second` says the first two readings leave it open; and a third time
    /// when `third` asks for it.
    public func read(
        _ zone: ZoneImage, options: ZoneOptions = ZoneOptions(), recognizers: WorkerRecognizers,
        third: ThirdReading? = nil,
        second needsSecond: (ZoneReading) -> Bool = { _ in true }
    ) throws -> ZoneReading {
        try read(
            clean(zone, options: options).started(with: recognizers), options: options,
            recognizers: recognizers, third: third, second: needsSecond)
    }

    /// The zone cleaned and cut to its ink, once: every reading only rescales it.
    public func clean(_ zone: ZoneImage, options: ZoneOptions) throws -> CleanZone {
        CleanZone(text: try isolateText(zone.ink, options: options))
    }

    /// Reads a zone ``clean(_:options:)`` made, as ``read(_:options:recognizers:third:second:)``; its
    /// neural reading is the one already started, if any.
    public func read(
        _ zone: CleanZone, options: ZoneOptions, recognizers: WorkerRecognizers,
        third: ThirdReading? = nil, second needsSecond: (ZoneReading) -> Bool = { _ in true }
    ) throws -> ZoneReading {
        let engine = recognizers.tesseract
        let zone = zone.started(with: recognizers)
        guard let text = zone.text else {
            return ZoneReading(
                text: "", confidence: 100, words: [], blank: true, textHeight: nil, scale: 1,
                recognitionSeconds: 0, verification: nil)
        }
        func recognize(height: Int, language: String?, whitelist: String? = options.whitelist) throws
            -> TextRecognition
        {
            try engine.recognize(
                text.scaled(to: height).image, language: language, segmentation: options.segmentation,
                whitelist: whitelist, dpi: 300)
        }
        var result = try recognize(height: options.targetTextHeight, language: options.language)
        var seconds = result.seconds
        if result.text.isEmpty {
            // Tesseract sometimes returns nothing for a clean line at one scale; try another.
            result = try recognize(height: options.targetTextHeight * 4 / 3, language: options.language)
            seconds += result.seconds
        }
        var reading = ZoneReading(
            text: result.text, confidence: result.confidence, words: result.words, blank: false,
            textHeight: text.height, scale: text.scale(for: options.targetTextHeight),
            recognitionSeconds: seconds, verification: nil)
        let second: (language: String?, height: Int)? =
            switch options.verification {
            case .none: nil
            case .scale(let height): (options.language, height)
            case .model(let language, let height): (language, height)
            }
        reading.neural = try zone.neural?.result()
        if let second, needsSecond(reading) {
            let check = try recognize(height: second.height, language: second.language)
            reading.verification = check.text
            reading.recognitionSeconds += check.seconds
        }
        if let third, third.when(reading) {
            let recognition = try recognize(
                height: third.height, language: third.language, whitelist: third.whitelist)
            reading.tieBreak = recognition
            reading.recognitionSeconds += recognition.seconds
        }
        return reading
    }

    /// The image Tesseract will see, or nil when the zone is blank.
    public func prepare(_ ink: Image, options: ZoneOptions) throws -> (
        image: Image, textHeight: Int, scale: Double
    )? {
        guard let text = try isolateText(ink, options: options) else { return nil }
        let scaled = try text.scaled(to: options.targetTextHeight)
        return (scaled.image, text.height, scaled.scale)
    }

    /// The zone's text without box lines or specks, cropped to its band as gray pixels, or nil when
    /// the zone is blank.
    func isolateText(_ ink: Image, options: ZoneOptions) throws -> IsolatedText? {
        var clean = ink
        if options.removeLines && Self.mayHoldLines(ink) {
            // Glyph strokes are shorter than the zone is high; ruled lines span it.
            let length = max(60, Int(Double(min(ink.height, ink.width)) * 0.85))
            clean = try clean.removingLines(minLength: length)
        }
        if options.despeckle { clean = try clean.despeckled() }
        guard let band = TextBand.find(in: clean), band.ink >= 40, band.rect.height >= 8 else { return nil }
        let pad = max(6, band.height / 4)
        return IsolatedText(
            gray: try clean.cropped(to: band.rect.insetBy(-pad)).grayscale(), height: band.height)
    }
}

/// A text zone cleaned and cut to its ink (``ZoneReader/clean(_:options:)``), and its neural reading
/// once started.
public struct CleanZone {
    /// The cleaned text, or nil for a blank zone.
    let text: IsolatedText?
    /// The neural recognizer's reading, under way on its lane.
    private(set) var neural: PendingReading? = nil

    /// The zone with the neural recognizer's reading started (on its lane's thread, see
    /// ``RecognizerLane``), so that a page's zones can all be started before Tesseract reads the first.
    public func started(with recognizers: WorkerRecognizers) -> CleanZone {
        guard let text, neural == nil, let recognizer = recognizers.neural else { return self }
        var zone = self
        zone.neural = recognizer.startReading(text.gray)
        return zone
    }
}

/// A zone's cleaned text, ready to be scaled to any glyph height.
struct IsolatedText {
    let gray: Image
    /// The measured height of one line of text, in pixels.
    let height: Int

    /// The factor that makes glyphs `target` pixels tall (1 within 12%, so near sizes are left alone).
    func scale(for target: Int) -> Double {
        let factor = Double(target) / Double(height)
        return abs(factor - 1) < 0.12 ? 1 : min(3, max(0.2, factor))
    }

    /// The text scaled so that glyphs are `target` pixels tall.
    func scaled(to target: Int) throws -> (image: Image, scale: Double) {
        let scale = scale(for: target)
        let image = scale == 1 ? try gray.copy() : try gray.resampled(by: scale)
        image.setResolution(300)
        return (image, scale)
    }
}

extension ZoneReader {
    /// Whether a ruled line could cross the zone: some row or column is mostly ink. Zones are
    /// normally inset from their box, so this cheap test spares the line removal on most of them.
    static func mayHoldLines(_ ink: Image) -> Bool {
        let width = ink.width
        let height = ink.height
        return ink.inkPerRow().contains { $0 * 2 >= width }
            || ink.inkPerColumn().contains { $0 * 10 >= height * 7 }
    }
}

/// Where the text lies in a zone's ink: the rows that hold it and its height.
struct TextBand {
    var rect: Rect
    /// The height of one line of text (the tallest line's band).
    var height: Int
    /// Ink pixels inside `rect`.
    var ink: Int

    /// Groups inked rows into lines (gaps inside a glyph, as in 三, are bridged) and keeps the lines
    /// that carry real ink, dropping stray marks above and below.
    static func find(in ink: Image) -> TextBand? {
        let rows = ink.inkPerRow()
        let gapAllowance = 12
        var lines: [(start: Int, end: Int, ink: Int)] = []
        var current: (start: Int, end: Int, ink: Int)?
        for (y, count) in rows.enumerated() where count > 0 {
            if var line = current, y - line.end <= gapAllowance {
                line.end = y
                line.ink += count
                current = line
            } else {
                if let line = current { lines.append(line) }
                current = (y, y, count)
            }
        }
        if let line = current { lines.append(line) }
        guard let heaviest = lines.map(\.ink).max(), heaviest > 0 else { return nil }
        let kept = lines.filter { $0.ink * 8 >= heaviest }
        guard let first = kept.first, let last = kept.last,
            let tallest = kept.max(by: { $0.ink < $1.ink })
        else { return nil }
        let bandRows = Rect(x: 0, y: first.start, width: ink.width, height: last.end - first.start + 1)
        guard let columns = (try? ink.cropped(to: bandRows))?.inkBounds else { return nil }
        let rect = Rect(x: columns.x, y: first.start, width: columns.width, height: bandRows.height)
        return TextBand(
            rect: rect, height: tallest.end - tallest.start + 1, ink: kept.reduce(0) { $0 + $1.ink })
    }
}
