import Foundation
import Imaging
import OCR
import Testing
import Workflow

@testable import Pipeline

/// The accept/review decision on a field's readings (docs/ocr.md, "The gate"): which evidence lets a
/// value through and which sends it to a person, with the reason saying which evidence failed. The
/// readings are given here; the suites over committed scans (BatchTests) run the same gate through
/// the real engine.
@Suite("The gate on a field's readings")
struct GateTests {
    let evaluator: FieldEvaluator

    init() throws {
        evaluator = FieldEvaluator(workflow: try BatchTests.workflow("juminhyo"))
    }

    func field(_ name: String) throws -> FieldSpec { try #require(evaluator.workflow.field(name)) }

    func reading(
        _ text: String, confidence: Double, digits: Double? = nil, second: String?, independent: Bool,
        third: String? = nil, thirdModel: String? = nil
    ) -> FieldReading {
        var reading = FieldReading(
            text: text, confidence: confidence, blank: false, marks: [], problem: nil, area: nil)
        reading.verification = second
        reading.independentlyVerified = independent
        reading.digitConfidence = digits ?? (text.contains(where: \.isDigitGlyph) ? confidence : 100)
        reading.tieBreak = third.map { TextRecognition(text: $0, confidence: 90, words: [], seconds: 0) }
        reading.tieBreakModel = thirdModel
        return reading
    }

    func codes(_ name: String, _ reading: FieldReading) throws -> [String] {
        evaluator.evaluate(try field(name), reading).reasons.map(\.code)
    }

    @Test("two models agreeing on a valid date or phone number: accepted whatever the letters' confidence")
    func independentAgreement() throws {
        let date = reading(
            "令和6年6月9日", confidence: 0, digits: 90, second: "令 和 6 年 6 月 9 日", independent: true)
        #expect(try codes("請求日", date).isEmpty)
        let phone = reading("042-759-2981", confidence: 80, second: "042-759-2981", independent: true)
        #expect(try codes("電話番号", phone).isEmpty)
    }

    @Test("katakana: the script model's small kana (ャ for ヤ) are no disagreement; another kana is")
    func katakana() throws {
        let ghost = reading("ヤマダ トモコ", confidence: 92, second: "ャ マダ トモ コ", independent: true)
        #expect(try codes("フリガナ", ghost).isEmpty)
        #expect(evaluator.evaluate(try field("フリガナ"), ghost).value == "ヤマダトモコ")
        let other = reading("ヤマダ トモコ", confidence: 92, second: "ヤマダ トモユ", independent: true)
        #expect(try codes("フリガナ", other) == ["unstable_reading"])
    }

    @Test("katakana: a small kana the script model writes beside the same large kana is no disagreement")
    func ghostKana() throws {
        for second in ["ョ ヨシダ タク ヤ", "ヨ ョ シダ タクヤ"] {
            let ghost = reading("ヨシダ タクヤ", confidence: 93, second: second, independent: true)
            #expect(try codes("フリガナ", ghost).isEmpty, "\(second)")
        }
        // Only in the later reading: a first reading that holds one is not a name.
        let first = reading("ョヨシダ タクヤ", confidence: 93, second: "ヨシダ タクヤ", independent: true)
        #expect(try codes("フリガナ", first) == ["unstable_reading"])
        // ッ beside ツ is a word (カッツ): the first reading may have lost it.
        let lost = reading("カツ ハナコ", confidence: 93, second: "カッツ ハナコ", independent: true)
        #expect(try codes("フリガナ", lost) == ["unstable_reading"])
    }

    @Test("two models agreeing on a digit below 75: the first model at another scale must confirm it")
    func digitsConfirmed() throws {
        // Both models read 平成11年 as 平成1年 (the committed tennyu-006); jpn at 32 px read 11.
        let unconfirmed = reading("平成1年5月15日", confidence: 68, second: "平成 1 年 5 月 15 日", independent: true)
        #expect(try codes("生年月日", unconfirmed) == ["low_confidence"])
        let contradicted = reading(
            "平成1年5月15日", confidence: 68, second: "平成 1 年 5 月 15 日", independent: true,
            third: "平成11年5月15日", thirdModel: "jpn")
        #expect(try codes("生年月日", contradicted) == ["low_confidence"])
        let confirmed = reading(
            "平成11年5月15日", confidence: 68, second: "平成 11 年 5 月 15 日", independent: true,
            third: "平成11年5月15日", thirdModel: "jpn")
        #expect(try codes("生年月日", confirmed).isEmpty)
        #expect(evaluator.needsConfirmation(try field("生年月日"), unconfirmed))
    }

    @Test("a field's own min_confidence is held to even when two models agree")
    func ownFloor() throws {
        var spec = try field("電話番号")
        spec.minConfidence = 90
        let agreed = reading("042-759-2981", confidence: 80, second: "042-759-2981", independent: true)
        #expect(evaluator.evaluate(spec, agreed).reasons.map(\.code) == ["low_confidence", "low_confidence"])
    }

    @Test("the same model at two scales is not independent: the confidence floors still hold")
    func sameModelAgreement() throws {
        #expect(
            try codes("請求日", reading("令和6年6月9日", confidence: 0, second: "令和6年6月9日", independent: false)) == [
                "low_confidence", "low_confidence",
            ])
        #expect(
            try codes(
                "電話番号", reading("042-759-2981", confidence: 69, second: "042-759-2981", independent: false))
                == ["low_confidence"])
    }

    @Test("free text (names) needs the confidence as well as the agreement: both models misread alike")
    func freeText() throws {
        #expect(
            try codes("氏名", reading("阿部 壮", confidence: 26, second: "阿部 壮", independent: true)) == [
                "low_confidence"
            ])
        #expect(try codes("氏名", reading("阿部 隆", confidence: 88, second: "阿部 隆", independent: true)).isEmpty)
        #expect(
            try codes("氏名", reading("阿部 隆", confidence: 88, second: "阿部 降", independent: true)) == [
                "unstable_reading"
            ])
    }

    @Test("an address: two models on the same place of the list and block number; the building on its own")
    func address() throws {
        // The script model read 久保沢 as 久保汎: both stand for the list's 久保沢, so the place agrees.
        let place = reading(
            "神奈川県相模原市緑区久保沢3丁目15番21号", confidence: 36, digits: 90,
            second: "神奈 川 県 相模 原市 緑 区 久保 汎 3 丁 目 15 番 21 号", independent: true)
        #expect(try codes("住所", place).isEmpty)
        var building = reading(
            "相模原市南区若松6-24-14 ハイツ若松406", confidence: 31, digits: 80,
            second: "相模 原市 南 区 若松 6-24-14 ハイ ツ 若 松 406", independent: true)
        building.words = [
            RecognizedWord(
                text: "相模原市南区若松6-24-14", confidence: 80, box: Rect(x: 0, y: 0, width: 1, height: 1)),
            RecognizedWord(text: "ハイツ若松406", confidence: 31, box: Rect(x: 1, y: 0, width: 1, height: 1)),
        ]
        #expect(try codes("住所", building) == ["low_confidence"])
        building.words[1].confidence = 85
        building.words[0].confidence = 12
        #expect(try codes("住所", building).isEmpty)
        // A place outside the list, or the two models on different places: a person looks.
        let elsewhere = reading(
            "東京都町田市原町田1-2-3", confidence: 95, second: "東京 都 町田 市 原町田 1-2-3", independent: true)
        #expect(try codes("住所", elsewhere) == ["not_in_vocabulary"])
        let disagree = reading(
            "相模原市緑区久保沢3-6-8", confidence: 90, second: "相模 原市 緑 区 下九沢 3-6-8", independent: true)
        #expect(try codes("住所", disagree) == ["unstable_reading"])
    }

    @Test("a value the type refuses is never accepted, whatever agrees")
    func invalid() throws {
        #expect(
            try codes("請求日", reading("令和6年4月31日", confidence: 95, second: "令和6年4月31日", independent: true))
                == ["impossible_date"])
    }

    @Test("eng and jpn disagree on a number: eng at another scale decides, with the digits' floor")
    func sameModelTieBreak() throws {
        let agreed = reading(
            "252-0365", confidence: 95, second: "252-9365", independent: true, third: "252-0365",
            thirdModel: "eng")
        #expect(try codes("郵便番号", agreed).isEmpty)
        let doubtful = reading(
            "242-0269", confidence: 69, second: "252-0260", independent: true, third: "242-0269",
            thirdModel: "eng")
        #expect(try codes("郵便番号", doubtful) == ["low_confidence"])
        let disagreed = reading(
            "252-0365", confidence: 95, second: "252-9365", independent: true, third: "252-0385",
            thirdModel: "eng")
        #expect(try codes("郵便番号", disagreed) == ["unstable_reading"])
    }

    @Test("a phone number's leading 0 read as 9 by jpn: compared with the 0, as no number starts with 9")
    func phoneLeadingNine() throws {
        let nine = reading("042-754-1111", confidence: 80, second: "942-754-1111", independent: true)
        #expect(try codes("電話番号", nine).isEmpty)
        // Digits below 75 still need eng at another scale to say the same.
        let low = reading("042-754-1111", confidence: 57, second: "942-754-1111", independent: true)
        #expect(try codes("電話番号", low) == ["low_confidence"])
        let confirmed = reading(
            "042-754-1111", confidence: 57, second: "942-754-1111", independent: true, third: "042-754-1111",
            thirdModel: "eng")
        #expect(try codes("電話番号", confirmed).isEmpty)
        // Only the first digit, and only where the type needs a 0: 099 for 090 is a disagreement.
        let inner = reading("090-2211-5821", confidence: 57, second: "099-2211-5821", independent: true)
        #expect(try codes("電話番号", inner) != [])
        // The first reading itself is never corrected: its value must be valid as read.
        let first = reading("942-754-1111", confidence: 95, second: "042-754-1111", independent: true)
        #expect(try codes("電話番号", first).contains("format"))
    }

    @Test("kanji numerals are not held to the digits' floor; Arabic and full-width digits are")
    func digitGlyphs() {
        #expect("0".first?.isDigitGlyph == true && "９".first?.isDigitGlyph == true)
        let kanjiNumerals = "〇一八".contains { $0.isDigitGlyph }
        #expect(!kanjiNumerals)
    }
}
