import Foundation
import OCR
import Pipeline
import Samples
import TestSupport
import Testing
import Workflow

/// An option circled by hand (○) instead of its box ticked, on the committed scans: read as that option
/// on every page the hand circled, and never found on a page whose boxes were ticked or printed.
@Suite("Options circled by hand")
struct CircledOptionTests {
    /// Each pick-one field of `form`'s pages in `batch`: the marks as read (circles included) and how
    /// the generator marked it.
    static func choices(_ form: String, batch: String) throws -> [(
        page: String, field: String, mark: String?, truth: TruthValue?, read: [String]
    )] {
        let folder = Fixtures.root.appendingPathComponent("samples/\(form)/\(batch)", isDirectory: true)
        let workflow = try WorkflowLoader().load(
            Fixtures.root.appendingPathComponent("workflows/\(form).yml"))
        let reader = try FormReader(workflow: workflow)
        var found: [(String, String, String?, TruthValue?, [String])] = []
        for file in try GroundTruth.load(folder).files {
            let pages = try reader.prepare(folder.appendingPathComponent(file.file))
            for field in workflow.fields where field.type == .choice {
                guard case .boxes(let options) = field.reader else { continue }
                let page = pages[field.page - 1]
                let rects = options.map { page.alignment.straightened($0.zone) }
                let marks = options.map {
                    (name: $0.name, reading: CheckboxReading(checked: false, fill: 0, confidence: 100))
                }
                // The finder on its own, whatever the boxes hold: it must see a ring only where one is.
                let read = try FormReader.circledOption(marks, boxes: rects, page: page.page)
                    .filter(\.reading.checked).map(\.name)
                found.append(
                    (file.file, field.name, file.hand?.marks?[field.name], file.values[field.name], read))
            }
        }
        return found
    }

    @Test(
        "the circled option is read on every committed page filled in by hand",
        arguments: ["juminhyo", "jidoteate", "tennyu"])
    func handwritten(form: String) throws {
        let choices = try Self.choices(form, batch: "hand-01")
        #expect(choices.contains { $0.mark == "circle" }, "the committed batch circles some option")
        for choice in choices {
            if choice.mark == "circle", case .list(let truth) = choice.truth {
                #expect(
                    choice.read == truth,
                    "\(choice.page) \(choice.field): read \(choice.read), circled \(truth)")
            } else {
                #expect(choice.read.isEmpty, "\(choice.page) \(choice.field): a ring found on \(choice.read)")
            }
        }
    }

    @Test("no ring is found on printed pages", arguments: ["juminhyo", "jidoteate", "tennyu"])
    func printed(form: String) throws {
        for choice in try Self.choices(form, batch: "batch-01") {
            #expect(choice.read.isEmpty, "\(choice.page) \(choice.field): a ring found on \(choice.read)")
        }
    }
}
