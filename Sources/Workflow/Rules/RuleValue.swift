import Foundation
import JapaneseCalendar

/// A value a rule works on: a field's normalised value, a literal, or an intermediate result.
public enum RuleValue: Sendable, Hashable {
    /// Text.
    case string(String)
    /// A number (exact decimal, so 0.1 + 0.2 == 0.3 and amounts stay exact).
    case number(Decimal)
    /// A day.
    case date(CalendarDate)
    /// true or false (a checkbox, or a comparison's result).
    case bool(Bool)
    /// No value (an empty field).
    case null
    /// Several values: the ticked options of a checkbox group.
    case list([RuleValue])

    /// The rule value of a field's normalised output (from `FieldType.normalize`): "" is null,
    /// dates, numbers and checkboxes become typed values, everything else is text.
    public init(normalized text: String, type: FieldType) {
        if text.isEmpty {
            self = .null
            return
        }
        switch type {
        case .date:
            self = CalendarDate(iso: text).map(RuleValue.date) ?? .string(text)
        case .number:
            self =
                Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map(RuleValue.number)
                ?? .string(text)
        case .checkbox:
            self = text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        default:
            self = .string(text)
        }
    }

    /// The kind of value in words, for error messages (never the value itself).
    public var kindName: String {
        switch self {
        case .string: "text"
        case .number: "a number"
        case .date: "a date"
        case .bool: "true/false"
        case .null: "no value (null)"
        case .list: "a list"
        }
    }

    /// True for null, empty text and an empty list.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .list(let items): items.isEmpty
        default: false
        }
    }
}

extension RuleValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: RuleValue...) { self = .list(elements) }
}
