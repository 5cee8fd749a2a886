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
}
