import Foundation
import Workflow

/// Where accepted documents go. Each sink rewrites its whole file from all accepted results,
/// atomically, so a re-run or a crash never leaves a row lost or doubled.
public protocol OutputSink: Sendable {
    /// The file written.
    var url: URL { get }
    /// Writes every accepted document, one row each, in the workflow's field order.
    func write(_ documents: [DocumentResult], fields: [FieldSpec]) throws
}

extension OutputSpec {
    /// The same output written to another path.
    func with(path: String) -> OutputSpec {
        switch self {
        case .csv(_, let encoding): return .csv(path: path, encoding: encoding)
        case .jsonl: return .jsonl(path: path)
        }
    }

    /// The sink for this output, with its path resolved against the output root.
    public func sink(root: URL) -> any OutputSink {
        let url = root.appendingPathComponent(path)
        switch self {
        case .csv(_, let encoding): return CSVOutput(url: url, encoding: encoding)
        case .jsonl: return JSONLinesOutput(url: url)
        }
    }
}

/// Writes `data` to `url` through a temporary file in the same folder and a rename.
func writeAtomically(_ data: Data, to url: URL) throws {
    try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url, options: .atomic)
}
