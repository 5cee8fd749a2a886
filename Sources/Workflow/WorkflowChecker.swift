import Foundation
import Imaging
import Yams

/// Checks that need the whole workflow: the template exists, zones fit on it, names are unique,
/// and rules name real fields.
struct WorkflowChecker {
    let file: String

    func check(_ workflow: Workflow, root: Node) -> [WorkflowIssue] {
        var issues: [WorkflowIssue] = []
        func issue(_ line: Int, _ column: Int, _ message: String) {
            issues.append(WorkflowIssue(file: file, line: line, column: column, message: message))
        }
        let templateLine = root.mapping?["template"]?.line ?? 1
        var size: (width: Int, height: Int)?
        do {
            // Zones are pixels of the template image as it is, whatever resolution its file records.
            let page = try PageLoader().load(workflow.template.image)[0]
            size = (page.image.width, page.image.height)
        } catch {
            issue(
                templateLine, 3,
                "the template cannot be loaded: \(error.reason); it is the blank form's scan, relative to the workflow file"
            )
        }
        var seen: Set<String> = []
        for field in workflow.fields {
            if !seen.insert(field.name).inserted {
                issue(field.line, 3, "a second field named '\(field.name)'; field names must be unique")
            }
            guard let size else { continue }
            let page = Rect(x: 0, y: 0, width: size.width, height: size.height)
            for (label, rect) in field.zones where rect.intersection(page) != rect {
                issue(
                    field.line, 3,
                    "\(label) of '\(field.name)' (\(rect)) lies outside the template (\(size.width)×\(size.height) px); measure it on the template image"
                )
            }
        }
        for (label, text) in [
            ("workflow", workflow.name), ("savings.source", workflow.savings?.source ?? ""),
        ]
        where text.count > 200 || text.contains(where: \.isNewline) {
            issue(1, 1, "\(label) must be one line of at most 200 characters (the ledger's reports show it)")
        }
        let names = Set(workflow.fields.map(\.name))
        var filled: Set<String> = []
        for field in workflow.fields {
            for fill in field.fill {
                let hint =
                    NodeReader.closest(fill.field, in: Array(names)).map { "; did you mean '\($0)'?" } ?? ""
                guard let target = workflow.field(fill.field) else {
                    issue(
                        field.line, 3,
                        "fill of '\(field.name)' names '\(fill.field)', which is not a field\(hint)")
                    continue
                }
                if [.qr, .choice, .checkbox].contains(target.type) {
                    issue(
                        field.line, 3,
                        "fill of '\(field.name)' names '\(fill.field)', a \(target.type.rawValue) field; a QR code fills text fields"
                    )
                }
                if !filled.insert(fill.field).inserted {
                    issue(field.line, 3, "'\(fill.field)' is filled twice; one QR code key per field")
                }
            }
        }
        for rule in workflow.rules {
            for unknown in rule.expression.fieldNames.subtracting(names).sorted() {
                let hint =
                    NodeReader.closest(unknown, in: Array(names)).map { "; did you mean '\($0)'?" } ?? ""
                issue(rule.line, rule.column, "the rule names '\(unknown)', which is not a field\(hint)")
            }
        }
        return issues
    }
}

extension FieldSpec {
    /// Every rectangle the field reads, named for messages.
    public var zones: [(String, Rect)] {
        switch reader {
        case .zone(let rect): return [("the zone", rect)]
        case .boxes(let options): return options.map { ("the box of '\($0.name)'", $0.zone) }
        case .label, .regex: return []
        }
    }
}
