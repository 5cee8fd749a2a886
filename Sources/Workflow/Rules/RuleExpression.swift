import JapaneseCalendar

/// A cross-field rule from a workflow file, such as `手数料 == 通数 * 300` or
/// `生年月日 < 請求日 and not (通数 > 10)`, parsed once and evaluated per document.
///
/// The language is deliberately small and safe: comparisons, `and`/`or`/`not`, arithmetic, `in`,
/// literals (numbers, 'text', "text", 2024-04-01, true, false, null, today, [lists]) and a fixed
/// list of functions (count, len, empty, years_between, days_between, date, today). There are no
/// loops, assignments or ways to reach anything outside the values given. Length and nesting are
/// bounded. Field names are words of letters (kanji and kana included), digits and `_` not starting
/// with a digit, or any text between backquotes (`氏名 (漢字)`). Full-width operators, digits and
/// letters are read as their ASCII forms (inside quoted text too, matching NFKC-normalised values).
public struct RuleExpression: Sendable {
    /// The rule as written.
    public let source: String
    /// Every field the rule reads, so a workflow check can report unknown names.
    public let fieldNames: Set<String>
    private let root: RuleNode

    /// Parses a rule, or reports where and why it does not parse.
    public static func parse(_ source: String) throws(RuleSyntaxError) -> RuleExpression {
        if source.count > RuleParser.maximumLength {
            throw RuleSyntaxError(
                offset: RuleParser.maximumLength,
                message:
                    "the rule is longer than \(RuleParser.maximumLength) characters; split it into several rules"
            )
        }
        var lexer = RuleLexer(source)
        var parser = RuleParser(tokens: try lexer.tokens())
        let root = try parser.parseRule()
        var names = Set<String>()
        root.collectFieldNames(into: &names)
        return RuleExpression(source: source, fieldNames: names, root: root)
    }

    private init(source: String, fieldNames: Set<String>, root: RuleNode) {
        self.source = source
        self.fieldNames = fieldNames
        self.root = root
    }

    /// Whether the document satisfies the rule.
    ///
    /// Throws when the rule cannot be decided for these values (a field missing from `values`,
    /// incompatible kinds such as a date compared with a number, text that does not read as the
    /// number or date it is compared with, division by zero, a result that is not true/false);
    /// the caller sends the document to review with the error's message.
    public func evaluate(_ values: [String: RuleValue], today: CalendarDate) throws(RuleEvaluationError)
        -> Bool
    {
        let evaluator = RuleEvaluator(values: values, today: today)
        let result = try evaluator.evaluate(root)
        guard case .bool(let truth) = result else {
            throw RuleEvaluationError(
                offset: 0, message: "the rule gives \(result.kindName), not true or false")
        }
        return truth
    }
}
