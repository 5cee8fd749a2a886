import Foundation
import Pipeline

/// A sample batch's ground truth (`ground_truth.json`, written by tools/samplegen).
public struct GroundTruth: Decodable, Sendable {
    /// A field made invalid on purpose, and what must be flagged.
    public struct Invalid: Decodable, Sendable {
        public var field: String
        /// check_digit, required, impossible_date or required_box.
        public var reason: String
    }
    public struct File: Decodable, Sendable {
        public var file: String
        public var valid: Bool
        public var invalid: [Invalid]
        public var values: [String: TruthValue]
        /// With a QR code on the page: intact, stained (still readable) or torn (unreadable).
        public var qr: String?
        /// How a page filled in by hand was written; nil for print.
        public var hand: Hand?
    }
    /// What the hand on a page did.
    public struct Hand: Decodable, Sendable {
        /// Per checkbox or choice field, how its options were marked: check, cross or circle.
        public var marks: [String: String]?
    }
    /// The form's id: its workflow is workflows/<form>.yml.
    public var form: String
    public var files: [File]

    public static func load(_ folder: URL) throws -> GroundTruth {
        try JSONDecoder().decode(
            GroundTruth.self, from: Data(contentsOf: folder.appendingPathComponent("ground_truth.json")))
    }
}

/// A canonical value: text, a whole number, ticked options, or nothing (blank or impossible).
public enum TruthValue: Decodable, Equatable, Sendable {
    case text(String)
    case list([String])
    case none

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .none
        } else if let number = try? container.decode(Int.self) {
            self = .text(String(number))
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .list(try container.decode([String].self))
        }
    }

    /// Whether rpa's field result holds exactly this value. White space is not compared: the
    /// generator's canonical text drops every space, while rpa keeps a printed space between a
    /// house number and a building name (`4-14-6 ハイツ107`).
    public func matches(_ field: FieldResult) -> Bool {
        switch self {
        case .none: return field.value.isEmpty && (field.options ?? []).isEmpty
        case .text(let text):
            return field.value.filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace }
        case .list(let list): return Set(field.options ?? []) == Set(list)
        }
    }
}
