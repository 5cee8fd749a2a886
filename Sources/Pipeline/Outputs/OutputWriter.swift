import Foundation
import Workflow

/// Rewrites a workflow's outputs from every accepted result in its store, under a lock so that two
/// runs (or a run and a review) never interleave their writes.
public struct OutputWriter: Sendable {
    public let workflow: Workflow
    public let root: URL

    public init(workflow: Workflow, root: URL) {
        self.workflow = workflow
        self.root = root
    }

    /// Writes every output; returns their paths.
    @discardableResult
    public func write(from store: ResultStore) throws -> [String] {
        let lock = try FileLock(store.folder.appendingPathComponent("outputs.lock"))
        defer { lock.unlock() }
        let accepted = store.all().filter { $0.outcome == .accepted }
        return try workflow.outputs.map { output in
            let sink = output.sink(root: root)
            try sink.write(accepted, fields: workflow.fields)
            return sink.url.relativePath
        }
    }
}
