import Foundation
import OCR
import Testing
import Workflow

@testable import Pipeline

/// The neural recognizer's part in the gate (docs/ocr.md, "The gate"): Tesseract and the neural engine
/// agreeing on a valid value settle a field, after the neural reading's Chinese habits are folded; a
/// low probability, a disagreement, an invalid value or a field's own threshold leave it to the rest of
/// the gate. The readings are given here; NeuralRecognizerTests read real crops through the model.
@Suite("The gate with the neural recognizer")
struct NeuralGateTests {
    let evaluator: FieldEvaluator

    init() throws {
        evaluator = FieldEvaluator(workflow: try BatchTests.workflow("juminhyo"))
    }

    func field(_ name: String) throws -> FieldSpec { try #require(evaluator.workflow.field(name)) }

    /// A first reading Tesseract is unsure of (confidence 20, a disagreeing second reading), with the
    /// neural reading `neural` at probability `probability` for every character.
    func reading(_ text: String, neural: String?, probability: Double = 0.99) -> FieldReading {
        var reading = FieldReading(
            text: text, confidence: 20, blank: false, marks: [], problem: nil, area: nil)
        // A second reading as long as the first, disagreeing in its last character.
        reading.verification = String(text.dropLast()) + "?"
        reading.independentlyVerified = true
        reading.digitConfidence = 20
        reading.neural = neural.map { neural in
            LineReading(
                text: neural,
                characters: neural.map { RecognizedCharacter(text: String($0), probability: probability) },
                seconds: 0)
        }
        return reading
    }

    func codes(_ name: String, _ reading: FieldReading) throws -> [String] {
        evaluator.evaluate(try field(name), reading).reasons.map(\.code)
    }

    @Test(
        "the two engines agreeing on a name, a date, a phone number: accepted whatever Tesseract's confidence"
    )
    func agreement() throws {
        #expect(try codes("氏名", reading("山田 花子", neural: "山田花子")).isEmpty)
        #expect(try codes("生年月日", reading("平成2年4月15日", neural: "平成2年4月15日")).isEmpty)
        #expect(try codes("電話番号", reading("042-754-1111", neural: "042ー754ー1111")).isEmpty)
        // The value is Tesseract's reading, normalised as always.
        #expect(
            evaluator.evaluate(try field("生年月日"), reading("平成2年4月15日", neural: "平成2年4月15日")).value
                == "1990-04-15")
    }

    @Test(
        "without the neural reading the rest of the gate decides; a valid neural reading that disagrees is a doubt"
    )
    func disagreement() throws {
        #expect(try !codes("氏名", reading("山田 花子", neural: nil)).isEmpty)
        #expect(
            try codes("氏名", reading("山田 花子", neural: "山田花了", probability: 0.94)) == ["unstable_reading"])
        #expect(try !codes("生年月日", reading("平成2年4月15日", neural: "平成2年4月16日", probability: 0.94)).isEmpty)
    }

    @Test(
        "Tesseract's two models agreeing on katakana are doubted when the model, however unsure, reads other kana"
    )
    func katakanaAgreementAgainstTheModel() throws {
        // Both Tesseract models read the same kana (a second reading that agrees, confidence 90).
        func agreed(_ text: String, neural: String, probability: Double) -> FieldReading {
            var reading = self.reading(text, neural: neural, probability: probability)
            reading.verification = text
            reading.confidence = 90
            reading.digitConfidence = 100
            return reading
        }
        #expect(
            try codes("フリガナ", agreed("イノウエ ナオフコ", neural: "イノウエーナオコ", probability: 0.56))
                == ["unstable_reading"])
        // Marks, the gap read as ー and a kana's size are not other kana.
        #expect(try codes("フリガナ", agreed("ヤマザキ トモコ", neural: "ヤマザキトモコ.", probability: 0.61)).isEmpty)
        #expect(try codes("フリガナ", agreed("ヤマザキ トモコ", neural: "ヤマザキートモコ", probability: 0.5)).isEmpty)
    }

    @Test("a neural reading below the probability floor settles nothing")
    func floor() throws {
        let low = FieldEvaluator.neuralFloor - 0.01
        #expect(try !codes("氏名", reading("山田 花子", neural: "山田花子", probability: low)).isEmpty)
        #expect(
            try codes("氏名", reading("山田 花子", neural: "山田花子", probability: FieldEvaluator.neuralFloor)).isEmpty
        )
    }

    @Test("agreement on a value that is not valid for the field settles nothing")
    func invalidValue() throws {
        #expect(try !codes("生年月日", reading("平成2年13月45日", neural: "平成2年13月45日")).isEmpty)
    }

    @Test("the model's Chinese forms compare as the Japanese kanji: 黑 as 黒, 惠 as 恵, 边 as 辺")
    func variants() throws {
        #expect(try codes("氏名", reading("黒田 恵", neural: "黑田惠")).isEmpty)
        #expect(try codes("氏名", reading("田辺 翔", neural: "田边翔")).isEmpty)
        // A form a name is really written with is not folded: 渡邊 is not 渡辺 (below the floor for the
        // neural reading alone, so only agreement could settle it).
        #expect(try !codes("氏名", reading("渡辺 翔", neural: "渡邊翔", probability: 0.9)).isEmpty)
    }

    @Test("a speck read as a mark at a name's end, and a small kana no word has, settle nothing")
    func specksAndSmallKana() throws {
        // Tesseract's second reading and the model both saw the speck (held-out print).
        var speck = reading("坂本 美咲 .", neural: "坂本美咲.", probability: 0.72)
        speck.verification = "坂本 美咲 ."
        #expect(try !codes("氏名", speck).isEmpty)
        // Tesseract's two models agreeing, sure, with no neural reading (calibration hands).
        var kana = FieldReading(
            text: "オガワァオイ", confidence: 95, blank: false, marks: [], problem: nil, area: nil)
        kana.verification = "オガワァオイ"
        kana.independentlyVerified = true
        kana.digitConfidence = 100
        #expect(try codes("フリガナ", kana).contains("unstable_reading"))
        kana.text = "オガワアオイ"
        kana.verification = "オガワアオイ"
        #expect(try codes("フリガナ", kana).isEmpty)
    }

    @Test("the variant table folds only to Japanese forms, and a period in an amount as a comma")
    func folding() {
        #expect(NeuralText.folded("黑綠雜惠", type: .text) == "黒緑雑恵")
        #expect(NeuralText.folded("澤田 渡邊 齋藤", type: .text) == "澤田 渡邊 齋藤")
        #expect(NeuralText.folded("132.686円", type: .number) == "132,686円")
        #expect(NeuralText.folded("1.5", type: .number) == "1.5")
        #expect(NeuralText.folded("横山1-6-7コ一ポ105", type: .address) == "横山1-6-7コーポ105")
        #expect(NeuralText.folded("中一丁目", type: .address) == "中一丁目")
        #expect(!NeuralText.plausibleKana("モリダイスヶ") && NeuralText.plausibleKana("霞ヶ関"))
        #expect(NeuralText.folded("132.686", type: .text) == "132.686")
        for (from, to) in NeuralText.variants {
            #expect(from != to)
            #expect(NeuralText.variants[to] == nil, "\(to) is itself folded")
        }
    }
}

extension NeuralGateTests {
    @Test("the neural reading agreeing with Tesseract's second reading only: that reading is the value")
    func secondReading() throws {
        var handwritten = reading("平成2年4月1b日", neural: "平成2年4月15日")
        handwritten.verification = "平成 2 年 4 月 15 日"
        let result = evaluator.evaluate(try field("生年月日"), handwritten)
        #expect(result.reasons.isEmpty)
        #expect(result.value == "1990-04-15")
        // Agreeing with neither, below the floor for the neural reading alone, leaves it to review.
        handwritten.verification = "平成 2 年 4 月 16 日"
        handwritten.neural?.characters.indices.forEach {
            handwritten.neural?.characters[$0].probability = 0.9
        }
        #expect(try !codes("生年月日", handwritten).isEmpty)
    }
}

extension NeuralGateTests {
    /// Tesseract misreads a handwritten name everywhere (松本明美 as 格本果美), the model reads it at 0.99.
    @Test("the neural reading alone: ≥ 0.95, valid, and no fewer characters than Tesseract's first reading")
    func alone() throws {
        let handwritten = reading("格本果美", neural: "松本明美")
        #expect(try codes("氏名", handwritten).isEmpty)
        #expect(evaluator.evaluate(try field("氏名"), handwritten).value == "松本明美")
        // Below 0.95, it is not enough alone.
        #expect(try !codes("氏名", reading("格本果美", neural: "松本明美", probability: 0.94)).isEmpty)
        // A kanji the model dropped: a Tesseract reading saw more characters (held-out hands: メン501 for
        // メゾン501 at 0.97, where the script model had dropped another character).
        #expect(
            try !codes(
                "住所", reading("相模原市中央区富士見5丁目12番19号 メゾン501", neural: "相模原市中央区富士見5丁目12番19号メン501")
            ).isEmpty)
        #expect(try !codes("氏名", reading("山田 智子", neural: "山 智子")).isEmpty)
        // The script model splitting strokes into more characters is no such sign (calibration hands).
        var split = reading("山崎 了", neural: "山崎隆")
        split.verification = "上 崎 了 橋"
        #expect(evaluator.evaluate(try field("氏名"), split).value == "山崎隆")
        // A 個人番号's digits cannot be dropped and still be valid: a box's side read as a 1 is no sign.
        #expect(
            evaluator.evaluate(try field("個人番号"), reading("2110112498134", neural: "211011249834")).value
                == "211011249834")
        // A character Tesseract dropped (昭) is no evidence against the model.
        #expect(
            evaluator.evaluate(try field("生年月日"), reading("和27年9月15日", neural: "昭和27年9月15日")).value
                == "1952-09-15")
        // A date the model reads alone is held to its type like any other.
        #expect(try !codes("生年月日", reading("平成2年4月1b日", neural: "平成2年13月5日")).isEmpty)
        #expect(
            evaluator.evaluate(try field("生年月日"), reading("平成2年4月1b日", neural: "平成2年4月15日")).value
                == "1990-04-15")
    }

    @Test("a lone printed 1 Tesseract reads as nothing is the model's; a gap it reads as ー is a gap")
    func nothingAndGaps() throws {
        // Printed calibration seeds (clean scans): Tesseract returned nothing for a serif 1 at both scales.
        var lone = reading("", neural: "1")
        lone.verification = nil
        #expect(evaluator.evaluate(try field("通数"), lone).value == "1")
        #expect(try codes("通数", lone).isEmpty)
        var unsure = reading("", neural: "1", probability: 0.9)
        unsure.verification = nil
        #expect(try codes("通数", unsure) == ["not_read"])
        // ナカジマーサチコ beside ナカジマ サチコ: the ー stands where Tesseract saw the gap.
        let gap = reading("ナカジマ サチコ", neural: "ナカジマーサチコ", probability: 0.8)
        #expect(try codes("フリガナ", gap).isEmpty)
        #expect(evaluator.evaluate(try field("フリガナ"), gap).value == "ナカジマサチコ")
        // Without a gap in Tesseract's reading, a ー is a letter the readings disagree on.
        #expect(try !codes("フリガナ", reading("ナカジマサチコ", neural: "ナカジマーサチコ", probability: 0.8)).isEmpty)
    }

    @Test("an address's place that is an entry of the list needs no probability of its own; the rest does")
    func vouchedPlace() throws {
        // The model unsure of a handwritten place's kanji (双葉 at 0.58 on the calibration hands), sure of the rest.
        func address(_ text: String, placeProbability: Double, rest: Double = 0.99) -> FieldReading {
            var read = reading("相模原市南区双菓5-10 -13", neural: text)
            let start =
                text.firstIndex(where: \.isNumber).map { text.distance(from: text.startIndex, to: $0) }
                ?? text.count
            read.neural?.characters = text.enumerated().map { offset, character in
                RecognizedCharacter(
                    text: String(character), probability: offset < start ? placeProbability : rest)
            }
            return read
        }
        let vouched = address("相模原市南区双葉5-10-13", placeProbability: 0.58)
        #expect(evaluator.evaluate(try field("住所"), vouched).value == "相模原市南区双葉5-10-13")
        // The block number still needs the model's 0.95.
        #expect(try !codes("住所", address("相模原市南区双葉5-10-13", placeProbability: 0.58, rest: 0.9)).isEmpty)
        // A place the list does not hold is held to the probabilities like any text.
        #expect(try !codes("住所", address("相模原市南区双菓5-10-13", placeProbability: 0.58)).isEmpty)
    }

    @Test("kana no name is spelt with settle nothing, alone or agreed; small and large kana are told apart")
    func kana() throws {
        // No agreement on a small kana read large; the model's reading alone, well spelt, may settle it.
        #expect(try !codes("フリガナ", reading("ムラカミ ュイナ", neural: "ムラカミユイナ", probability: 0.9)).isEmpty)
        #expect(
            evaluator.evaluate(try field("フリガナ"), reading("ムラカミ ュイナ", neural: "ムラカミユイナ")).value
                == "ムラカミユイナ")
        #expect(try !codes("フリガナ", reading("オガワァオイ", neural: "オガワァオイ")).isEmpty)
        #expect(try !codes("フリガナ", reading("オカダヨウコ", neural: "オカダョウコ")).isEmpty)
        #expect(try codes("フリガナ", reading("オカダ ヨウコ", neural: "オカダヨウコ")).isEmpty)
        #expect(NeuralText.plausibleKana("キャシー ティファニー ウィリアム シェフ トゥモロー カッパ"))
        #expect(NeuralText.plausibleKana("自由ヶ丘"))
        // ッ doubles k, s, t, p (and g, z, d, b in loanwords): never before マ, ナ, a vowel or ン.
        #expect(NeuralText.plausibleKana("ホッカイ ベッド バッグ マッチ"))
        #expect(!NeuralText.plausibleKana("マッモト") && !NeuralText.plausibleKana("サッイトウ"))
        for wrong in ["ュイナ", "ワァ", "ハイッ208", "ッカ", "ヨッ", "ヮ"] {
            #expect(!NeuralText.plausibleKana(wrong), "\(wrong)")
        }
    }
}
