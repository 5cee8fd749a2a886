import Foundation
import Imaging
import OCR
import TestSupport
import Testing

/// The neural recognizer through the real model and ONNX Runtime, on the card's committed scans: the
/// crops the pipeline gives it (gray, straightened, zone lines included), read exactly.
@Suite("The neural recognizer", .serialized)
struct NeuralRecognizerTests {
    let recognizer: NeuralRecognizer
    let layout: Fixtures.Layout
    let truth: Fixtures.Truth
    let template: TemplateGeometry

    init() throws {
        recognizer = try NeuralRecognizer()
        layout = try Fixtures.cardLayout()
        truth = try Fixtures.cardTruth()
        template = try TemplateGeometry(
            template: ScannedPage(PageLoader().load(Fixtures.ocr("card_template.png"))[0]))
    }

    func crop(_ field: String, in file: String) throws -> Image {
        let scanned = try ScannedPage(PageLoader().load(Fixtures.ocr(file))[0])
        let alignment = Registration().align(scanned, to: template)
        let z = try #require(layout.field(field)).zone
        // Inside the cell's ruling lines, as workflows draw zones.
        let zone = Rect(x: z[0], y: z[1], width: z[2], height: z[3]).insetBy(8)
        return try scanned.extractGray(alignment.straightened(zone))
    }

    /// The model writes a full-width space as a space; the printed value's spaces are not compared.
    func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    @Test(
        "printed fields read exactly, with a high probability",
        arguments: ["card_clean.png", "card_skewed.png", "card_200dpi.jpg"])
    func printed(file: String) throws {
        for field in ["氏名", "生年月日", "電話番号", "Name"] {
            let reading = try recognizer.read(crop(field, in: file))
            let expected = try #require(truth.printed[field]?.text)
            #expect(squeezed(reading.text) == squeezed(expected), "\(field) in \(file)")
            #expect(reading.meanProbability > 0.9, "\(field) in \(file): \(reading.meanProbability)")
            #expect(reading.characters.map(\.text).joined() == reading.text)
        }
    }

    /// Padding to the widest line moves where the model sees a gap (山田 花子 alone, 山田花子 in a batch),
    /// never a character.
    @Test("a page's fields read in one batch have the characters they have one by one")
    func batch() throws {
        let fields = ["氏名", "生年月日", "電話番号", "Name"]
        let crops = try fields.map { try crop($0, in: "card_clean.png") }
        let together = try recognizer.read(crops)
        let alone = try crops.map { try recognizer.read($0) }
        #expect(together.map { squeezed($0.text) } == alone.map { squeezed($0.text) })
    }

    /// The pipeline starts a page's zones on the model's lane, then reads them with Tesseract.
    @Test("on its own lane the model reads zones started at once, in order, as it reads them directly")
    func lane() throws {
        let fields = ["氏名", "生年月日", "電話番号", "Name"]
        let crops = try fields.map { try crop($0, in: "card_skewed.png") }
        let lane = RecognizerLane(try NeuralRecognizer())
        let pending = crops.map { lane.startReading($0) }
        let direct = try crops.map { try recognizer.read($0) }
        #expect(try pending.map { try $0.result().text } == direct.map(\.text))
        #expect(lane.name == recognizer.name)
    }

    @Test("an engine's failure on the lane is thrown where the reading is awaited, and the lane reads on")
    func laneFailure() throws {
        final class Failing: TextRecognizer {
            var name: String { "failing" }
            var calls = 0
            var threads: Set<UInt> = []
            func read(_ image: Image) throws -> LineReading {
                calls += 1
                threads.insert(UInt(pthread_self()))
                if calls == 1 { throw OCRError.neuralFailed("a test's failure") }
                return LineReading(text: "\(image.width)", characters: [], seconds: 0)
            }
        }
        let engine = Failing()
        let lane = RecognizerLane(engine)
        let crop = try crop("氏名", in: "card_clean.png")
        let first = lane.startReading(crop)
        let second = lane.startReading(crop)
        #expect(throws: OCRError.neuralFailed("a test's failure")) { try first.result() }
        #expect(try second.result().text == "\(crop.width)")
        // Read on the lane's thread, not this one.
        #expect(engine.threads.count == 1 && !engine.threads.contains(UInt(pthread_self())))
    }

    @Test("blank paper reads as nothing, without running the model")
    func blank() throws {
        let reading = try recognizer.read(crop("氏名", in: "card_template.png"))
        #expect(reading.text.isEmpty)
        #expect(reading.meanProbability == 0)
    }

    @Test("an altered model is refused before anything is loaded")
    func alteredModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-neural-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var model = NeuralModel.installed
        model.model = folder.appendingPathComponent("altered.onnx")
        var bytes = try Data(contentsOf: NeuralModel.installed.model)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: model.model)
        #expect(throws: OCRError.neuralAltered(model.model.path)) { try NeuralRecognizer(model: model) }
    }

    @Test("a missing library is refused with how to install it")
    func missingLibrary() throws {
        var model = NeuralModel.installed
        model.library = URL(fileURLWithPath: "/nonexistent/libonnxruntime.so.1.23.2")
        let error = #expect(throws: OCRError.self) { try NeuralRecognizer(model: model) }
        #expect(error == .neuralMissing(model.library.path))
        #expect("\(error!)".contains("make deps"))
    }
}
