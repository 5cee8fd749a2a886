import Foundation
import Workflow

/// A CSV file for a core system's import: a header row of field names, one row per document,
/// CRLF line ends, and UTF-8 with BOM (what Japanese Excel opens correctly) or Shift_JIS.
public struct CSVOutput: OutputSink {
    public let url: URL
    public let encoding: CSVEncoding

    public init(url: URL, encoding: CSVEncoding) {
        self.url = url
        self.encoding = encoding
    }

    public func data(_ documents: [DocumentResult], fields: [FieldSpec]) throws -> Data {
        var lines = [
            (["file", "document_sha256"] + fields.map(\.name)).map(Self.quote).joined(separator: ",")
        ]
        for document in documents {
            let values = fields.map { spec in document.fields.first { $0.name == spec.name }?.value ?? "" }
            lines.append(
                ([document.file, document.document] + values).map(Self.quote).joined(separator: ","))
        }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        return try encode(text)
    }

    func encode(_ text: String) throws -> Data {
        switch encoding {
        case .utf8: return Data(text.utf8)
        case .utf8BOM: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .shiftJIS, .cp932:
            guard let data = ShiftJIS.encode(text, as: encoding) else {
                throw OutputError.notEncodable(file: url.lastPathComponent, field: nil, encoding: encoding)
            }
            return data
        }
    }

    /// Quotes a cell when it holds a comma, quote or line break; a leading =, +, - or @ is
    /// prefixed with ' so that Excel never runs it as a formula.
    static func quote(_ cell: String) -> String {
        var value = cell
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why an output could not be written.
public enum OutputError: Error, CustomStringConvertible {
    /// A value holds a character the output's encoding has no bytes for (never the value itself).
    case notEncodable(file: String, field: String?, encoding: CSVEncoding)
    /// Two outputs, or an output and a file rpa keeps, would be the same file.
    case collision(String)

    public var description: String {
        switch self {
        case .notEncodable(let file, let field, let encoding):
            let which = field.map { "the value of '\($0)'" } ?? "a value"
            return "\(file): \(which) has a character \(encoding.rawValue) cannot hold; correct it in "
                + "review, or write this output with encoding: utf-8-bom (or cp932 for ① 髙)"
        case .collision(let message): return message
        }
    }
}
