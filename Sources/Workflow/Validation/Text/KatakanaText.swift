import Foundation

/// フリガナ fields: katakana, the prolonged sound mark ー and the middle dot ・.
enum KatakanaText {
    /// Katakana with spaces removed: NFKC (half-width kana), hiragana → katakana, and a dash
    /// look-alike right after katakana (一 － - ‐ —, OCR's readings of ー) → ー.
    static func normalize(_ text: String) -> Result<String, ValidationFailure> {
        let katakana = KanaConversion.toKatakana(text.precomposedStringWithCompatibilityMapping)
        var output = String.UnicodeScalarView()
        for scalar in katakana.unicodeScalars where !scalar.properties.isWhitespace {
            let follows = output.last.map(CJKScript.isKatakana) == true
            if follows && (DigitLookalikes.dashes.contains(scalar) || scalar == "-") {
                output.append("ー")
            } else {
                output.append(scalar)
            }
        }
        let result = String(output)
        return isKatakana(result, allowingSpaces: false) ? .success(result) : .failure(notKatakana)
    }

    /// Whether every character is katakana, ー, ・ (or white space when allowed), after NFKC.
    static func isKatakana(_ text: String, allowingSpaces: Bool) -> Bool {
        text.precomposedStringWithCompatibilityMapping.unicodeScalars.allSatisfy { scalar in
            CJKScript.isKatakana(scalar) || (allowingSpaces && scalar.properties.isWhitespace)
        }
    }

    static let notKatakana = ValidationFailure(
        code: "not_katakana", message: "must be written in katakana only (ー, ・ and spaces allowed)")
}
