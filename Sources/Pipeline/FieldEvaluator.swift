import Foundation
import Workflow

/// Turns raw readings into normalised, checked values and decides whether a document is accepted.
///
/// A document is accepted only when every required field has a value, every check and rule passes
/// and every field's confidence reaches the threshold; anything else goes to review with a reason.
public struct FieldEvaluator: Sendable {
    public let workflow: Workflow
    /// The date rules and date checks call `today` (in Japan).
    public let today: CalendarDate

    public init(workflow: Workflow, today: CalendarDate = .today()) {
        self.workflow = workflow
        self.today = today
    }

    /// The fields' results and the document-level problems (failed rules).
    public func evaluate(_ readings: [FieldReading]) -> (fields: [FieldResult], problems: [Reason]) {
        let fields = zip(workflow.fields, readings).map(evaluate)
        return (fields, rules(fields))
    }

    func evaluate(_ spec: FieldSpec, _ reading: FieldReading) -> FieldResult {
        var result = FieldResult(
            name: spec.name, value: "", options: nil, raw: reading.text, confidence: reading.confidence, reasons: [],
            sensitive: spec.sensitive)
        if let problem = reading.problem {
            result.reasons.append(problem)
            return result
        }
        let threshold = spec.minConfidence ?? workflow.review.minConfidence
        if !reading.marks.isEmpty {
            evaluateMarks(spec, reading, threshold: threshold, into: &result)
            return result
        }
        if reading.blank || reading.text.isEmpty {
            if spec.required { result.reasons.append(Reason(code: "required", message: "required field is blank")) }
            return result
        }
        if reading.confidence < threshold {
            result.reasons.append(
                Reason(
                    code: "low_confidence",
                    message: "OCR confidence \(Int(reading.confidence.rounded())) is below \(Int(threshold))"))
        }
        let normalize = { (text: String) in spec.type.normalize(Transform.apply(spec.transforms, to: text)) }
        switch normalize(reading.text) {
        case .success(let value):
            result.value = value
            if let second = reading.verification, (try? normalize(second).get()) != value {
                result.reasons.append(
                    Reason(code: "unstable_reading", message: "two readings at different scales disagree"))
            }
            if value.isEmpty && spec.required {
                result.reasons.append(Reason(code: "required", message: "required field is blank after clean-up"))
            }
            result.reasons += spec.checks.compactMap { check($0, value) }
        case .failure(let failure):
            result.reasons.append(Reason(code: failure.code, message: failure.message))
        }
        return result
    }

    private func evaluateMarks(_ spec: FieldSpec, _ reading: FieldReading, threshold: Double, into result: inout FieldResult) {
        let ticked = reading.marks.filter(\.reading.checked).map(\.name)
        result.options = ticked
        result.value = ticked.joined(separator: ";")
        for mark in reading.marks where mark.reading.confidence < threshold {
            result.reasons.append(
                Reason(code: "uncertain_mark", message: "the box '\(mark.name)' is neither clearly ticked nor clearly empty"))
        }
        if spec.required && ticked.isEmpty {
            result.reasons.append(Reason(code: "required", message: "no box is ticked"))
        }
        if spec.type == .choice && ticked.count > 1 {
            result.reasons.append(Reason(code: "several_ticked", message: "only one box may be ticked, \(ticked.count) are"))
        }
    }

    func check(_ spec: CheckSpec, _ value: String) -> Reason? {
        guard !value.isEmpty else { return nil }
        switch spec {
        case .regex(let pattern):
            let range = NSRange(value.startIndex..., in: value)
            let matched = (try? NSRegularExpression(pattern: "^(?:\(pattern))$"))?.firstMatch(in: value, range: range) != nil
            return matched ? nil : Reason(code: "pattern", message: "does not match the expected pattern")
        case .length(let min, let max):
            let count = value.count
            if let min, count < min { return Reason(code: "length", message: "shorter than \(min) characters") }
            if let max, count > max { return Reason(code: "length", message: "longer than \(max) characters") }
            return nil
        case .oneOf(let allowed):
            return allowed.contains(value) ? nil : Reason(code: "enum", message: "not one of the allowed values")
        case .numberRange(let min, let max):
            guard let number = Double(value) else { return Reason(code: "format", message: "not a number") }
            if let min, number < min { return Reason(code: "range", message: "below the minimum \(Self.format(min))") }
            if let max, number > max { return Reason(code: "range", message: "above the maximum \(Self.format(max))") }
            return nil
        case .dateRange(let min, let max):
            let bound = { (text: String) in text == "today" ? self.today.iso : text }
            if let min, value < bound(min) { return Reason(code: "range", message: "before \(min)") }
            if let max, value > bound(max) { return Reason(code: "range", message: "after \(max)") }
            return nil
        }
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }

    /// Each rule that fails, or cannot be evaluated, becomes a document-level reason.
    func rules(_ fields: [FieldResult]) -> [Reason] {
        var values: [String: RuleValue] = [:]
        for (spec, field) in zip(workflow.fields, fields) {
            values[spec.name] = Self.ruleValue(spec, field)
        }
        let doubtful = Set(fields.filter { !$0.reasons.isEmpty }.map(\.name))
        return workflow.rules.compactMap { rule in
            // A rule over a doubtful field says nothing new: the document is in review already.
            if !rule.expression.fieldNames.isDisjoint(with: doubtful) { return nil }
            do {
                if try rule.expression.evaluate(values, today: today) { return nil }
                return Reason(code: "rule", message: rule.message ?? "rule failed: \(rule.source)")
            } catch {
                return Reason(code: "rule", message: "rule could not be checked (\(rule.source)): \(error)")
            }
        }
    }

    static func ruleValue(_ spec: FieldSpec, _ field: FieldResult) -> RuleValue {
        if let options = field.options { return .list(options.map(RuleValue.string)) }
        guard !field.value.isEmpty, field.reasons.allSatisfy({ $0.code == "low_confidence" }) else { return .null }
        switch spec.type {
        case .date:
            if case .success(let date) = JapaneseDate.parse(field.value) { return .date(date) }
            return .null
        case .number:
            return Decimal(string: field.value).map(RuleValue.number) ?? .null
        default:
            return .string(field.value)
        }
    }
}
