import Foundation
import JapaneseCalendar

/// The parameterised checks' logic, kept apart from the enum that names them.
enum FieldChecks {
    static func length(_ value: String, min: Int?, max: Int?) -> ValidationFailure? {
        let count = value.count
        if let min, count < min {
            return ValidationFailure(
                code: "length", message: "must have at least \(min) characters, found \(count)")
        }
        if let max, count > max {
            return ValidationFailure(
                code: "length", message: "must have at most \(max) characters, found \(count)")
        }
        return nil
    }

    static func oneOf(_ value: String, _ choices: [String]) -> ValidationFailure? {
        let key = comparable(value)
        if choices.contains(where: { comparable($0) == key }) { return nil }
        return ValidationFailure(
            code: "not_in_list", message: "must be one of: " + choices.joined(separator: ", "))
    }

    private static func comparable(_ text: String) -> String {
        Transform.apply([.nfkc, .collapseSpaces, .trim], to: text)
    }

    static func numberRange(_ value: String, min: Decimal?, max: Decimal?) -> ValidationFailure? {
        switch NumberText.parse(value) {
        case .failure(let failure):
            return failure
        case .success(let number):
            if let min, number.value < min {
                return ValidationFailure(code: "range", message: "must be at least \(min)")
            }
            if let max, number.value > max {
                return ValidationFailure(code: "range", message: "must be at most \(max)")
            }
            return nil
        }
    }

    static func dateRange(_ value: String, min: CalendarDate?, max: CalendarDate?) -> ValidationFailure? {
        switch JapaneseDate.parse(value) {
        case .failure(let error):
            return ValidationFailure(error)
        case .success(let date):
            if let min, date < min {
                return ValidationFailure(code: "range", message: "must be on or after \(min.iso)")
            }
            if let max, date > max {
                return ValidationFailure(code: "range", message: "must be on or before \(max.iso)")
            }
            return nil
        }
    }
}
