import CONNXRuntime
import Foundation
import Imaging

/// One character the neural recognizer read, with the probability the model gave it (0–1); a whole
/// word when Tesseract's reading is given as a ``LineReading``.
public struct RecognizedCharacter: Sendable, Equatable, Codable {
    public var text: String
    public var probability: Double

    public init(text: String, probability: Double) {
        self.text = text
        self.probability = probability
    }
}

/// What a ``TextRecognizer`` read on one line of text: the neural recognizer's characters, or
/// Tesseract's words.
public struct LineReading: Sendable, Equatable, Codable {
    /// The text, as the model writes it (not normalised).
    public var text: String
    /// Each character with its probability, in reading order (spaces included).
    public var characters: [RecognizedCharacter]
    /// Seconds spent inside ONNX Runtime for this line (a batch's time shared by its lines).
    public var seconds: Double

    public init(text: String, characters: [RecognizedCharacter], seconds: Double) {
        self.text = text
        self.characters = characters
        self.seconds = seconds
    }

    /// The mean character probability, spaces left out; 0 when nothing was read.
    public var meanProbability: Double {
        let scored = characters.filter { $0.text != " " }
        return scored.isEmpty ? 0 : scored.map(\.probability).reduce(0, +) / Double(scored.count)
    }

    /// The lowest probability of a digit (0–9, ASCII or full width), or nil when the reading holds none.
    public var minimumDigitProbability: Double? {
        characters.filter { $0.text.count == 1 && Character($0.text).isDigitGlyph }.map(\.probability).min()
    }

    /// The lowest character probability, spaces left out; 0 when nothing was read.
    public var minimumProbability: Double {
        characters.filter { $0.text != " " }.map(\.probability).min() ?? 0
    }
}

/// The second, independent recognizer: PaddleOCR's PP-OCRv6 small recognition model run in-process by
/// ONNX Runtime through its C API (no Python), one session per worker with one thread.
///
/// It reads one line of text: the crop is cut to its ink, scaled to the model's height of 48 pixels
/// keeping its aspect, and decoded greedily (CTC: the best class per step, repeats collapsed, blanks
/// dropped). Not thread-safe: one instance per worker thread, like ``OCREngine``.
public final class NeuralRecognizer: TextRecognizer {
    /// The model's input height.
    public static let height = 48
    /// Widest input, in pixels at height 48 (a line of about 60 characters): wider lines are squeezed.
    static let maximumWidth = 3200
    /// Narrowest input: a lone digit at height 48 is about 20 pixels wide, a few steps of the model.
    static let minimumWidth = 96

    public let model: NeuralModel
    private let session: OpaquePointer
    /// How the model's output steps become characters.
    private let decoder: CTCDecoder

    /// Checks the files' hashes, loads ONNX Runtime (once per process) and opens a session on the model.
    public init(model: NeuralModel = .installed, threads: Int = 1) throws(OCRError) {
        try model.verify()
        self.model = model
        var message = [CChar](repeating: 0, count: 512)
        guard rpa_ort_load(model.library.path, &message, message.count) == 0 else {
            throw .neuralFailed(Self.text(message))
        }
        guard let session = rpa_ort_session_create(model.model.path, Int32(threads), &message, message.count)
        else { throw .neuralFailed(Self.text(message)) }
        guard let list = rpa_ort_metadata(session, "character", &message, message.count) else {
            rpa_ort_session_release(session)
            throw .neuralFailed("the model has no character list (metadata key `character`)")
        }
        defer { free(list) }
        self.session = session
        decoder = CTCDecoder(
            classes: String(cString: list).split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init) + [" "])
    }

    deinit { rpa_ort_session_release(session) }

    public var name: String { model.name }

    /// ONNX Runtime's version once loaded ("1.23.2"), else nil.
    public static var runtimeVersion: String? { rpa_ort_version().map { String(cString: $0) } }

    /// Reads one line of text in `image` (gray or binary, any size; blank paper reads as "").
    public func read(_ image: Image) throws -> LineReading {
        try read([image])[0]
    }

    /// Reads several lines in one run of the model (a page's fields), each padded to the widest.
    public func read(_ images: [Image]) throws -> [LineReading] {
        var readings = [LineReading](
            repeating: LineReading(text: "", characters: [], seconds: 0), count: images.count)
        // Blank crops read as nothing without running the model.
        let inked = try images.enumerated().compactMap { index, image in
            try Self.prepare(image).map { (index: index, line: $0) }
        }
        // A line of one or two characters (通数 1) gives the model too few steps to be sure of them: the
        // batch is at least `minimumWidth` wide, padded as every line is, with 0 (mid-gray) on the right.
        guard let widest = inked.map(\.line.width).max() else { return readings }
        let width = max(Self.minimumWidth, widest)
        let plane = Self.height * width
        var input = [Float](repeating: 0, count: inked.count * 3 * plane)
        for (slot, entry) in inked.enumerated() {
            for channel in 0..<3 {
                let base = (slot * 3 + channel) * plane
                for row in 0..<Self.height {
                    for column in 0..<entry.line.width {
                        input[base + row * width + column] =
                            entry.line.values[row * entry.line.width + column]
                    }
                }
            }
        }
        var output: UnsafeMutablePointer<Float>?
        var steps: Int64 = 0
        var count: Int64 = 0
        var message = [CChar](repeating: 0, count: 512)
        let started = DispatchTime.now().uptimeNanoseconds
        let status = rpa_ort_run(
            session, input, Int64(inked.count), Int64(Self.height), Int64(width), &output, &steps, &count,
            &message, message.count)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        guard status == 0, let output else { throw OCRError.recognitionFailed(Self.text(message)) }
        defer { free(output) }
        guard Int(count) == decoder.classes.count + 1 else {
            throw OCRError.neuralFailed(
                "the model has \(count) classes but lists \(decoder.classes.count - 1) characters")
        }
        for (slot, entry) in inked.enumerated() {
            let probabilities = UnsafeBufferPointer(
                start: output + slot * Int(steps) * Int(count), count: Int(steps) * Int(count))
            readings[entry.index] = decoder.decode(probabilities, steps: Int(steps))
            readings[entry.index].seconds = seconds / Double(inked.count)
        }
        return readings
    }

    /// A line ready for the model: its values ((p/255 − 0.5) / 0.5, row by row) at height 48.
    struct PreparedLine {
        var width: Int
        var values: [Float]
    }

    /// Cuts `image` to its ink with a margin, keeps its gray levels, and scales it to height 48; nil
    /// when the image holds no ink.
    static func prepare(_ image: Image) throws -> PreparedLine? {
        let gray = image.depth == 8 ? image : try image.grayscale()
        let ink = try gray.binarized(.otsu)
        guard let box = ink.inkBounds, box.height >= 2, ink.inkPixelCount >= 4 else { return nil }
        // A blank crop's Otsu threshold finds "ink" in paper grain: ink must be clearly darker.
        guard gray.otsuThreshold() < 200 else { return nil }
        let margin = max(2, box.height / 8)
        let cut = try gray.cropped(to: box.insetBy(-margin))
        let factor = Double(height) / Double(cut.height)
        let width = min(maximumWidth, max(height / 4, Int((Double(cut.width) * factor).rounded())))
        let scaled = try cut.scaled(x: Double(width) / Double(cut.width), y: factor)
        let bytes = scaled.height == height ? try scaled.grayBytes() : try fit(scaled)
        return PreparedLine(width: scaled.width, values: bytes.map { Float($0) / 127.5 - 1 })
    }

    /// `image`'s rows made exactly ``height`` (scaling may round one off), white below.
    private static func fit(_ image: Image) throws -> [UInt8] {
        let bytes = try image.grayBytes()
        let width = image.width
        var rows = [UInt8](repeating: 255, count: width * height)
        for row in 0..<min(height, image.height) {
            for column in 0..<width { rows[row * width + column] = bytes[row * width + column] }
        }
        return rows
    }

    private static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Greedy CTC decoding of the model's output: the best class per step, a run of one character read
/// once with its best probability, blanks (class 0) dropped.
///
/// A kanji the model may write in its Chinese form (綠 for 緑, ``JapaneseForms``) is one character in
/// two classes: its probability is the sum of both classes' at that step, and a run that passes from
/// one form to the other is still one character. On handwriting the model splits its belief between
/// 綠 and 緑 (0.5–0.65 each, calibration hands): each alone looks doubtful, the character is not.
///
/// Characters written alike are read the same way once the line is decoded: a small kana and its
/// large form, and katakana and kanji drawn with the same strokes (ハ and 八, ー and 一 and a dash).
/// Where the neighbours allow only one of them (``JapaneseForms/form(among:between:and:)``: ィ
/// cannot follow ケ, ハイツ is katakana, 八王子 kanji), that one is written with the probability of
/// all of them; where they allow more (キョウコ beside キヨウコ), the model's choice keeps its own. On
/// the calibration hands the model wrote ケィコ, カズャ, 八イツ and コ-ポ at 0.4–0.8 for that character,
/// and 令和 at 0.79–0.93 for 令 (合和 and 今和 had the rest).
struct CTCDecoder {
    /// The classes after the blank: the model's character list, then a space.
    let classes: [String]
    /// For each class (0 = blank), the class that stands for its Japanese form.
    private let group: [Int]
    /// The classes of each group with more than one form.
    private let members: [Int: [Int]]
    /// For each class written like others, the classes of its set (a kana's two sizes, lookalikes).
    private let alike: [Int: [Int]]

    init(classes: [String]) {
        self.classes = classes
        var index: [String: Int] = [:]
        for (offset, text) in classes.enumerated() where index[text] == nil { index[text] = offset + 1 }
        let group =
            [0]
            + classes.enumerated().map { offset, text in
                guard text.count == 1, let japanese = JapaneseForms.variants[Character(text)] else {
                    return offset + 1
                }
                return index[String(japanese)] ?? offset + 1
            }
        self.group = group
        members = Dictionary(grouping: group.indices.dropFirst(), by: { group[$0] }).filter {
            $0.value.count > 1
        }
        let sets = JapaneseForms.largeKana.map { [$0.key, $0.value] } + JapaneseForms.lookalikes
        var alike: [Int: [Int]] = [:]
        for set in sets {
            let found = set.compactMap { index[String($0)] }
            guard found.count > 1 else { continue }
            for member in found { alike[member] = found }
        }
        self.alike = alike
    }

    /// A character read: its best class and probability, and its set's summed probability.
    private struct Read {
        var best: Int
        var probability: Double
        var together: Double
    }

    /// Decodes `steps` rows of `classes.count + 1` probabilities each.
    func decode(_ probabilities: UnsafeBufferPointer<Float>, steps: Int) -> LineReading {
        let count = classes.count + 1
        var read: [Read] = []
        // What the previous step read: 0 for a blank, a group, or minus a set's first class.
        var previous = 0
        for step in 0..<steps {
            let row = UnsafeBufferPointer(rebasing: probabilities[(step * count)..<((step + 1) * count)])
            var best = 0
            var bestValue = -Float.infinity
            for (offset, value) in row.enumerated() where value > bestValue {
                best = offset
                bestValue = value
            }
            guard best != 0 else {
                previous = 0
                continue
            }
            let set = alike[best]
            let current = set.map { -$0[0] } ?? group[best]
            let probability =
                members[group[best]].map { $0.reduce(0) { $0 + Double(row[$1]) } } ?? Double(bestValue)
            let together = set.map { $0.reduce(0) { $0 + Double(row[$1]) } } ?? probability
            if current == previous, var last = read.popLast() {
                if probability > last.probability { (last.best, last.probability) = (best, probability) }
                last.together = max(last.together, together)
                read.append(last)
            } else {
                read.append(Read(best: best, probability: probability, together: together))
            }
            previous = current
        }
        var characters = read.map {
            RecognizedCharacter(text: classes[$0.best - 1], probability: $0.probability)
        }
        for (position, character) in read.enumerated() {
            guard let set = alike[character.best] else { continue }
            let before = characters[..<position].last { $0.text != " " }?.text.last
            let following = Array(
                characters[(position + 1)...].lazy.filter { $0.text != " " }.prefix(2)
                    .compactMap(\.text.first))
            guard
                let form = JapaneseForms.form(
                    among: set.compactMap { classes[$0 - 1].first }, between: before, and: following[...])
            else { continue }
            characters[position] = RecognizedCharacter(text: String(form), probability: character.together)
        }
        while characters.last?.text == " " { characters.removeLast() }
        while characters.first?.text == " " { characters.removeFirst() }
        return LineReading(text: characters.map(\.text).joined(), characters: characters, seconds: 0)
    }
}

extension Character {
    /// 0–9 in ASCII or full width.
    package var isDigitGlyph: Bool { ("0"..."9").contains(self) || ("０"..."９").contains(self) }
}
