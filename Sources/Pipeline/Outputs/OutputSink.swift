import Foundation
import Imaging
import Workflow

/// Where accepted documents go. Each sink rewrites its whole file from all accepted results,
/// atomically, so a re-run or a crash never leaves a row lost or doubled.
public protocol OutputSink: Sendable {
    /// The file written.
    var url: URL { get }
    /// The file's bytes for the accepted documents, one row each, in the workflow's field order.
    func data(_ documents: [DocumentResult], fields: [FieldSpec]) throws -> Data
}

extension OutputSink {
    /// Writes the file, whole, for the accepted documents.
    func write(_ documents: [DocumentResult], fields: [FieldSpec]) throws {
        try writeAtomically(try data(documents, fields: fields), to: url)
    }

    /// The bytes of one document's row, as ``data(_:fields:)`` writes it.
    func row(_ document: DocumentResult, fields: [FieldSpec]) throws -> Data {
        let header = try data([], fields: fields)
        return try data([document], fields: fields).dropFirst(header.count)
    }
}

extension OutputSpec {
    /// The same output written to another path.
    func with(path: String) -> OutputSpec {
        switch self {
        case .csv(_, let encoding): return .csv(path: path, encoding: encoding)
        case .jsonl: return .jsonl(path: path)
        }
    }

    /// A reason for each field of `document` this output cannot hold ("file" for the file name),
    /// naming the output and its encoding, never the value. A document is accepted only when every
    /// output can hold every value, so all hold it or none does.
    public func encodingReasons(_ document: DocumentResult) -> [(field: String, reason: Reason)] {
        guard case .csv(_, let encoding) = self, encoding == .shiftJIS || encoding == .cp932 else {
            return []
        }
        let cells = [("file", document.file)] + document.fields.map { ($0.name, $0.value) }
        let reason = Reason(
            code: "not_encodable",
            message: "the output \(path) (\(encoding.rawValue)) cannot hold a character of it")
        return cells.filter { ShiftJIS.encode($0.1, as: encoding) == nil }.map { ($0.0, reason) }
    }

    /// The fields of `document` this output cannot hold, by name.
    public func unencodableFields(_ document: DocumentResult) -> [String] {
        encodingReasons(document).map(\.field)
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

/// Writes `data` to `url` through a temporary file in the same folder and a rename (mode 0600:
/// outputs hold personal data).
func writeAtomically(_ data: Data, to url: URL) throws {
    try PrivateFiles.write(data, to: url)
}
