import Foundation

/// How text is read as a number or a date when a rule mixes it with one: field values often
/// arrive as text, and `請求日 <= '2024-04-01'` should work as written.
enum RuleCoercion {
    /// A number, or text that reads as one; anything else unchanged.
    static func number(_ value: RuleValue) -> RuleValue {
        guard case .string(let text) = value, case .success(let parsed) = NumberText.parse(text) else {
            return value
        }
        return .number(parsed.value)
    }

    /// A date, or text that reads as one (ISO or 和暦); anything else unchanged.
    static func date(_ value: RuleValue) -> RuleValue {
        guard case .string(let text) = value, case .success(let date) = JapaneseDate.parse(text) else {
            return value
        }
        return .date(date)
    }

    /// Both values made the same kind where text can be read as the other side's number or date.
    static func unify(_ left: RuleValue, _ right: RuleValue) -> (RuleValue, RuleValue) {
        switch (left, right) {
        case (.number, .string): (left, number(right))
        case (.string, .number): (number(left), right)
        case (.date, .string): (left, date(right))
        case (.string, .date): (date(left), right)
        default: (left, right)
        }
    }
}
