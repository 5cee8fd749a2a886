import Foundation
import Imaging
import OCR
import Samples
import TestSupport
import Testing
import Workflow

@testable import Pipeline

/// A field of one or two digits (通数, 児童数) read as `rpa run` reads it, by the neural recognizer too: the line is padded to
/// the model's narrowest input, so it has the steps to be sure of a lone digit. Cut to a lone "1" at
/// height 48 (about 20 pixels), the model gave it 0.26–0.95 on the printed calibration forms and
/// every such field went to review under the digits' rule; padded, 0.995–1.
@Suite("A lone digit")
struct LoneDigitTests {
    @Test("通数 on the committed printed scans is read sure", arguments: ["juminhyo", "jidoteate"])
    func loneDigit(form: String) throws {
        let name = form == "juminhyo" ? "通数" : "児童数"
        let folder = Fixtures.root.appendingPathComponent("samples/\(form)/batch-01", isDirectory: true)
        let workflow = try WorkflowLoader().load(
            Fixtures.root.appendingPathComponent("workflows/\(form).yml"))
        let reader = try FormReader(workflow: workflow)
        let recognizers = try WorkerRecognizers(
            configuration: OCRConfiguration(languages: workflow.ocr.languages, neural: .installed))
        let field = try #require(workflow.field(name))
        guard case .zone(let zone) = field.reader else { Issue.record("\(name) has no zone"); return }
        var read = 0
        for file in try GroundTruth.load(folder).files {
            guard case .text(let truth) = file.values[name], truth.count <= 2 else { continue }
            let page = try reader.prepare(folder.appendingPathComponent(file.file))[field.page - 1]
            let reading = try #require(
                try reader.readText(
                    page.alignment.straightened(zone), field: field, page: page, recognizers: recognizers
                ).neural)
            #expect(reading.text.filter(\.isNumber) == truth, "\(file.file): \(reading.text) for \(truth)")
            #expect(
                (reading.minimumDigitProbability ?? 0) >= FieldEvaluator.neuralAloneFloor,
                "\(file.file): \(reading.characters)")
            read += 1
        }
        #expect(read >= 5)
    }
}
