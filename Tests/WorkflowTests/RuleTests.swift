import Foundation
import Testing

@testable import JapaneseCalendar
@testable import Workflow

@Suite("Rules: evaluation")
struct RuleTests {
    private let today = CalendarDate(checkedYear: 2025, month: 4, day: 1)

    private let form: [String: RuleValue] = [
        "請求日": .date(CalendarDate(checkedYear: 2025, month: 3, day: 31)),
        "生年月日": .date(CalendarDate(checkedYear: 1990, month: 4, day: 2)),
        "通数": 3,
        "手数料": 900,
        "個人番号": "",
        "本人との関係": "代理人",
        "交付種別": ["住民票", "戸籍謄本"],
        "住所": "相模原市中央区中央2丁目11番15号",
        "郵送希望": true,
        "備考": .null,
        "受付日文字": "令和7年3月1日",
        "金額文字": "1,200",
    ]

    private func check(_ source: String, _ values: [String: RuleValue]? = nil) throws -> Bool {
        try RuleExpression.parse(source).evaluate(values ?? form, today: today)
    }

    @Test(
        "rules that hold",
        arguments: [
            "請求日 <= today", "手数料 == 通数 * 300", "生年月日 < 請求日 and not (通数 > 10)",
            "個人番号 != '' or 本人との関係 == '代理人'", "'住民票' in 交付種別", "count(交付種別) >= 1",
            "years_between(生年月日, 請求日) == 34", "years_between(生年月日, today) >= 18", "請求日 == 2025-03-31",
            "請求日 == 2025-3-31", "2025-3-31 - 1 == 2025-03-30",
            "請求日 == date('令和7年3月31日')", "請求日 == '2025-03-31'", "請求日 > '平成31年4月30日'",
            "受付日文字 < 請求日", "金額文字 == 1200", "金額文字 + 0 > 1000", "通数 == '3'", "郵送希望",
            "郵送希望 == true && !(通数 < 1) || false", "empty(個人番号) and empty(備考)", "備考 == null", "個人番号 == null",
            "len(住所) == 18", "'相模原市' in 住所", "'住民票' not in []", "'印鑑' not in 交付種別",
            "today - 請求日 == 1", "請求日 + 1 == today", "days_between(請求日, today) == 1", "today() == today",
            "-通数 < 0", "通数 / 2 == 1.5", "0.1 + 0.2 == 0.3", "(通数 - 1) * 2 == 4", "交付種別 == ['住民票', '戸籍謄本']",
            "`通数` == 3", "通数 ＜＝ ３", "通数 ≤ 3 and 通数 ≠ 4", "\"代理人\" == 本人との関係", "null == ''",
            "count(備考) == 0", "len(交付種別) == 2", "empty([])", "1 in [1, 2]", "'3' in [3]",
        ])
    func holds(source: String) throws {
        #expect(try check(source))
    }

    @Test(
        "rules that fail",
        arguments: [
            "請求日 > today", "手数料 == 通数 * 200", "個人番号 != '' and 本人との関係 == '本人'", "'印鑑' in 交付種別",
            "not 郵送希望", "count(交付種別) > 2", "備考 != null", "false or false", "通数 in [1, 2]",
        ])
    func fails(source: String) throws {
        #expect(try !check(source))
    }

    @Test func shortCircuitSkipsTheErroringSide() throws {
        #expect(try check("empty(備考) or 備考 > 3"))
        #expect(try !check("not empty(備考) and 備考 > 3"))
    }

    @Test(
        "evaluation errors name kinds, not values",
        arguments: [
            ("請求日 < 3", "'<' cannot compare a date with a number"),
            ("住所 < 3", "'<' cannot compare text with a number; the text does not read as a number"),
            ("請求日 == 住所", "'==' cannot compare a date with text; the text does not read as a date"),
            ("備考 > 3", "'>' has a side with no value; test it with empty(…) first"),
            ("通数 / 0 == 1", "division by zero"), ("未知 == 1", "no value was given for field '未知'"),
            ("通数 and true", "'and' needs true or false, got a number"),
            ("通数 + 1", "the rule gives a number, not true or false"),
            ("count(住所) == 1", "count() counts the ticked boxes of a checkbox group (a list), got text"),
            (
                "years_between(住所, today) > 1",
                "years_between() needs dates, got text that does not read as a date"
            ),
            ("請求日 + 0.5 == today", "a date moves by a whole number of days within years 1–9999"),
            ("住所 * 2 == 1", "'*' cannot combine text with a number"),
            (
                "通数 in 郵送希望",
                "'in' needs a list or text on its right and matching values on its left, got a number in true/false"
            ),
            ("住所 < '東京'", "'<' compares numbers or dates, and these texts read as neither"),
            ("郵送希望 == 1", "'==' cannot compare true/false with a number"), ("-住所 < 1", "'-' needs a number"),
            ("len(通数) == 1", "len() needs text or a list, got a number"),
            ("通数 == 'three'", "'==' cannot compare a number with text; the text does not read as a number"),
        ])
    func evaluationErrors(source: String, message: String) throws {
        let expression = try RuleExpression.parse(source)
        #expect(throws: RuleEvaluationError.self) { try expression.evaluate(form, today: today) }
        do {
            _ = try expression.evaluate(form, today: today)
        } catch {
            #expect(error.message == message)
            for value in ["相模原市", "代理人", "2025-03-31", "住民票"] { #expect(!error.message.contains(value)) }
        }
    }

    @Test func errorOffsetsPointAtTheOperator() throws {
        let expression = try RuleExpression.parse("通数 == 3 and 請求日 < 3")
        do {
            _ = try expression.evaluate(form, today: today)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 16)
        }
    }

    @Test func fieldNamesAreCollected() throws {
        let expression = try RuleExpression.parse(
            "手数料 == 通数 * 300 and count(交付種別) > 0 or `氏名 (漢字)` != '' and today > 請求日")
        #expect(expression.fieldNames == ["手数料", "通数", "交付種別", "氏名 (漢字)", "請求日"])
        #expect(try RuleExpression.parse("1 == 1").fieldNames.isEmpty)
    }

    @Test func valuesFromNormalisedFields() {
        #expect(RuleValue(normalized: "", type: .text) == .null)
        #expect(RuleValue(normalized: "2025-04-01", type: .date) == .date(today))
        #expect(RuleValue(normalized: "3850000", type: .number) == .number(3_850_000))
        #expect(RuleValue(normalized: "12.5", type: .number) == .number(Decimal(string: "12.5") ?? 0))
        #expect(RuleValue(normalized: "true", type: .checkbox) == .bool(true))
        #expect(RuleValue(normalized: "252-5277", type: .postalCode) == .string("252-5277"))
        #expect(RuleValue(normalized: "住民票", type: .choice) == "住民票")
    }

    @Test func expressionsAreSendable() async throws {
        let expression = try RuleExpression.parse("通数 * 300 == 手数料")
        let form = self.form
        let today = self.today
        let result = await Task.detached { try? expression.evaluate(form, today: today) }.value
        #expect(result == true)
    }
}
