/// Recursive-descent parser for the rule language.
///
/// Precedence, lowest first: `or`/`||`, `and`/`&&`, `not`/`!`, comparisons and `in` (not
/// chained), `+ -`, `* /`, unary `-`, then values: literals, fields, calls, `( … )`, `[ … ]`.
struct RuleParser {
    /// Longest rule accepted, in characters.
    static let maximumLength = 2_000
    /// Deepest nesting of parentheses, lists, calls and prefix operators.
    static let maximumDepth = 64

    private let tokens: [RuleToken]
    private var index = 0
    private var depth = 0

    init(tokens: [RuleToken]) {
        self.tokens = tokens
    }

    private var current: RuleToken { tokens[min(index, tokens.count - 1)] }
    private var previous: RuleToken? { index > 0 ? tokens[index - 1] : nil }

    private mutating func advance() -> RuleToken {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// The whole rule; anything left over is an error.
    mutating func parseRule() throws(RuleSyntaxError) -> RuleNode {
        if current.kind == .end { throw RuleSyntaxError(offset: 0, message: "the rule is empty") }
        let node = try expression()
        if current.kind != .end {
            throw RuleSyntaxError(
                offset: current.offset,
                message:
                    "unexpected \(current.display) after a complete expression; expected 'and', 'or' or an operator"
            )
        }
        return node
    }

    private mutating func nested<T>(_ parse: (inout RuleParser) throws(RuleSyntaxError) -> T)
        throws(RuleSyntaxError) -> T
    {
        depth += 1
        defer { depth -= 1 }
        if depth > RuleParser.maximumDepth {
            throw RuleSyntaxError(
                offset: current.offset,
                message:
                    "the rule nests deeper than \(RuleParser.maximumDepth) levels; split it into several rules"
            )
        }
        return try parse(&self)
    }

    private mutating func expression() throws(RuleSyntaxError) -> RuleNode {
        try logical(.or, symbol: "||") { (parser: inout RuleParser) throws(RuleSyntaxError) in
            try parser.logical(.and, symbol: "&&") { (parser: inout RuleParser) throws(RuleSyntaxError) in
                try parser.negation()
            }
        }
    }

    private mutating func logical(
        _ op: LogicalOperator, symbol: String, operand: (inout RuleParser) throws(RuleSyntaxError) -> RuleNode
    ) throws(RuleSyntaxError) -> RuleNode {
        var operands = [try operand(&self)]
        var offsets: [Int] = []
        while current.isKeyword(op.rawValue) || current.isSymbol(symbol) {
            offsets.append(advance().offset)
            operands.append(try operand(&self))
        }
        return operands.count == 1 ? operands[0] : .logical(op, operands, offsets: offsets)
    }

    private mutating func negation() throws(RuleSyntaxError) -> RuleNode {
        guard current.isKeyword("not") || current.isSymbol("!") else { return try comparison() }
        let offset = advance().offset
        return .not(
            try nested { (parser: inout RuleParser) throws(RuleSyntaxError) in try parser.negation() },
            offset: offset)
    }

    private mutating func comparison() throws(RuleSyntaxError) -> RuleNode {
        let left = try additive()
        let operatorToken = current
        let node: RuleNode
        if case .symbol(let symbol) = operatorToken.kind, let op = ComparisonOperator(rawValue: symbol) {
            _ = advance()
            node = .compare(op, left, try additive(), offset: operatorToken.offset)
        } else if operatorToken.isKeyword("in") {
            _ = advance()
            node = .membership(left, try additive(), negated: false, offset: operatorToken.offset)
        } else if operatorToken.isKeyword("not"), index + 1 < tokens.count, tokens[index + 1].isKeyword("in")
        {
            _ = advance()
            _ = advance()
            node = .membership(left, try additive(), negated: true, offset: operatorToken.offset)
        } else {
            return left
        }
        if case .symbol(let symbol) = current.kind, ComparisonOperator(rawValue: symbol) != nil {
            throw RuleSyntaxError(
                offset: current.offset, message: "comparisons cannot be chained; join them with 'and'")
        }
        if current.isKeyword("in") {
            throw RuleSyntaxError(
                offset: current.offset, message: "'in' cannot follow a comparison; add parentheses")
        }
        return node
    }

    private mutating func additive() throws(RuleSyntaxError) -> RuleNode {
        try chain([.add, .subtract]) { (parser: inout RuleParser) throws(RuleSyntaxError) in
            try parser.chain([.multiply, .divide]) { (parser: inout RuleParser) throws(RuleSyntaxError) in
                try parser.unary()
            }
        }
    }

    private mutating func chain(
        _ operators: [ArithmeticOperator], operand: (inout RuleParser) throws(RuleSyntaxError) -> RuleNode
    ) throws(RuleSyntaxError) -> RuleNode {
        let first = try operand(&self)
        var steps: [ArithmeticStep] = []
        while case .symbol(let symbol) = current.kind, let op = ArithmeticOperator(rawValue: symbol),
            operators.contains(op)
        {
            let offset = advance().offset
            steps.append(ArithmeticStep(op: op, operand: try operand(&self), offset: offset))
        }
        return steps.isEmpty ? first : .arithmetic(first, steps)
    }

    private mutating func unary() throws(RuleSyntaxError) -> RuleNode {
        guard current.isSymbol("-") else { return try primary() }
        let offset = advance().offset
        return .negate(
            try nested { (parser: inout RuleParser) throws(RuleSyntaxError) in try parser.unary() },
            offset: offset)
    }

    private mutating func primary() throws(RuleSyntaxError) -> RuleNode {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return .literal(.number(value))
        case .string(let text):
            _ = advance()
            return .literal(.string(text))
        case .date(let date):
            _ = advance()
            return .literal(.date(date))
        case .keyword("true"), .keyword("false"):
            _ = advance()
            return .literal(.bool(token.isKeyword("true")))
        case .keyword("null"):
            _ = advance()
            return .literal(.null)
        case .keyword("today"):
            _ = advance()
            if current.isSymbol("(") { _ = try arguments(for: .today, at: token.offset) }
            return .today
        case .identifier(let name):
            _ = advance()
            guard current.isSymbol("(") else { return .field(name, offset: token.offset) }
            guard let function = RuleFunction(rawValue: name) else {
                let names = RuleFunction.allCases.map(\.rawValue).joined(separator: ", ")
                throw RuleSyntaxError(
                    offset: token.offset, message: "unknown function '\(name)'; the functions are \(names)")
            }
            return .call(function, try arguments(for: function, at: token.offset), offset: token.offset)
        case .symbol("("):
            _ = advance()
            let inner = try nested { (parser: inout RuleParser) throws(RuleSyntaxError) in
                try parser.expression()
            }
            try expectClosing(")", opener: token)
            return inner
        case .symbol("["):
            _ = advance()
            let items = try nested { (parser: inout RuleParser) throws(RuleSyntaxError) in
                try parser.items(until: "]")
            }
            try expectClosing("]", opener: token)
            return .list(items)
        default:
            let context = previous.map { " after \($0.display)" } ?? ""
            let found = token.kind == .end ? "" : ", found \(token.display)"
            throw RuleSyntaxError(offset: token.offset, message: "expected a value\(context)\(found)")
        }
    }

    /// `( a, b )` after a function name, with the count of arguments checked.
    private mutating func arguments(for function: RuleFunction, at offset: Int) throws(RuleSyntaxError)
        -> [RuleNode]
    {
        let opener = advance()
        let arguments = try nested { (parser: inout RuleParser) throws(RuleSyntaxError) in
            try parser.items(until: ")")
        }
        try expectClosing(")", opener: opener)
        if arguments.count != function.arity {
            let plural = function.arity == 1 ? "argument" : "arguments"
            throw RuleSyntaxError(
                offset: offset,
                message: "\(function.rawValue)() takes \(function.arity) \(plural), given \(arguments.count)")
        }
        return arguments
    }

    /// Comma-separated expressions up to (not including) `closer`.
    private mutating func items(until closer: String) throws(RuleSyntaxError) -> [RuleNode] {
        var items: [RuleNode] = []
        if current.isSymbol(closer) { return items }
        items.append(try expression())
        while current.isSymbol(",") {
            _ = advance()
            items.append(try expression())
        }
        return items
    }

    private mutating func expectClosing(_ closer: String, opener: RuleToken) throws(RuleSyntaxError) {
        guard current.isSymbol(closer) else {
            throw RuleSyntaxError(
                offset: current.offset,
                message:
                    "expected '\(closer)' to close the \(opener.display) at column \(opener.offset + 1), found \(current.display)"
            )
        }
        _ = advance()
    }
}
