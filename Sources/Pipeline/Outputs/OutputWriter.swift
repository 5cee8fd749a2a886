import Foundation
import Ledger
import Workflow

/// Rewrites a workflow's outputs from every accepted result in its store, under a lock so that two
/// runs (or a run and a review) never interleave their writes: a file lock on one machine, and the
/// shared ledger's lock too when several machines write into one output folder (file locks on a
/// network share cannot be trusted).
public struct OutputWriter: Sendable {
    public let workflow: Workflow
    public let root: URL

    public init(workflow: Workflow, root: URL) {
        self.workflow = workflow
        self.root = root
    }

    /// Writes every output; returns their paths. `ledger`, when shared, serialises the writers of
    /// every machine: the last one writes every result stored so far, each accepted document once.
    @discardableResult
    public func write(from store: ResultStore, ledger: Ledger? = nil) throws -> [String] {
        guard let ledger, ledger.isShared else { return try writeLocked(from: store) }
        return try ledger.exclusively("rpa-outputs:\(workflow.id)-v\(workflow.version)") {
            try writeLocked(from: store)
        }
    }

    private func writeLocked(from store: ResultStore) throws -> [String] {
        let lock = try FileLock(store.folder.appendingPathComponent("outputs.lock"))
        defer { lock.unlock() }
        var written: [String] = []
        for (sink, documents) in files(for: store.all().filter { $0.outcome == .accepted }) {
            try sink.write(documents, fields: workflow.fields)
            written.append(sink.url.relativePath)
        }
        return written
    }

    /// Each output file with the accepted documents it holds.
    func files(for accepted: [DocumentResult]) -> [(sink: any OutputSink, documents: [DocumentResult])] {
        workflow.outputs.flatMap { output in
            // `{date}` in a path makes one file per processing day (in Japan), for daily imports.
            let groups =
                output.path.contains(Self.datePlaceholder)
                ? Dictionary(grouping: accepted) { Self.day($0.processedAt) } : ["": accepted]
            return groups.sorted(by: { $0.key < $1.key }).map { day, documents in
                let sink = output.with(
                    path: output.path.replacingOccurrences(of: Self.datePlaceholder, with: day)
                )
                .sink(root: root)
                return (sink, documents)
            }
        }
    }

    /// Refuses, before anything is written, outputs that would land on the live ledger (`ledgerPath`,
    /// else the default), the run state, the template, the workflow file or another output.
    public func refuseCollisions(ledgerPath: String?) throws(OutputError) {
        let conflicts = workflow.outputConflicts(root: root, ledgerPath: ledgerPath ?? Ledger.defaultPath())
        guard conflicts.isEmpty else { throw .collision(conflicts.joined(separator: "\n")) }
    }

    /// A reason for each field some output of `workflow` cannot hold (naming the output and its
    /// encoding, never the value).
    public static func encodingReasons(_ document: DocumentResult, workflow: Workflow)
        -> [(field: String, reason: Reason)]
    {
        workflow.outputs.flatMap { $0.encodingReasons(document) }
    }

    static let datePlaceholder = "{date}"

    /// The day in Japan, as 2026-11-22.
    static func day(_ date: Date) -> String { CalendarDate.today(now: date).iso }
}
