import Foundation
import JapaneseCalendar

/// The fixed set of functions a rule may call; nothing else can be reached from a rule.
enum RuleFunctions {
    static func call(_ function: RuleFunction, _ arguments: [RuleValue], today: CalendarDate, at offset: Int)
        throws(RuleEvaluationError) -> RuleValue
    {
        let first = arguments.first ?? .null
        switch function {
        case .today:
            return .date(today)
        case .empty:
            return .bool(first.isEmpty)
        case .count:
            switch first {
            case .list(let items): return .number(Decimal(items.count))
            case let value where value.isEmpty: return .number(0)
            default:
                throw RuleEvaluationError(
                    offset: offset,
                    message:
                        "count() counts the ticked boxes of a checkbox group (a list), got \(first.kindName)")
            }
        case .len:
            switch first {
            case .string(let text): return .number(Decimal(text.count))
            case .list(let items): return .number(Decimal(items.count))
            case .null: return .number(0)
            default:
                throw RuleEvaluationError(
                    offset: offset, message: "len() needs text or a list, got \(first.kindName)")
            }
        case .date:
            return .date(try date(first, function, at: offset))
        case .yearsBetween, .daysBetween:
            let start = try date(first, function, at: offset)
            let end = try date(arguments.count > 1 ? arguments[1] : .null, function, at: offset)
            let result =
                function == .yearsBetween
                ? CalendarDate.yearsBetween(start, end) : end.daysSinceEpoch - start.daysSinceEpoch
            return .number(Decimal(result))
        }
    }

    private static func date(_ value: RuleValue, _ function: RuleFunction, at offset: Int)
        throws(RuleEvaluationError)
        -> CalendarDate
    {
        if case .date(let date) = RuleCoercion.date(value) { return date }
        let detail = value.kindName == "text" ? "text that does not read as a date" : value.kindName
        throw RuleEvaluationError(
            offset: offset, message: "\(function.rawValue)() needs dates, got \(detail)")
    }
}
