import Foundation
import Imaging
import Yams

/// Reads a workflow file into a `Workflow`, or every mistake in it as `file:line:column` issues.
///
/// Hostile files are refused before parsing: over `maxBytes`, not UTF-8, or nested deeper than
/// `maxDepth`; anchors and aliases are refused while reading, so no file can expand.
public struct WorkflowLoader: Sendable {
    public var maxBytes = 1 << 20
    public var maxDepth = 32

    public init() {}

    public func load(_ url: URL) throws(WorkflowErrors) -> Workflow {
        let file = url.relativePath
        func fail(_ message: String, line: Int = 1, column: Int = 1) -> WorkflowErrors {
            WorkflowErrors([WorkflowIssue(file: file, line: line, column: column, message: message)])
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw fail("no such workflow file; check the path")
        }
        guard size <= maxBytes else {
            throw fail("the workflow is \(size) bytes, over the limit of \(maxBytes); a form needs far less")
        }
        guard let data = FileManager.default.contents(atPath: url.path),
            let text = String(data: data, encoding: .utf8)
        else { throw fail("the workflow is not UTF-8 text; save it as UTF-8") }
        if let found = Self.prescan(text, depthLimit: maxDepth) {
            throw fail(found.message, line: found.line, column: found.column)
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw fail("the workflow is empty") }
            root = composed
        } catch let error as YamlError {
            throw Self.issue(from: error, file: file)
        } catch let error as WorkflowErrors {
            throw error
        } catch {
            throw fail("cannot read the YAML: \(error)")
        }
        let reader = NodeReader(file: file)
        let workflow = WorkflowDecoder(reader: reader, url: url).decode(root)
        if let workflow, reader.issues.isEmpty {
            let semantic = WorkflowChecker(file: file).check(workflow, root: root)
            if semantic.isEmpty { return workflow }
            throw WorkflowErrors(semantic)
        }
        throw WorkflowErrors(
            reader.issues.isEmpty
                ? [WorkflowIssue(file: file, line: 1, column: 1, message: "the workflow could not be read")]
                : reader.issues)
    }

    /// Reads the text once before parsing and finds what would make parsing or reading costly:
    /// nesting deeper than `depthLimit` (flow brackets or block indentation), and anchors or aliases
    /// (`&name`, `*name` where a value starts, outside quotes and comments), which workflows never
    /// need and which let a small file expand exponentially (an alias bomb).
    static func prescan(_ text: String, depthLimit: Int) -> (line: Int, column: Int, message: String)? {
        var depth = 0
        var line = 1
        var column = 0
        var quote: Character?
        var comment = false
        var atLineStart = true
        var indent = 0
        var previous: Character = "\n"
        for character in text {
            column += 1
            defer { if character != " " { previous = character } }
            if character == "\n" {
                line += 1
                column = 0
                atLineStart = true
                indent = 0
                comment = false
                previous = "\n"
                continue
            }
            if comment { continue }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if atLineStart {
                if character == " " || character == "-" {
                    indent += 1
                    if indent > depthLimit * 4 {
                        return (line, column, "nesting deeper than \(depthLimit) levels; workflows are flat")
                    }
                    if character == "-" { previous = "-" }
                    continue
                }
                atLineStart = false
            }
            let startsValue = ":-[{,\n".contains(previous)
            switch character {
            case "\"" where startsValue, "'" where startsValue: quote = character
            case "#" where previous == " " || previous == "\n" || column == 1: comment = true
            case "&" where startsValue, "*" where startsValue:
                return (
                    line, column,
                    "anchors and aliases (&name, *name) are not allowed in workflows; write the value out"
                )
            case "[", "{":
                depth += 1
                if depth > depthLimit {
                    return (line, column, "nesting deeper than \(depthLimit) levels; workflows are flat")
                }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    static func issue(from error: YamlError, file: String) -> WorkflowErrors {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return WorkflowErrors([
                WorkflowIssue(
                    file: file, line: mark.line, column: mark.column,
                    message: "YAML syntax: \(problem); check indentation, colons and quotes")
            ])
        case .duplicatedKeysInMapping(let duplicates, let context):
            return WorkflowErrors([
                WorkflowIssue(
                    file: file, line: context.mark.line, column: context.mark.column,
                    message: "the key '\(duplicates.joined(separator: "', '"))' appears twice; keep one")
            ])
        default:
            return WorkflowErrors([WorkflowIssue(file: file, line: 1, column: 1, message: "YAML: \(error)")])
        }
    }
}
