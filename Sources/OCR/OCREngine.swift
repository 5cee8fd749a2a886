import CLeptonica
import CTesseract
import Foundation
import Imaging

/// How engines are set up.
public struct OCRConfiguration: Sendable, Equatable {
    /// Languages loaded when the engine starts; a zone may use any of them or a `+` combination.
    public var languages: [String]
    /// The tessdata folder; discovered when nil.
    public var tessdata: URL?
    /// Patterns Tesseract should prefer (its `user_patterns` format, e.g. `\d\d\d-\d\d\d\d`).
    public var userPatterns: [String]
    /// The neural recognizer each worker starts beside its Tesseract engine (``WorkerRecognizers``),
    /// reading every text zone a second time; nil for Tesseract alone.
    public var neural: NeuralModel?

    public init(
        languages: [String] = ["jpn", "eng"], tessdata: URL? = nil, userPatterns: [String] = [],
        neural: NeuralModel? = nil
    ) {
        self.languages = languages
        self.tessdata = tessdata
        self.userPatterns = userPatterns
        self.neural = neural
    }

    /// All configured languages together, e.g. "jpn+eng": the default for a zone.
    public var defaultLanguage: String { languages.joined(separator: "+") }
}

/// One Tesseract engine: a `TessBaseAPI` per language combination, created once and reused for every
/// zone and page. Not thread-safe: use one engine per thread (see `OCRWorkerPool`).
public final class OCREngine: TesseractRecognizer {
    public let configuration: OCRConfiguration
    public let tessdata: Tessdata
    private var handles: [String: OpaquePointer] = [:]
    private var patternsFile: URL?

    /// Creates the engine and loads each configured language.
    public init(configuration: OCRConfiguration = OCRConfiguration()) throws {
        Leptonica.silence()
        self.configuration = configuration
        self.tessdata = try Tessdata.discover(override: configuration.tessdata)
        if !configuration.userPatterns.isEmpty {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("rpa-patterns-\(UUID().uuidString).txt")
            try (configuration.userPatterns.joined(separator: "\n") + "\n")
                .write(to: file, atomically: true, encoding: .utf8)
            patternsFile = file
        }
        for language in configuration.languages {
            _ = try handle(for: language)
        }
    }

    deinit {
        for handle in handles.values {
            TessBaseAPIEnd(handle)
            TessBaseAPIDelete(handle)
        }
        if let patternsFile { try? FileManager.default.removeItem(at: patternsFile) }
    }

    public var name: String { "tesseract" }

    /// libtesseract's version, e.g. "5.3.0".
    public static var version: String { String(cString: TessVersion()) }

    /// The languages installed in the tessdata folder, listed once.
    public private(set) lazy var installedLanguages = Set(tessdata.installedLanguages)

    /// The language combinations loaded so far.
    public var loadedLanguages: [String] { handles.keys.sorted() }

    private func handle(for language: String) throws -> OpaquePointer {
        if let existing = handles[language] { return existing }
        try tessdata.require(language)
        guard let api = TessBaseAPICreate() else {
            throw OCRError.initFailed(language: language, tessdata: tessdata.directory.path)
        }
        let status = EngineStart.serialized { firstInProcess in
            // `debug_file` is one global of the whole process, read by every engine as it works:
            // it is set by the first engine started and never written again.
            var names = firstInProcess ? ["debug_file"] : []
            var values = firstInProcess ? ["/dev/null"] : []
            if let patternsFile {
                names.append("user_patterns_file")
                values.append(patternsFile.path)
            }
            return withCStrings(names) { namePointers in
                withCStrings(values) { valuePointers in
                    TessBaseAPIInit4(
                        api, tessdata.directory.path, language, OEM_LSTM_ONLY, nil, 0, namePointers,
                        valuePointers, names.count, 0)
                }
            }
        }
        guard status == 0 else {
            TessBaseAPIDelete(api)
            throw OCRError.initFailed(language: language, tessdata: tessdata.directory.path)
        }
        handles[language] = api
        return api
    }

    /// Reads the text of `image`.
    /// - Parameters:
    ///   - language: a loaded language or `+` combination; the configured default when nil.
    ///   - segmentation: how Tesseract should split the image (single line for most fields).
    ///   - whitelist: the only characters allowed (a space is always added), or nil.
    ///   - dpi: the image's resolution, which Tesseract needs to judge text size.
    public func recognize(
        _ image: Image, language: String? = nil, segmentation: PageSegmentation = .singleLine,
        whitelist: String? = nil, dpi: Int = 300
    ) throws -> TextRecognition {
        let api = try handle(for: language ?? configuration.defaultLanguage)
        let start = DispatchTime.now().uptimeNanoseconds
        TessBaseAPISetPageSegMode(api, segmentation.tesseractMode)
        // A space is always allowed: the LSTM engine still places the spaces it sees, and without one
        // in the list the word beside it comes back with confidence 0 (measured on katakana names).
        let allowed = whitelist.map { $0.contains(" ") ? $0 : $0 + " " } ?? ""
        TessBaseAPISetVariable(api, "tessedit_char_whitelist", allowed)
        TessBaseAPISetImage2(api, image.pix)
        TessBaseAPISetSourceResolution(api, Int32(dpi))
        guard TessBaseAPIRecognize(api, nil) == 0 else {
            TessBaseAPIClear(api)
            throw OCRError.recognitionFailed("Tesseract could not recognise the image")
        }
        var text = ""
        if let raw = TessBaseAPIGetUTF8Text(api) {
            text = String(cString: raw)
            TessDeleteText(raw)
        }
        let words = readWords(api)
        let mean = words.isEmpty ? 0 : Double(TessBaseAPIMeanTextConf(api))
        TessBaseAPIClear(api)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return TextRecognition(
            text: text.trimmingCharacters(in: .whitespacesAndNewlines), confidence: mean, words: words,
            seconds: seconds)
    }

    private func readWords(_ api: OpaquePointer) -> [RecognizedWord] {
        guard let iterator = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        var words: [RecognizedWord] = []
        let pageIterator = TessResultIteratorGetPageIterator(iterator)
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: raw)
            TessDeleteText(raw)
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))
            var left: Int32 = 0
            var top: Int32 = 0
            var right: Int32 = 0
            var bottom: Int32 = 0
            TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom)
            words.append(
                RecognizedWord(
                    text: text, confidence: confidence,
                    box: Rect(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top)))
            )
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }
}

/// Starts Tesseract engines one at a time in the whole process.
///
/// `TessBaseAPIInit4` writes Tesseract's process-global parameters (`debug_file` among them) and
/// loads shared tables; two threads initialising at once race on them. Every initialisation goes
/// through `serialized`, whoever calls it (a pool starting, or an engine loading another language
/// later), and only the first one in the process sets the global parameters.
enum EngineStart {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var globalsSet = false

    /// Runs `body` (a `TessBaseAPIInit4` call returning its status) while no other engine starts;
    /// `body` learns whether it must set the global parameters, which stay set once an
    /// initialisation that set them succeeded.
    static func serialized(_ body: (_ firstInProcess: Bool) -> Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        let first = !globalsSet
        let status = body(first)
        if first && status == 0 { globalsSet = true }
        return status
    }
}

/// Calls `body` with C strings for `strings` (as Tesseract's `char **` parameters want), valid inside.
func withCStrings<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R)
    -> R
{
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
        // An array of at least one element always has a base address.
        body(buffer.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 1))
    }
}
