import Foundation
import Testing

@testable import JapaneseCalendar
@testable import Workflow

@Suite("Rules: syntax")
struct RuleSyntaxTests {
    private func syntaxError(_ source: String) -> RuleSyntaxError? {
        do {
            _ = try RuleExpression.parse(source)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "errors with offsets",
        arguments: [
            ("請求日 <= ", 7, "expected a value after '<='"),
            ("", 0, "the rule is empty"),
            (
                "通数 > 3 3", 7,
                "unexpected a number after a complete expression; expected 'and', 'or' or an operator"
            ),
            ("通数 = 3", 3, "use '==' to compare; a single '=' is not allowed"),
            ("a & b", 2, "use 'and' (or '&&'); a single '&' is not allowed"),
            ("a | b", 2, "use 'or' (or '||'); a single '|' is not allowed"),
            ("(通数 > 3", 7, "expected ')' to close the '(' at column 1, found the end of the rule"),
            ("[1, 2", 5, "expected ']' to close the '[' at column 1, found the end of the rule"),
            ("本人 == '代理人", 6, "the text starting here is not closed; add a closing '"),
            ("1 < 2 < 3", 6, "comparisons cannot be chained; join them with 'and'"),
            (
                "eval(x)", 0,
                "unknown function 'eval'; the functions are count, len, empty, years_between, days_between, date, today"
            ),
            ("count(a, b) > 1", 0, "count() takes 1 argument, given 2"),
            ("years_between(a) > 1", 0, "years_between() takes 2 arguments, given 1"),
            ("a == 2024-02-30", 5, "this date does not exist"),
            ("a == 2024-2-30", 5, "this date does not exist"), ("通数 # 3", 3, "unexpected character '#'"),
            ("1通数 == 3", 1, "a number cannot run into a name; field names cannot start with a digit"),
            ("a and", 5, "expected a value after 'and'"), ("not", 3, "expected a value after 'not'"),
            ("a == )", 5, "expected a value after '==', found ')'"),
            ("`通数 == 3", 0, "the field name starting here is not closed; add a '`'"),
            ("`` == 3", 0, "empty field name between '`'"),
            ("a in b in c", 7, "'in' cannot follow a comparison; add parentheses"),
            (
                "f(1)", 0,
                "unknown function 'f'; the functions are count, len, empty, years_between, days_between, date, today"
            ),
            ("today(1)", 0, "today() takes 0 arguments, given 1"),
        ])
    func errors(source: String, offset: Int, message: String) {
        let error = syntaxError(source)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test func lengthIsBounded() {
        let long = String(repeating: "a or ", count: 400) + "a"
        #expect(long.count > RuleParser.maximumLength)
        #expect(syntaxError(long)?.offset == RuleParser.maximumLength)
        let justUnder = String(repeating: "a or ", count: 399) + "a"
        #expect(syntaxError(justUnder) == nil)
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "(", count: 65) + "true" + String(repeating: ")", count: 65)
        #expect(syntaxError(deep)?.message.contains("nests deeper than 64") == true)
        let fine = String(repeating: "(", count: 60) + "true" + String(repeating: ")", count: 60)
        #expect(syntaxError(fine) == nil)
        #expect(
            syntaxError(String(repeating: "not ", count: 100) + "true")?.message.contains("nests deeper")
                == true)
        #expect(
            syntaxError(String(repeating: "-", count: 100) + "1 < 0")?.message.contains("nests deeper")
                == true)
        #expect(syntaxError(String(repeating: "[", count: 100))?.message.contains("nests deeper") == true)
    }

    @Test func longFlatChainsEvaluateWithoutDeepRecursion() throws {
        let sum = (1...300).map { _ in "1" }.joined(separator: " + ") + " == 300"
        #expect(
            try RuleExpression.parse(sum).evaluate(
                [:], today: CalendarDate(checkedYear: 2025, month: 1, day: 1)))
    }

    @Test(
        "accepted spellings",
        arguments: [
            "a && b || !c", "a and b or not c", "x ＝＝ 'y'", "（通数 ＞ ３）", "x == \"it's\"", "x == 'it\\'s'",
            "x ≥ 1",
            "x≦1", "_private == 1", "氏名2 == 'x'", "x\u{3000}==\u{3000}1", "x == ‘y’", "a not in ['b']",
            "date(\"R7.4.1\") < today",
        ])
    func accepted(source: String) {
        #expect(syntaxError(source) == nil)
    }

    @Test func precedence() throws {
        let today = CalendarDate(checkedYear: 2025, month: 1, day: 1)
        let cases: [(String, Bool)] = [
            ("1 + 2 * 3 == 7", true), ("(1 + 2) * 3 == 9", true), ("10 - 2 - 3 == 5", true),
            ("12 / 2 / 3 == 2", true),
            ("true or false and false", true), ("not false and false", false), ("not 1 > 2", true),
            ("- 2 * 3 == -6", true),
            ("1 - -1 == 2", true),
        ]
        for (source, expected) in cases {
            #expect(try RuleExpression.parse(source).evaluate([:], today: today) == expected, "\(source)")
        }
    }

    @Test func escapedQuotes() throws {
        let today = CalendarDate(checkedYear: 2025, month: 1, day: 1)
        #expect(try RuleExpression.parse("x == 'it\\'s'").evaluate(["x": "it's"], today: today))
        #expect(try RuleExpression.parse("x == 'a\\\\b'").evaluate(["x": "a\\b"], today: today))
    }

    @Test func descriptionsUseOneBasedColumns() {
        #expect(RuleSyntaxError(offset: 4, message: "m").description == "column 5: m")
    }
}
