import Foundation
import JapaneseCalendar

/// + - * / on numbers, and days on dates: date ± days is a date, date − date is a number of days.
enum RuleArithmetic {
    static func apply(_ op: ArithmeticOperator, _ left: RuleValue, _ right: RuleValue, at offset: Int)
        throws(RuleEvaluationError) -> RuleValue
    {
        let (a, b) = RuleCoercion.unify(RuleCoercion.number(left), RuleCoercion.number(right))
        switch (op, a, b) {
        case (.add, .number(let x), .number(let y)): return .number(x + y)
        case (.subtract, .number(let x), .number(let y)): return .number(x - y)
        case (.multiply, .number(let x), .number(let y)): return .number(x * y)
        case (.divide, .number(let x), .number(let y)):
            if y.isZero { throw RuleEvaluationError(offset: offset, message: "division by zero") }
            return .number(x / y)
        case (.add, .date(let date), .number(let days)), (.add, .number(let days), .date(let date)):
            return try shift(date, by: days, at: offset)
        case (.subtract, .date(let date), .number(let days)):
            return try shift(date, by: -days, at: offset)
        case (.subtract, .date(let x), .date(let y)):
            return .number(Decimal(x.daysSinceEpoch - y.daysSinceEpoch))
        default:
            throw RuleEvaluationError(
                offset: offset,
                message: "'\(op.rawValue)' cannot combine \(a.kindName) with \(b.kindName)")
        }
    }

    private static func shift(_ date: CalendarDate, by days: Decimal, at offset: Int)
        throws(RuleEvaluationError)
        -> RuleValue
    {
        guard let whole = wholeNumber(days), let shifted = date.adding(days: whole) else {
            throw RuleEvaluationError(
                offset: offset, message: "a date moves by a whole number of days within years 1–9999")
        }
        return .date(shifted)
    }

    /// The Int value of an integral decimal of reasonable size.
    static func wholeNumber(_ value: Decimal) -> Int? {
        guard value.magnitude < 1_000_000_000 else { return nil }
        var source = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == value else { return nil }
        return Int(truncating: NSDecimalNumber(decimal: rounded))
    }
}
