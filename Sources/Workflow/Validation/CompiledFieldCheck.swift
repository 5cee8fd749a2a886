import Foundation
import JapaneseCalendar

/// A `FieldCheck` whose parameters were checked and whose regex is compiled, ready to run on many
/// values (concurrently: it is immutable).
public struct CompiledFieldCheck: Sendable {
    /// The check as written.
    public let check: FieldCheck
    /// The pattern compiled by RE2 (linear time, no backtracking), for `.regex`.
    private let regex: SafeRegex?

    init(_ check: FieldCheck) throws(FieldCheckError) {
        self.check = check
        self.regex = try CompiledFieldCheck.prepare(check)
    }

    private static func prepare(_ check: FieldCheck) throws(FieldCheckError) -> SafeRegex? {
        switch check {
        case .regex(let pattern):
            do throws(SafeRegexError) {
                return try SafeRegex(pattern)
            } catch {
                throw FieldCheckError(message: "the pattern does not compile: \(error)")
            }
        case .length(let min, let max):
            if (min ?? 0) < 0 || (max ?? 0) < 0 {
                throw FieldCheckError(message: "length bounds cannot be negative")
            }
            if let min, let max, min > max {
                throw FieldCheckError(message: "length min (\(min)) is greater than max (\(max))")
            }
        case .numberRange(let min, let max):
            if let min, let max, min > max {
                throw FieldCheckError(message: "number_range min (\(min)) is greater than max (\(max))")
            }
        case .dateRange(.date(let min), .date(let max)) where min > max:
            throw FieldCheckError(message: "date_range min (\(min.iso)) is after max (\(max.iso))")
        case .oneOf(let choices) where choices.isEmpty:
            throw FieldCheckError(message: "one_of needs at least one choice")
        case .digits(let count) where count < 1:
            throw FieldCheckError(message: "digits count must be at least 1")
        default:
            break
        }
        return nil
    }

    /// `nil` if `value` passes (or is empty), else why it fails, without the value.
    ///
    /// `today` resolves `date_range` bounds written as "today".
    public func validate(_ value: String, today: CalendarDate = .today()) -> ValidationFailure? {
        if value.isEmpty { return nil }
        switch check {
        case .regex:
            return regex?.matchesWhole(value) == true
                ? nil : .format("does not match the pattern the workflow requires")
        case .length(let min, let max):
            return FieldChecks.length(value, min: min, max: max)
        case .oneOf(let choices):
            return FieldChecks.oneOf(value, choices)
        case .numberRange(let min, let max):
            return FieldChecks.numberRange(value, min: min, max: max)
        case .dateRange(let min, let max):
            return FieldChecks.dateRange(
                value, min: min?.resolve(today: today), max: max?.resolve(today: today))
        case .myNumber:
            return NationalNumbers.myNumber(value).failure
        case .corporateNumber:
            return NationalNumbers.corporateNumber(value).failure
        case .postalCode:
            return PostalCode.normalize(value).failure
        case .phone:
            return PhoneNumber.normalize(value).failure
        case .katakanaOnly:
            return KatakanaText.isKatakana(value, allowingSpaces: true) ? nil : KatakanaText.notKatakana
        case .digits(let count):
            return DigitText.exactly(count, in: value, what: "the value").failure
        }
    }
}

extension Result {
    /// The error, or `nil` on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
