import ArgumentParser
import Foundation
import Imaging
import OCR
import Pipeline
import Workflow

/// `rpa preview`: every zone drawn on the aligned scan, with what was read, so an author sees at once
/// which box is off.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw every zone of a workflow on a scan, and list what each one read.",
        discussion: """
            Green zones were read and passed their checks, red ones did not; each zone is numbered \
            and the list printed gives the number, the field, the value and the reasons.
            """)

    @Argument(help: "The workflow file (.yml).")
    var workflow: String

    @Argument(help: "A scan of the form.")
    var scan: String

    @Option(name: .shortAndLong, help: "Where to write the annotated page (PNG).")
    var output: String = "preview.png"

    @Flag(help: "Print the list as JSON.")
    var json = false

    func run() throws {
        let loaded = try loadWorkflow(workflow)
        let reader = try FormReader(workflow: loaded)
        let pages = try reader.prepare(URL(fileURLWithPath: scan))
        let engine = try OCREngine(configuration: OCRConfiguration(languages: loaded.ocr.languages))
        let readings = try reader.read(pages, recognizers: WorkerRecognizers(tesseract: engine))
        let (fields, problems) = FieldEvaluator(workflow: loaded).evaluate(readings)
        guard let first = pages.first else { return }
        let canvas = try first.page.straightenedGray().colored()
        for (index, (spec, pair)) in zip(loaded.fields, zip(fields, readings)).enumerated()
        where spec.page == 1 {
            let (field, reading) = pair
            let color: Color = field.reasons.isEmpty ? .green : .red
            for (_, rect) in spec.zones.map({ ($0.0, first.alignment.straightened($0.1)) }) {
                canvas.draw(rect, color: color)
            }
            if let area = reading.area ?? spec.zones.first.map({ first.alignment.straightened($0.1) }) {
                let ascii =
                    field.value.unicodeScalars.allSatisfy(\.isASCII) && !field.sensitive
                    ? " \(field.value)" : ""
                canvas.label("\(index + 1)\(ascii)", x: area.x + 4, y: area.y + 2, color: color)
            }
        }
        try canvas.writePNG(to: URL(fileURLWithPath: output))
        if json {
            try printJSON(
                PreviewList(
                    image: output, alignment: first.alignment.method.rawValue, fields: fields.map(\.masked),
                    problems: problems))
            return
        }
        print(
            "\(output): \(loaded.fields.count) fields, registration \(first.alignment.method.rawValue), skew \(String(format: "%.2f", first.page.skewDegrees))°"
        )
        for (index, field) in fields.enumerated() {
            let value = TerminalText.escape(field.masked.value)
            let mark = field.reasons.isEmpty ? "ok " : "!! "
            let reasons = field.reasons.map(\.message).joined(separator: "; ")
            print(
                "\(mark)\(index + 1). \(field.name) = \"\(value)\"  (confidence \(Int(field.confidence.rounded())))\(reasons.isEmpty ? "" : "  ← \(reasons)")"
            )
        }
        for problem in problems { print("!! \(problem.message)") }
    }
}

/// `rpa preview --json` output.
struct PreviewList: Codable {
    var image: String
    var alignment: String
    var fields: [FieldResult]
    var problems: [Reason]
}
