/// The parsed form of a rule. Chains (a + b + c, x and y and z) are flat lists so that the tree's
/// depth is the nesting the parser bounded, however long the rule.
indirect enum RuleNode: Sendable {
    case literal(RuleValue)
    case field(String, offset: Int)
    case today
    case list([RuleNode])
    /// Unary minus.
    case negate(RuleNode, offset: Int)
    case not(RuleNode, offset: Int)
    /// and / or over two or more operands, short-circuiting left to right.
    case logical(LogicalOperator, [RuleNode], offsets: [Int])
    /// first, then each step's operator and operand, left to right.
    case arithmetic(RuleNode, [ArithmeticStep])
    case compare(ComparisonOperator, RuleNode, RuleNode, offset: Int)
    /// `element in collection`, or `not in` when negated.
    case membership(RuleNode, RuleNode, negated: Bool, offset: Int)
    case call(RuleFunction, [RuleNode], offset: Int)

    /// Field names the rule reads.
    func collectFieldNames(into names: inout Set<String>) {
        switch self {
        case .field(let name, _): names.insert(name)
        case .literal, .today: break
        case .list(let items), .logical(_, let items, _), .call(_, let items, _):
            for item in items { item.collectFieldNames(into: &names) }
        case .negate(let operand, _), .not(let operand, _): operand.collectFieldNames(into: &names)
        case .arithmetic(let first, let steps):
            first.collectFieldNames(into: &names)
            for step in steps { step.operand.collectFieldNames(into: &names) }
        case .compare(_, let left, let right, _), .membership(let left, let right, _, _):
            left.collectFieldNames(into: &names)
            right.collectFieldNames(into: &names)
        }
    }
}

enum LogicalOperator: String, Sendable {
    case and, or
}

enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

struct ArithmeticStep: Sendable {
    var op: ArithmeticOperator
    var operand: RuleNode
    var offset: Int
}

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// The only functions a rule may call.
enum RuleFunction: String, Sendable, CaseIterable {
    /// count(list): how many boxes of a checkbox group are ticked.
    case count
    /// len(x): characters of a text, items of a list.
    case len
    /// empty(x): true for no value, "" and an empty list.
    case empty
    /// years_between(a, b): whole years from a to b (age on b of someone born on a).
    case yearsBetween = "years_between"
    /// days_between(a, b): days from a to b.
    case daysBetween = "days_between"
    /// date(x): a date from text in any form a date field accepts.
    case date
    /// today(): the run's date (also written without parentheses).
    case today

    var arity: Int {
        switch self {
        case .today: 0
        case .count, .len, .empty, .date: 1
        case .yearsBetween, .daysBetween: 2
        }
    }
}
