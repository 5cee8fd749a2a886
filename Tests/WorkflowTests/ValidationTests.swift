import Foundation
import Testing

@testable import JapaneseCalendar
@testable import Workflow

@Suite("Field checks")
struct ValidationTests {
    private let today = CalendarDate(checkedYear: 2025, month: 4, day: 1)

    @Test func regexMatchesTheWholeValue() throws {
        let check = try FieldCheck.compile(.regex("[0-9]{3}"))
        #expect(check.validate("123") == nil)
        #expect(check.validate("1234")?.code == "format")
        #expect(check.validate("a123")?.code == "format")
        let alternatives = try FieldCheck.compile(.regex("a|ab"))
        #expect(alternatives.validate("ab") == nil)
        let kanji = try FieldCheck.compile(.regex("(?i)[一-龯]+市|abc"))
        #expect(kanji.validate("相模原市") == nil)
        #expect(kanji.validate("ABC") == nil)
    }

    @Test func regexCompileErrorsAreReported() {
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.regex("[0-9")) }
        #expect(FieldCheck.regex("(").validate("x")?.code == "invalid_pattern")
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.regex("a)(b")) }
    }

    @Test func bothEndsOfParametersAreChecked() {
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.length(min: 5, max: 2)) }
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.length(min: -1, max: nil)) }
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.numberRange(min: 10, max: 1)) }
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.oneOf([])) }
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.digits(count: 0)) }
        let late = DateBound.date(CalendarDate(checkedYear: 2025, month: 1, day: 1))
        let early = DateBound.date(CalendarDate(checkedYear: 2024, month: 1, day: 1))
        #expect(throws: FieldCheckError.self) { try FieldCheck.compile(.dateRange(min: late, max: early)) }
        #expect(throws: Never.self) { try FieldCheck.compile(.dateRange(min: .today, max: early)) }
    }

    @Test(
        "length counts characters, not bytes",
        arguments: [("山田花子", nil), ("山", "length"), ("山田花子太郎", "length"), ("ab", nil)] as [(String, String?)])
    func length(value: String, code: String?) {
        #expect(FieldCheck.length(min: 2, max: 4).validate(value)?.code == code)
    }

    @Test func oneOfComparesNormalisedText() {
        let check = FieldCheck.oneOf(["住民票", "戸籍謄本", "印鑑登録証明書"])
        #expect(check.validate("住民票") == nil)
        #expect(check.validate("戸籍 謄本") == nil)
        #expect(check.validate("住民票の写し")?.code == "not_in_list")
        #expect(check.validate("住民票の写し")?.message == "must be one of: 住民票, 戸籍謄本, 印鑑登録証明書")
    }

    @Test(
        "number_range",
        arguments: [
            ("3", nil), ("1", nil), ("10", nil), ("0", "range"), ("11", "range"), ("１０", nil), ("2.5", nil),
            ("abc", "format"), ("1,0", "format"),
        ] as [(String, String?)])
    func numberRange(value: String, code: String?) {
        #expect(FieldCheck.numberRange(min: 1, max: 10).validate(value)?.code == code)
    }

    @Test(
        "date_range with today",
        arguments: [
            ("令和7年4月1日", nil), ("2025-03-31", nil), ("2025-04-02", "range"),
            ("平成31年5月1日", "era_out_of_range"),
            ("2025年2月30日", "impossible_date"), ("きのう", "format"), ("1899-12-31", "range"),
        ] as [(String, String?)])
    func dateRange(value: String, code: String?) {
        let check = FieldCheck.dateRange(min: DateBound("1900-01-01"), max: .today)
        #expect(check.validate(value, today: today)?.code == code)
    }

    @Test func dateBoundsReadTodayAndDates() {
        #expect(DateBound("today") == .today)
        #expect(DateBound(" Today ") == .today)
        #expect(DateBound("令和元年5月1日") == .date(CalendarDate(checkedYear: 2019, month: 5, day: 1)))
        #expect(DateBound("yesterday") == nil)
        #expect(DateBound.today.resolve(today: today) == today)
    }

    @Test(
        "katakana_only",
        arguments: [
            ("ヤマダ ハナコ", nil), ("スズキ・イチロー", nil), ("ヤマダ\u{3000}ハナコ", nil), ("ｶﾀｶﾅ", nil), ("ヴァ", nil),
            ("やまだ", "not_katakana"), ("山田", "not_katakana"), ("ヤマダ1", "not_katakana"),
            ("YAMADA", "not_katakana"),
        ] as [(String, String?)])
    func katakanaOnly(value: String, code: String?) {
        #expect(FieldCheck.katakanaOnly.validate(value)?.code == code)
    }

    @Test(
        "digits(count:)",
        arguments: [
            ("1234567", nil), ("１２３４５６７", nil), ("123 4567", nil), ("123456", "length"),
            ("12345A7", "format"),
            ("O123456", nil),
        ] as [(String, String?)])
    func digits(value: String, code: String?) {
        #expect(FieldCheck.digits(count: 7).validate(value)?.code == code)
    }

    @Test("empty values pass every check", arguments: FieldCheckSamples.all)
    func emptyPasses(check: FieldCheck) {
        #expect(check.validate("", today: today) == nil)
    }

    @Test func namedChecks() {
        #expect(FieldCheck.named("my_number") == .myNumber)
        #expect(FieldCheck.named("corporate_number") == .corporateNumber)
        #expect(FieldCheck.named("postal_code") == .postalCode)
        #expect(FieldCheck.named("phone") == .phone)
        #expect(FieldCheck.named("katakana_only") == .katakanaOnly)
        #expect(FieldCheck.named("regex") == nil)
        #expect(FieldCheck.names.contains("date_range"))
    }

    @Test("failure messages never contain the value", arguments: FieldCheckSamples.failing)
    func privacy(check: FieldCheck, value: String) {
        guard let failure = check.validate(value, today: today) else {
            Issue.record("expected a failure")
            return
        }
        #expect(!failure.message.contains(value))
        #expect(!failure.description.contains(value))
    }

    @Test func compiledChecksAreSendable() async throws {
        let check = try FieldCheck.compile(.regex("[0-9]+"))
        let results = await withTaskGroup(of: Bool.self) { group in
            for value in ["1", "22", "x"] { group.addTask { check.validate(value) == nil } }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(results == 2)
    }
}

/// Checks and failing values shared by the parameterised tests above.
enum FieldCheckSamples {
    static let all: [FieldCheck] = [
        .regex("x"), .length(min: 3, max: 5), .oneOf(["a"]), .numberRange(min: 1, max: 2),
        .dateRange(min: .today, max: nil), .myNumber, .corporateNumber, .postalCode, .phone, .katakanaOnly,
        .digits(count: 4),
    ]

    static let failing: [(FieldCheck, String)] = [
        (.regex("[0-9]+"), "山田花子"), (.length(min: 1, max: 3), "相模原市中央区"), (.oneOf(["住民票"]), "戸籍謄本"),
        (.numberRange(min: 1, max: 10), "3850000"), (.numberRange(min: 1, max: 10), "三百"),
        (.dateRange(min: nil, max: .today), "2030-01-01"), (.dateRange(min: nil, max: nil), "平成31年5月1日"),
        (.myNumber, "123456789019"), (.myNumber, "1234567890"), (.corporateNumber, "8000012050002"),
        (.postalCode, "252-527"), (.phone, "042-754-111"), (.katakanaOnly, "やまだはなこ"),
        (.digits(count: 3), "1234"),
    ]
}
