import Foundation

/// Checks of what a review resolution names: the reviewer and the fields changed.
///
/// Both end up in audit listings printed on terminals and pages, so neither may carry line breaks,
/// control or formatting characters (a right-to-left override could make a listing lie).
extension Validate {
    /// The longest reviewer name the ledger keeps.
    static let maximumReviewerLength = 64
    /// The longest field name the ledger keeps.
    static let maximumFieldNameLength = 200
    /// The most field names one resolution may list.
    static let maximumFieldsChanged = 500

    /// The reviewer's name with surrounding spaces (including 全角 spaces) dropped: 1–64 characters
    /// with no control characters; nil stays nil.
    static func reviewer(_ value: String?) throws(LedgerError) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidReviewer(reason: "is empty") }
        guard trimmed.count <= maximumReviewerLength else {
            throw .invalidReviewer(reason: "is \(trimmed.count) characters long")
        }
        guard !hasControl(trimmed) else {
            throw .invalidReviewer(reason: "contains a line break or control character")
        }
        return trimmed
    }

    /// The changed fields' names, each once in the order given: names, never values.
    static func fieldNames(_ names: [String]) throws(LedgerError) -> [String] {
        guard names.count <= maximumFieldsChanged else {
            throw .invalidValue(
                field: "fields changed", reason: "lists \(names.count) names; at most \(maximumFieldsChanged)"
            )
        }
        var seen = Set<String>()
        var result = [String]()
        for name in names where seen.insert(name).inserted {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= maximumFieldNameLength,
                !hasControl(name)
            else {
                throw .invalidValue(
                    field: "fields changed",
                    reason:
                        "must hold the workflow's field names (one line of 1 to \(maximumFieldNameLength) "
                        + "characters without control characters), never the values typed")
            }
            result.append(name)
        }
        return result
    }

    /// True when `text` holds a control, formatting, line or paragraph separator character.
    private static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
