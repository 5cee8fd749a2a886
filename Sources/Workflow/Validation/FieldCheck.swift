import Foundation
import JapaneseCalendar

/// A validation rule on one field's value, as named in a workflow file's `checks:`.
///
/// Every check passes an empty value (whether a field is required is decided by the caller).
/// Checks are lenient about how a value is written and strict about what it is: `postal_code`
/// accepts "〒252-5277" and "２５２５２７７" and refuses six digits. Build once with `compile(_:)`
/// (which reports bad parameters such as a broken regex) and reuse the compiled check.
public enum FieldCheck: Sendable, Hashable {
    /// The whole value matches the regular expression (RE2 syntax, matched in linear time by
    /// `SafeRegex`: no backreferences or lookaround; values over `SafeRegex.maxInputCharacters`
    /// characters do not match).
    case regex(String)
    /// The number of characters is within the bounds (either may be absent).
    case length(min: Int?, max: Int?)
    /// The value is one of the choices (compared after NFKC and space collapsing).
    case oneOf([String])
    /// The value reads as a number within the bounds.
    case numberRange(min: Decimal?, max: Decimal?)
    /// The value reads as a date within the bounds (inclusive).
    case dateRange(min: DateBound?, max: DateBound?)
    /// 個人番号: 12 digits with a matching check digit.
    case myNumber
    /// 法人番号: 13 digits with a matching check digit.
    case corporateNumber
    /// 郵便番号: 7 digits, NNN-NNNN.
    case postalCode
    /// A Japanese phone number of 10 or 11 digits starting with 0.
    case phone
    /// Katakana, ー, ・ and spaces only.
    case katakanaOnly
    /// Exactly `count` digits (look-alikes, spaces and hyphens tolerated).
    case digits(count: Int)

    /// The check a parameterless YAML name selects: `my_number`, `corporate_number`,
    /// `postal_code`, `phone`, `katakana_only`. Parameterised checks (`regex`, `length`,
    /// `one_of`, `number_range`, `date_range`, `digits`) are written as maps and built directly.
    public static func named(_ name: String) -> FieldCheck? {
        switch name {
        case "my_number": .myNumber
        case "corporate_number": .corporateNumber
        case "postal_code": .postalCode
        case "phone": .phone
        case "katakana_only": .katakanaOnly
        default: nil
        }
    }

    /// The YAML names of all checks, for "did you mean" lists in workflow errors.
    public static let names = [
        "regex", "length", "one_of", "number_range", "date_range", "my_number", "corporate_number",
        "postal_code", "phone", "katakana_only", "digits",
    ]

    /// Checks the check's own parameters and prepares it (compiles a regex once).
    ///
    /// Throws for a regex that does not compile, negative or crossed bounds, an empty choice list
    /// or a digit count below 1, so `rpa check` can point at the workflow line.
    public static func compile(_ check: FieldCheck) throws(FieldCheckError) -> CompiledFieldCheck {
        try CompiledFieldCheck(check)
    }

    /// Compiles and runs the check in one go; a parameter error is reported as an
    /// `invalid_pattern` failure. Prefer `compile(_:)` when checking many values.
    public func validate(_ value: String, today: CalendarDate = .today()) -> ValidationFailure? {
        do {
            return try FieldCheck.compile(self).validate(value, today: today)
        } catch {
            return ValidationFailure(code: "invalid_pattern", message: error.message)
        }
    }
}

/// A mistake in a check's parameters in the workflow file (not in a field's value).
public struct FieldCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the parameters, e.g. "regex does not compile: …".
    public var message: String

    /// An error with a message for the workflow author.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
