import Testing

@testable import OCR

/// Greedy CTC decoding, on output rows written by hand: where the model splits its belief between a
/// kanji's Chinese and Japanese forms, the character keeps the probability of both.
@Suite("CTC decoding")
struct CTCDecoderTests {
    /// Rows of probabilities for the classes blank, 緑, 綠, 田, space.
    func decode(_ rows: [[Float]]) -> LineReading {
        let decoder = CTCDecoder(classes: ["緑", "綠", "田", " "])
        let flat = rows.flatMap { $0 }
        return flat.withUnsafeBufferPointer { decoder.decode($0, steps: rows.count) }
    }

    @Test("a kanji split between its two forms is one character with both forms' probability")
    func splitForms() {
        let reading = decode([
            [0.05, 0.40, 0.55, 0.00, 0.00],  // 綠 leads
            [0.05, 0.60, 0.35, 0.00, 0.00],  // 緑 leads: the same character, not a second one
            [0.90, 0.05, 0.05, 0.00, 0.00],
            [0.10, 0.00, 0.00, 0.90, 0.00],
        ])
        #expect(reading.text == "綠田")
        #expect(reading.characters.map(\.probability).map { ($0 * 100).rounded() } == [95, 90])
    }

    @Test("other characters keep their own probability, repeats need a blank between them")
    func plainCharacters() {
        let reading = decode([
            [0.20, 0.00, 0.00, 0.70, 0.10],
            [0.05, 0.00, 0.00, 0.60, 0.35],
            [0.90, 0.00, 0.00, 0.10, 0.00],
            [0.30, 0.00, 0.00, 0.70, 0.00],
            [0.10, 0.00, 0.00, 0.00, 0.90],
        ])
        #expect(reading.text == "田田")
        #expect(reading.characters.map(\.probability).map { ($0 * 100).rounded() } == [70, 70])
    }

    @Test(
        "where a small kana cannot stand, its probability is the large kana's; where it can, each keeps its own"
    )
    func kanaSizes() {
        let decoder = CTCDecoder(classes: ["ケ", "ィ", "イ", "キ", "ョ", "ヨ", " "])
        func decode(_ rows: [[Float]]) -> LineReading {
            let flat = rows.flatMap { $0 }
            return flat.withUnsafeBufferPointer { decoder.decode($0, steps: rows.count) }
        }
        //             blank  ケ    ィ    イ    キ    ョ    ヨ   space
        let ke: [Float] = [0.05, 0.95, 0, 0, 0, 0, 0, 0]
        let ki: [Float] = [0.05, 0, 0, 0, 0.95, 0, 0, 0]
        let blank: [Float] = [0.95, 0.05, 0, 0, 0, 0, 0, 0]
        // ィ after ケ: no word is spelt so; the model's 0.55 and 0.40 are one イ at 0.95.
        let keii = decode([ke, blank, [0.05, 0, 0.55, 0.40, 0, 0, 0, 0], [0.05, 0, 0.30, 0.65, 0, 0, 0, 0]])
        #expect(keii.text == "ケイ")
        #expect(keii.characters.map(\.probability).map { ($0 * 100).rounded() } == [95, 95])
        // ョ after キ is キョウコ's: both sizes are names, the small one keeps its 0.60.
        let kyo = decode([ki, blank, [0.05, 0, 0, 0, 0, 0.60, 0.35, 0]])
        #expect(kyo.text == "キョ")
        #expect(kyo.characters.map(\.probability).map { ($0 * 100).rounded() } == [95, 60])
        // No small kana starts a line.
        let start = decode([[0.05, 0, 0, 0, 0, 0.70, 0.25, 0], blank, ke])
        #expect(start.text == "ヨケ")
        #expect(start.characters.map(\.probability).map { ($0 * 100).rounded() } == [95, 95])
    }

    @Test("katakana and kanji written alike: the next character's script decides, else the previous one's")
    func lookalikes() {
        let decoder = CTCDecoder(classes: ["ハ", "八", "イ", "王", "ー", "一", "-", "1", "2", "健", " "])
        func line(_ reads: [(Int, Float, Int, Float)]) -> LineReading {
            // Each character: its class and probability, a look-alike's class and probability, then a blank.
            var rows: [[Float]] = []
            for (best, p, other, q) in reads {
                var row = [Float](repeating: 0, count: 12)
                row[best] = p
                row[other] += q
                row[0] += 1 - p - q
                rows.append(row)
                var blank = [Float](repeating: 0, count: 12)
                blank[0] = 1
                rows.append(blank)
            }
            let flat = rows.flatMap { $0 }
            return flat.withUnsafeBufferPointer { decoder.decode($0, steps: rows.count) }
        }
        // 八イ: the next character is katakana, so it is ハ, with both classes' probability.
        let haitsu = line([(2, 0.55, 1, 0.40), (3, 0.95, 0, 0)])
        #expect(haitsu.text == "ハイ")
        #expect(haitsu.characters.map(\.probability).map { ($0 * 100).rounded() } == [95, 95])
        // ハ王: kanji follows, so 八.
        #expect(line([(1, 0.55, 2, 0.40), (4, 0.95, 0, 0)]).text == "八王")
        // 健ー at a word's end: the previous character is a kanji, and no long-vowel mark follows one.
        #expect(line([(10, 0.95, 0, 0), (5, 0.6, 6, 0.3)]).text == "健一")
        // 1一2: a dash between digits.
        let dash = line([(8, 0.95, 0, 0), (6, 0.5, 7, 0.4), (9, 0.95, 0, 0)])
        #expect(dash.text == "1-2")
        #expect(dash.characters.map(\.probability).map { ($0 * 100).rounded() } == [95, 90, 95])
        // Nothing to tell by (a line of one character): the model's choice and its own probability.
        let alone = line([(1, 0.55, 2, 0.40)])
        #expect(alone.text == "ハ")
        #expect(alone.characters.map(\.probability).map { ($0 * 100).rounded() } == [55])
    }

    @Test("合和 and 今和 before a year are the era 令和, with all three forms' probability; elsewhere not")
    func era() {
        let decoder = CTCDecoder(classes: ["令", "合", "今", "和", "7", "子", " "])
        func line(_ classes: [Int], first: [Float]) -> LineReading {
            // The first character's row is given; the rest are read at 0.95, a blank after each.
            var rows: [[Float]] = [first + [0]]
            for index in classes.dropFirst() {
                var row = [Float](repeating: 0, count: 8)
                row[index] = 0.95
                row[0] = 0.05
                rows.append(row)
            }
            let blank: [Float] = [1, 0, 0, 0, 0, 0, 0, 0]
            let flat: [Float] = rows.flatMap { $0 + blank }
            return flat.withUnsafeBufferPointer { decoder.decode($0, steps: rows.count * 2) }
        }
        //                     blank 令    合    今    和  7  子
        let split: [Float] = [0.05, 0.40, 0.45, 0.10, 0, 0, 0]
        let year = line([2, 4, 5], first: split)
        #expect(year.text == "令和7")
        #expect(year.characters.map(\.probability).map { ($0 * 100).rounded() } == [95, 95, 95])
        // A name (今和子) is not a year: the model's choice keeps its own probability.
        let name = line([2, 4, 6], first: split)
        #expect(name.text == "合和子")
        #expect(name.characters.map(\.probability).map { ($0 * 100).rounded() } == [45, 95, 95])
    }
}
