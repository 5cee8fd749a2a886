/// Why a field's value was refused: a stable code for machines and a sentence for staff.
///
/// The message never contains the value itself (values can be names, addresses or My Numbers,
/// and messages go to logs and the review queue); it says what is wrong and what was expected.
///
/// Codes: `format` (not written in the expected shape), `length`, `not_in_list`, `range`,
/// `check_digit`, `not_katakana`, `impossible_date`, `era_out_of_range`, `ambiguous_number`,
/// `invalid_pattern` (a regex in the workflow does not compile).
public struct ValidationFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable snake_case code, for counting and for the review queue's filters.
    public var code: String
    /// What is wrong, in words staff can act on; never the value.
    public var message: String

    /// A failure with a code and a value-free message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func format(_ message: String) -> ValidationFailure {
        ValidationFailure(code: "format", message: message)
    }

    /// The failure for a date that did not parse.
    init(_ error: DateParseError) {
        switch error {
        case .unreadable: self = .format(error.description)
        case .impossibleDate: self.init(code: "impossible_date", message: error.description)
        case .eraOutOfRange: self.init(code: "era_out_of_range", message: error.description)
        }
    }
}
