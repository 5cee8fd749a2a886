import Imaging

/// An engine that reads the text of one prepared zone (a line of text, cleaned and cut to its ink):
/// Tesseract (``OCREngine``), the neural recognizer (``NeuralRecognizer``), or a stand-in in tests.
///
/// What every engine gives is the text and a probability (0–1) for each piece of it: a character for
/// the neural recognizer, a word for Tesseract, which scores words. Not thread-safe: one instance per
/// worker thread (see ``OCRWorkerPool``).
public protocol TextRecognizer: AnyObject {
    /// The engine's name as reports show it: "tesseract", "PP-OCRv6_rec_small".
    var name: String { get }

    /// Reads the text of `image`, one prepared zone; blank paper reads as "".
    func read(_ image: Image) throws -> LineReading
}

/// What the pipeline asks of Tesseract besides a plain reading: a language or `+` combination, a
/// segmentation, a character whitelist and a resolution for each call, and words scored 0–100 with
/// their boxes. ``OCREngine`` is the real one.
public protocol TesseractRecognizer: TextRecognizer {
    /// The languages installed for it, whether loaded yet or not.
    var installedLanguages: Set<String> { get }

    /// Reads the text of `image` (see ``OCREngine/recognize(_:language:segmentation:whitelist:dpi:)``).
    func recognize(
        _ image: Image, language: String?, segmentation: PageSegmentation, whitelist: String?, dpi: Int
    ) throws -> TextRecognition
}

extension TesseractRecognizer {
    /// The zone read as one line in the default language, each word a piece with its confidence as a
    /// probability.
    public func read(_ image: Image) throws -> LineReading {
        let recognition = try recognize(
            image, language: nil, segmentation: .singleLine, whitelist: nil,
            dpi: image.resolution > 0 ? image.resolution : 300)
        return LineReading(
            text: recognition.text,
            characters: recognition.words.map {
                RecognizedCharacter(text: $0.text, probability: min(1, max(0, $0.confidence / 100)))
            },
            seconds: recognition.seconds)
    }
}

/// The recognizers of one OCR worker, made in its thread and used by that thread only: Tesseract, and
/// the neural recognizer reading each text zone a second time when configured.
public struct WorkerRecognizers {
    public let tesseract: any TesseractRecognizer
    /// The second, independent engine; nil for Tesseract alone.
    public let neural: (any TextRecognizer)?

    public init(tesseract: any TesseractRecognizer, neural: (any TextRecognizer)? = nil) {
        self.tesseract = tesseract
        self.neural = neural
    }

    /// The real engines: Tesseract with the configured languages, and the neural recognizer when
    /// `configuration` names a model, on a lane of its own so that it reads while Tesseract does.
    public init(configuration: OCRConfiguration) throws {
        let tesseract = try OCREngine(configuration: configuration)
        self.init(
            tesseract: tesseract,
            neural: try configuration.neural.map { RecognizerLane(try NeuralRecognizer(model: $0)) })
    }
}
