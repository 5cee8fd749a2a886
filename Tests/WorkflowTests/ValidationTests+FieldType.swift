import Foundation
import Testing

@testable import Workflow

@Suite("Field types")
struct FieldTypeTests {
    @Test("empty input is empty for every type", arguments: FieldType.allCases)
    func empty(type: FieldType) {
        #expect(type.normalize("") == .success(""))
        #expect(type.normalize(" \u{3000}\n") == .success(""))
    }

    @Test func rawValuesAreTheYAMLNames() {
        #expect(
            FieldType.allCases.map(\.rawValue) == [
                "text", "address", "date", "katakana", "digits", "number", "my_number", "corporate_number",
                "postal_code", "phone",
                "choice", "checkbox", "qr",
            ])
        #expect(FieldType.myNumber.isSensitive)
        #expect(!FieldType.text.isSensitive)
    }

    @Test(
        "text",
        arguments: [
            ("山田 花子", "山田花子"), ("山田\u{3000}花子", "山田花子"), ("　相模原市 中央区 中央２丁目１１番１５号 ", "相模原市中央区中央2丁目11番15号"),
            ("Hanako  Yamada", "Hanako Yamada"), ("⾏政", "行政"),
        ])
    func text(raw: String, expected: String) {
        #expect(FieldType.text.normalize(raw) == .success(expected))
        #expect(FieldType.choice.normalize(raw) == .success(expected))
    }

    @Test(
        "date",
        arguments: [("令和７年４月１日", "2025-04-01"), ("R7.4.1", "2025-04-01"), ("平成3 1年4月30日", "2019-04-30")])
    func date(raw: String, expected: String) {
        #expect(FieldType.date.normalize(raw) == .success(expected))
    }

    @Test func dateFailuresCarryTheirCode() {
        #expect(FieldType.date.normalize("平成31年5月1日").failure?.code == "era_out_of_range")
        #expect(FieldType.date.normalize("令和7年2月30日").failure?.code == "impossible_date")
        #expect(FieldType.date.normalize("そのうち").failure?.code == "format")
    }

    @Test(
        "katakana",
        arguments: [
            ("ヤマダ ハナコ", "ヤマダハナコ"), ("やまだ　はなこ", "ヤマダハナコ"), ("スズキ・イチロー", "スズキ・イチロー"),
            ("スズキ イチロ一", "スズキイチロー"), ("コーヒー", "コーヒー"), ("コ－ヒ-", "コーヒー"), ("ｽｽﾞｷ ｲﾁﾛｰ", "スズキイチロー"),
        ])
    func katakana(raw: String, expected: String) {
        #expect(FieldType.katakana.normalize(raw) == .success(expected))
    }

    @Test("not katakana", arguments: ["山田", "ヤマダ1", "一ヤマダ", "Yamada"])
    func notKatakana(raw: String) {
        #expect(FieldType.katakana.normalize(raw).failure?.code == "not_katakana")
    }

    @Test func digits() {
        #expect(FieldType.digits.normalize("００１２３") == .success("00123"))
        #expect(FieldType.digits.normalize("O0l2 3-4") == .success("001234"))
        #expect(FieldType.digits.normalize("12a").failure?.code == "format")
    }

    @Test(
        "number",
        arguments: [
            ("3,850,000", "3850000"), ("¥12,345", "12345"), ("\\12,345", "12345"), ("￥１２，３４５", "12345"),
            ("12,345円", "12345"), ("金12,345円也", "12345"), ("¥12,345-", "12345"), ("3.850.000", "3850000"),
            ("1,234.5", "1234.5"), ("1.234,5", "1234.5"), ("12.5", "12.5"), ("0.125", "0.125"), ("007", "7"),
            ("-300", "-300"), ("△300", "-300"), ("-0", "0"), ("3 850 000", "3850000"), ("1O0", "100"),
            ("1234.567", "1234.567"),
            ("300", "300"), ("1,234,567.89", "1234567.89"), ("3、850、000", "3850000"),
        ])
    func number(raw: String, expected: String) {
        #expect(FieldType.number.normalize(raw) == .success(expected))
    }

    @Test(
        "numbers that cannot be read without guessing",
        arguments: [
            ("12.345", "ambiguous_number"), ("12,5", "format"), ("1,23,456", "format"), ("1,2345", "format"),
            ("1..5", "format"), (",5", "format"), ("5,", "format"), ("1,234.567.8", "format"),
            ("三百", "format"),
            ("12-345", "format"), ("¥", "format"), ("1.234.5", "format"),
        ])
    func unreadableNumbers(raw: String, code: String) {
        #expect(FieldType.number.normalize(raw).failure?.code == code)
    }

    @Test func checkbox() {
        for mark in ["true", "✓", "レ", "○", "x", "1", "YES"] {
            #expect(FieldType.checkbox.normalize(mark) == .success("true"))
        }
        for mark in ["false", "0", "□", "no"] {
            #expect(FieldType.checkbox.normalize(mark) == .success("false"))
        }
        #expect(FieldType.checkbox.normalize("maybe").failure?.code == "format")
    }

    @Test func identifiers() {
        #expect(FieldType.postalCode.normalize("〒２５２－５２７７") == .success("252-5277"))
        #expect(FieldType.phone.normalize("042一754一1111") == .success("042-754-1111"))
        #expect(FieldType.corporateNumber.normalize("7000012050002") == .success("7000012050002"))
        #expect(FieldType.myNumber.normalize("123456789019").failure?.code == "check_digit")
    }

    @Test func failuresAreCodableForTheReviewQueue() throws {
        let failure = ValidationFailure(code: "check_digit", message: "check digit does not match")
        let data = try JSONEncoder().encode(failure)
        #expect(try JSONDecoder().decode(ValidationFailure.self, from: data) == failure)
        #expect(failure.description == "check_digit: check digit does not match")
    }
}
