import Foundation

/// The committed test scans and their ground truth (made by tools/samplegen).
public enum Fixtures {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under Tests/Fixtures/ocr.
    public static func ocr(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures/ocr").appendingPathComponent(name)
    }

    /// Real handwritten digits written as digit fields (the UCI set, by tools/fixtures/uci_digits.py):
    /// kept apart from Tests/Fixtures/ocr, which tools/samplegen makes whole.
    public static var handwrittenDigits: URL { root.appendingPathComponent("Tests/Fixtures/uci-digits") }

    /// What each image of `handwrittenDigits` says: its file, `postal` or `number`, and its digits.
    public struct DigitString: Decodable, Sendable {
        public var file: String
        public var kind: String
        public var digits: String
    }

    /// The strings of `handwrittenDigits`, from its truth.json.
    public static func handwrittenDigitStrings() throws -> [DigitString] {
        struct Truth: Decodable { var strings: [DigitString] }
        return try JSONDecoder().decode(
            Truth.self, from: Data(contentsOf: handwrittenDigits.appendingPathComponent("truth.json"))
        ).strings
    }

    /// The card form's layout: its fields and zones in template pixels.
    public static func cardLayout() throws -> Layout {
        try JSONDecoder().decode(Layout.self, from: Data(contentsOf: ocr("card.layout.json")))
    }

    /// What was printed on the card and how each file was degraded.
    public static func cardTruth() throws -> Truth {
        try JSONDecoder().decode(Truth.self, from: Data(contentsOf: ocr("card_truth.json")))
    }

    public struct Layout: Decodable {
        public struct Field: Decodable {
            public var name: String
            public var zone: [Int]
            public var kind: String
            public var lang: String
            public var options: [String: [Int]]?
        }
        public var frame: [Int]
        public var fields: [Field]

        public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
    }

    public struct Truth: Decodable {
        public struct Page: Decodable {
            public var dpi: Int
            public var transform: [[Double]]
        }
        public struct File: Decodable {
            public var dpi: Int?
            public var transform: [[Double]]?
            public var pages: [Page]?
        }
        public var values: [String: Value]
        public var printed: [String: Value]
        public var files: [String: File]

        /// The template → file transform of one file (or one page of a multi-page file).
        public func transform(_ file: String, page: Int = 0) -> [[Double]]? {
            guard let entry = files[file] else { return nil }
            return entry.transform ?? entry.pages?[page].transform
        }
    }

    /// A ground-truth value: text, or the ticked options of a checkbox group.
    public enum Value: Decodable, Equatable {
        case text(String)
        case list([String])

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .list(try container.decode([String].self))
            }
        }

        public var text: String? {
            if case .text(let text) = self { return text }
            return nil
        }
    }
}
