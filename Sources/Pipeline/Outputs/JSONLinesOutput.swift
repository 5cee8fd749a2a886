import Foundation
import Workflow

/// JSON lines: one object per accepted document, `{"file", "document_sha256", "fields": {...}}`,
/// with checkbox and choice fields as lists.
public struct JSONLinesOutput: OutputSink {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    struct Line: Encodable {
        var file: String
        var document_sha256: String
        var fields: [String: Value]
    }

    enum Value: Encodable {
        case text(String)
        case list([String])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .list(let list): try container.encode(list)
            }
        }
    }

    public func data(_ documents: [DocumentResult], fields: [FieldSpec]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for document in documents {
            var values: [String: Value] = [:]
            for field in document.fields {
                values[field.name] = field.options.map(Value.list) ?? .text(field.value)
            }
            data += try encoder.encode(
                Line(file: document.file, document_sha256: document.document, fields: values))
            data += Data("\n".utf8)
        }
        return data
    }
}
