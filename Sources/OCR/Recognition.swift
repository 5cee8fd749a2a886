import Imaging

/// A word Tesseract read, with its confidence (0–100) and place in the recognised image.
public struct RecognizedWord: Sendable, Codable, Equatable {
    public var text: String
    public var confidence: Double
    public var box: Rect

    public init(text: String, confidence: Double, box: Rect) {
        self.text = text
        self.confidence = confidence
        self.box = box
    }
}

/// What one call to the engine read.
public struct TextRecognition: Sendable, Codable, Equatable {
    /// The text, lines joined by newlines, without trailing white space.
    public var text: String
    /// Tesseract's mean confidence over the words (0–100); 0 when nothing was read.
    public var confidence: Double
    /// Each word with its own confidence.
    public var words: [RecognizedWord]
    /// Seconds spent inside libtesseract for this call.
    public var seconds: Double

    public init(text: String, confidence: Double, words: [RecognizedWord], seconds: Double) {
        self.text = text
        self.confidence = confidence
        self.words = words
        self.seconds = seconds
    }

    /// The lowest word confidence, the figure a review threshold should look at.
    public var minimumWordConfidence: Double { words.map(\.confidence).min() ?? confidence }
}
