import Foundation
import JapaneseCalendar

/// Evaluates a parsed rule against one document's values.
struct RuleEvaluator {
    let values: [String: RuleValue]
    let today: CalendarDate

    func evaluate(_ node: RuleNode) throws(RuleEvaluationError) -> RuleValue {
        switch node {
        case .literal(let value):
            return value
        case .field(let name, let offset):
            guard let value = values[name] else {
                throw RuleEvaluationError(offset: offset, message: "no value was given for field '\(name)'")
            }
            return value
        case .today:
            return .date(today)
        case .list(let items):
            var values: [RuleValue] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .negate(let operand, let offset):
            guard case .number(let number) = RuleCoercion.number(try evaluate(operand)) else {
                throw RuleEvaluationError(offset: offset, message: "'-' needs a number")
            }
            return .number(-number)
        case .not(let operand, let offset):
            return .bool(!(try truth(of: operand, for: "not", at: offset)))
        case .logical(let op, let operands, let offsets):
            return .bool(try logical(op, operands, offsets))
        case .arithmetic(let first, let steps):
            var result = try evaluate(first)
            for step in steps {
                result = try RuleArithmetic.apply(
                    step.op, result, try evaluate(step.operand), at: step.offset)
            }
            return result
        case .compare(let op, let left, let right, let offset):
            return .bool(try RuleComparison.compare(op, try evaluate(left), try evaluate(right), at: offset))
        case .membership(let element, let collection, let negated, let offset):
            let found = try RuleComparison.contains(
                try evaluate(collection), try evaluate(element), at: offset)
            return .bool(found != negated)
        case .call(let function, let arguments, let offset):
            var values: [RuleValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try RuleFunctions.call(function, values, today: today, at: offset)
        }
    }

    private func logical(_ op: LogicalOperator, _ operands: [RuleNode], _ offsets: [Int])
        throws(RuleEvaluationError)
        -> Bool
    {
        for (position, operand) in operands.enumerated() {
            let offset = offsets[max(0, min(position - 1, offsets.count - 1))]
            let value = try truth(of: operand, for: op.rawValue, at: offset)
            if op == .and && !value { return false }
            if op == .or && value { return true }
        }
        return op == .and
    }

    /// The operand's value, which must be true or false.
    func truth(of node: RuleNode, for word: String, at offset: Int) throws(RuleEvaluationError) -> Bool {
        let value = try evaluate(node)
        guard case .bool(let truth) = value else {
            throw RuleEvaluationError(
                offset: offset, message: "'\(word)' needs true or false, got \(value.kindName)")
        }
        return truth
    }
}
