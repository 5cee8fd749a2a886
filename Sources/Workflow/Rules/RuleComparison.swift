import Foundation

/// Comparisons and `in`.
///
/// Equality: values of the same kind compare directly (text exactly); text meets a number or a
/// date by being read as one; an empty value (null, "" or []) equals any other empty value and
/// differs from everything else. Ordering (< <= > >=) works on numbers and dates (text read as
/// either); anything else — mismatched kinds, an empty side — is an evaluation error, so the
/// document goes to review instead of the rule silently passing or failing.
enum RuleComparison {
    static func compare(_ op: ComparisonOperator, _ left: RuleValue, _ right: RuleValue, at offset: Int)
        throws(RuleEvaluationError) -> Bool
    {
        switch op {
        case .equal: return try equal(left, right, op: op, at: offset)
        case .notEqual: return !(try equal(left, right, op: op, at: offset))
        case .less: return try order(left, right, op: op, at: offset) == .orderedAscending
        case .lessOrEqual: return try order(left, right, op: op, at: offset) != .orderedDescending
        case .greater: return try order(left, right, op: op, at: offset) == .orderedDescending
        case .greaterOrEqual: return try order(left, right, op: op, at: offset) != .orderedAscending
        }
    }

    static func equal(_ left: RuleValue, _ right: RuleValue, op: ComparisonOperator, at offset: Int)
        throws(RuleEvaluationError) -> Bool
    {
        if left.isEmpty || right.isEmpty { return left.isEmpty && right.isEmpty }
        switch RuleCoercion.unify(left, right) {
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !(try equal(x, y, op: op, at: offset)) { return false }
            return true
        case (let a, let b):
            throw mismatch(op.rawValue, a, b, at: offset)
        }
    }

    private static func order(_ left: RuleValue, _ right: RuleValue, op: ComparisonOperator, at offset: Int)
        throws(RuleEvaluationError) -> ComparisonResult
    {
        if left == .null || right == .null {
            throw RuleEvaluationError(
                offset: offset,
                message: "'\(op.rawValue)' has a side with no value; test it with empty(…) first")
        }
        var (a, b) = RuleCoercion.unify(left, right)
        if case .string = a, case .string = b {
            (a, b) = (RuleCoercion.number(a), RuleCoercion.number(b))
            if case .number = a, case .number = b {
            } else {
                (a, b) = (RuleCoercion.date(left), RuleCoercion.date(right))
            }
        }
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        case (.date(let x), .date(let y)):
            return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        case (.string, .string):
            throw RuleEvaluationError(
                offset: offset,
                message: "'\(op.rawValue)' compares numbers or dates, and these texts read as neither")
        default:
            throw mismatch(op.rawValue, a, b, at: offset)
        }
    }

    /// `element in collection`: membership in a list (checkbox group), or text within text.
    static func contains(_ collection: RuleValue, _ element: RuleValue, at offset: Int)
        throws(RuleEvaluationError)
        -> Bool
    {
        switch (collection, element) {
        case (.null, _):
            return false
        case (.list(let items), _):
            for item in items where (try? equal(item, element, op: .equal, at: offset)) == true {
                return true
            }
            return false
        case (.string(let text), .string(let part)):
            return part.isEmpty || text.contains(part)
        default:
            throw RuleEvaluationError(
                offset: offset,
                message:
                    "'in' needs a list or text on its right and matching values on its left, got \(element.kindName) in \(collection.kindName)"
            )
        }
    }

    private static func mismatch(_ op: String, _ left: RuleValue, _ right: RuleValue, at offset: Int)
        -> RuleEvaluationError
    {
        let detail: String
        switch (left, right) {
        case (.string, .number), (.number, .string): detail = "; the text does not read as a number"
        case (.string, .date), (.date, .string): detail = "; the text does not read as a date"
        default: detail = ""
        }
        return RuleEvaluationError(
            offset: offset, message: "'\(op)' cannot compare \(left.kindName) with \(right.kindName)\(detail)"
        )
    }
}
