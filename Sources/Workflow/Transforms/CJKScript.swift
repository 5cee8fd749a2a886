/// Which characters count as Japanese script (kanji, kana and CJK punctuation).
///
/// Used to decide where an OCR space is noise: Japanese is written without spaces between
/// characters, so a space between two such characters is Tesseract's, not the writer's.
enum CJKScript {
    /// True for kanji, hiragana, katakana (including ー and ・), 々 〆 〇 and CJK punctuation.
    static func contains(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return contains(scalar)
    }

    /// Scalar form of `contains(_:)`.
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3001...0x3003, 0x3005...0x3011, 0x3014...0x301F, 0x303B: true  // punctuation, 々 〆 〇
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: true  // kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true  // kanji
        default: false
        }
    }

    /// True for full-width katakana letters, ー, ・ and the katakana iteration marks.
    static func isKatakana(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30A1...0x30FA, 0x30FB...0x30FE, 0x31F0...0x31FF: true
        default: false
        }
    }
}
