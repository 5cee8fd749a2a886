import Foundation
import Testing

@testable import Workflow

@Suite("Transforms")
struct TransformTests {
    @Test(
        "nfkc folds full-width, radicals, era ligatures and half-width kana",
        arguments: [
            ("０４２－７５４", "042-754"), ("ＡＢＣ", "ABC"), ("⾏政", "行政"), ("㍻31年", "平成31年"),
            ("ｶﾀｶﾅ", "カタカナ"), ("①", "1"), ("山田\u{3000}花子", "山田 花子"),
        ])
    func nfkc(input: String, expected: String) {
        #expect(Transform.nfkc.apply(input) == expected)
    }

    @Test(
        "collapse_spaces joins CJK and keeps Latin word spaces",
        arguments: [
            ("山田 花子", "山田花子"), ("山田\u{3000}花子", "山田花子"), ("相模原市 中央区", "相模原市中央区"),
            ("相 模 原 市", "相模原市"), ("Hanako Yamada", "Hanako Yamada"), ("Hanako   \t Yamada", "Hanako Yamada"),
            ("ヤマダ ハナコ", "ヤマダハナコ"), ("中央 1 丁目", "中央 1 丁目"), ("山田 Hanako", "山田 Hanako"),
            ("  山田  ", " 山田 "), ("住民票 、 戸籍", "住民票、戸籍"), ("", ""),
        ])
    func collapseSpaces(input: String, expected: String) {
        #expect(Transform.collapseSpaces.apply(input) == expected)
    }

    @Test func trimAndRemoveSpaces() {
        #expect(Transform.trim.apply("\u{3000} 山田 花子 \n") == "山田 花子")
        #expect(Transform.removeSpaces.apply(" 2 5 2\u{3000}5277\t") == "2525277")
    }

    @Test(
        "digits_only maps look-alikes and drops the rest",
        arguments: [
            ("１２３", "123"), ("O12", "012"), ("〇三", "0"), ("l2I|", "1211"), ("042一754一1111", "0427541111"),
            ("¥12,345", "12345"), ("abc", ""), ("①②", "12"),
        ])
    func digitsOnly(input: String, expected: String) {
        #expect(Transform.digitsOnly.apply(input) == expected)
    }

    @Test(
        "kanji_numerals",
        arguments: [
            ("二千二十四", "2024"), ("十五", "15"), ("三", "3"), ("二〇二四", "2024"), ("十", "10"),
            ("百二", "102"), ("千九百八十九", "1989"), ("三万五千", "35000"), ("一億二千万", "120000000"),
            ("令和七年四月一日", "令和7年4月1日"), ("三十一日", "31日"), ("万", "万"), ("住民票 弐通", "住民票 2通"),
            ("元年", "元年"), ("九千九百九十九兆九千九百九十九億", "9999999900000000"),
        ])
    func kanjiNumerals(input: String, expected: String) {
        #expect(Transform.kanjiNumerals.apply(input) == expected)
    }

    @Test func kanjiNumeralsThatOverflowStayAsWritten() {
        let huge = String(repeating: "九千兆", count: 1100)
        #expect(Transform.kanjiNumerals.apply(huge) == huge)
        let longDigits = String(repeating: "九", count: 30) + "十"
        #expect(Transform.kanjiNumerals.apply(longDigits) == longDigits)
    }

    @Test func kanaConversion() {
        #expect(Transform.katakana.apply("やまだ はなこ") == "ヤマダ ハナコ")
        #expect(Transform.katakana.apply("ゔぁゝ") == "ヴァヽ")
        #expect(Transform.katakana.apply("ヤマダ 山田 abc") == "ヤマダ 山田 abc")
        #expect(Transform.hiragana.apply("スズキ・イチロー") == "すずき・いちろー")
        #expect(Transform.hiragana.apply("ヷ") == "ヷ")
    }

    @Test func caseMapping() {
        #expect(Transform.uppercase.apply("abc ｄｅ") == "ABC ＤＥ")
        #expect(Transform.lowercase.apply("ABC") == "abc")
    }

    @Test func replaceTakesTheLongestKeyFirst() {
        let table = ["エ": "〒", "エン": "円", "": "x"]
        #expect(Transform.replace(table).apply("エ252 100エン") == "〒252 100円")
        #expect(Transform.replace(["a": "b", "b": "c"]).apply("ab") == "bc")
        #expect(Transform.replace([:]).apply("同じ") == "同じ")
    }

    @Test(
        "digit_lookalikes",
        arguments: [
            ("042一754一1111", "042-754-1111"), ("042ー754ー1111", "042-754-1111"),
            ("O42－754—1111", "042-754-1111"),
            ("l2I|", "1211"), ("〇", "0"), ("252‐5277", "252-5277"), ("漢字", "漢字"),
        ])
    func digitLookalikes(input: String, expected: String) {
        #expect(Transform.digitLookalikes.apply(input) == expected)
    }

    @Test func chainsApplyInOrder() {
        let steps: [Transform] = [.nfkc, .collapseSpaces, .trim]
        #expect(Transform.apply(steps, to: "　山田　花子　") == "山田花子")
    }

    @Test("named finds every YAML name", arguments: Transform.simpleCases)
    func namedRoundTrip(transform: Transform) {
        #expect(Transform.named(transform.name) == transform)
    }

    @Test func namesAreTheYAMLSpellings() {
        #expect(
            Transform.names == [
                "nfkc", "trim", "collapse_spaces", "remove_spaces", "digits_only", "kanji_numerals",
                "katakana",
                "hiragana", "uppercase", "lowercase", "digit_lookalikes",
            ])
        #expect(Transform.named("replace") == nil)
        #expect(Transform.named("NFKC") == nil)
    }

    @Test func codableUsesTheWorkflowSpelling() throws {
        let steps: [Transform] = [.nfkc, .replace(["エ": "〒"]), .collapseSpaces]
        let data = try JSONEncoder().encode(steps)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"collapse_spaces\""))
        #expect(json.contains("\"replace\""))
        #expect(try JSONDecoder().decode([Transform].self, from: data) == steps)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Transform].self, from: Data("[\"nfck\"]".utf8))
        }
    }
}
