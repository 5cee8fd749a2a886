import Foundation
import Imaging
import Yams

/// Reads a workflow file into a `Workflow`, or every mistake in it as `file:line:column` issues.
///
/// Hostile files are refused before anything is built from them: over `maxBytes` or not UTF-8
/// before parsing; then, from the YAML parser's own events (`YAMLGuard`), nesting deeper than
/// `maxDepth`, more than `maxEvents` values, any anchor or alias, and lists or mappings used as keys.
/// So no file can expand, and quoting or comments cannot hide anything from the checks.
public struct WorkflowLoader: Sendable {
    /// The largest workflow file read, in bytes; a form's workflow is a few kilobytes.
    public var maxBytes = 1 << 20
    /// The deepest nesting of lists and mappings allowed; workflows use four or five levels.
    public var maxDepth = 32
    /// The most YAML parser events (about one per value, list or mapping) a workflow may hold.
    public var maxEvents = 100_000

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
        if let found = YAMLGuard(maxDepth: maxDepth, maxEvents: maxEvents).scan(text) {
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
