import Foundation
import Pipeline

/// A sample batch's ground truth (`ground_truth.json`, written by tools/samplegen).
struct GroundTruth: Decodable {
    struct File: Decodable {
        var file: String
        var valid: Bool
        var values: [String: TruthValue]
    }
    var form: String
    var files: [File]

    static func load(_ folder: URL) throws -> GroundTruth {
        try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: folder.appendingPathComponent("ground_truth.json")))
    }
}

/// A canonical value: text, a whole number, ticked options, or nothing (blank or impossible).
enum TruthValue: Decodable, Equatable {
    case text(String)
    case list([String])
    case none

    init(from decoder: Decoder) throws {
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

    /// Whether rpa's field result holds exactly this value.
    func matches(_ field: FieldResult) -> Bool {
        switch self {
        case .none: return field.value.isEmpty && (field.options ?? []).isEmpty
        case .text(let text): return field.value == text
        case .list(let list): return Set(field.options ?? []) == Set(list)
        }
    }
}
