import OCR
import Workflow

/// What the neural recognizer (trained mostly on Chinese) writes differently from a Japanese form,
/// folded before its reading is compared with Tesseract's; a field the neural reading settles alone
/// takes its folded text.
enum NeuralText {
    /// Simplified and traditional Chinese forms the model writes for the Japanese kanji (黑 for 黒).
    static var variants: [Character: Character] { JapaneseForms.variants }

    /// Whether every small kana in `text` stands where a Japanese word can have it
    /// (``JapaneseForms/smallKana(_:between:and:)``: キャ, ファ, カッパ); ヮ never; ヶ only before a kanji
    /// (ヶ丘). Both engines misread a kana's size on handwriting (ムラカミュイナ, オカダョウコ,
    /// グランハイッ208): such a reading settles nothing.
    static func plausibleKana(_ text: String) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case _ where JapaneseForms.largeKana[character] != nil:
                guard JapaneseForms.smallKana(character, between: before, and: after) else { return false }
            case "ヮ":
                return false
            case "ヶ", "ヵ":
                // Only before a kanji, in a place's name (霞ヶ関, 八ヶ岳): never in a kana word or at its end.
                guard let after, JapaneseForms.isKanji(after) else { return false }
            default:
                continue
            }
        }
        return true
    }

    /// `text` with the model's habits undone for a field of `type`: Chinese variants as Japanese
    /// kanji; in a date, the era 令和 it reads as 合和 or 今和 (no date is written so); in a number, a
    /// period between a digit and three digits as the thousands comma it reads it for (132.686円).
    static func folded(_ text: String, type: FieldType) -> String {
        var characters = Array(text.map { variants[$0] ?? $0 })
        // A dash or the kanji 一 between two katakana is the long-vowel mark (コ一ポ is コーポ).
        for index in characters.indices.dropFirst().dropLast()
        where "一-－—―‐".contains(characters[index]) && JapaneseForms.isKatakana(characters[index - 1])
            && JapaneseForms.isKatakana(characters[index + 1])
        {
            characters[index] = "ー"
        }
        if type == .date {
            for index in characters.indices.dropLast()
            where "合今".contains(characters[index]) && characters[index + 1] == "和" {
                characters[index] = "令"
            }
        }
        if type == .number {
            for index in characters.indices where characters[index] == "." {
                let digits = characters[(index + 1)...].prefix { $0.isASCII && $0.isNumber }
                if index > 0, characters[index - 1].isNumber, digits.count == 3 { characters[index] = "," }
            }
        }
        return String(characters)
    }
}
