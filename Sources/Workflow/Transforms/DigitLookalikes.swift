import Foundation

/// Characters that OCR returns in place of digits and hyphens on Japanese forms.
///
/// Tesseract's jpn model reads 0 as O or 〇, 1 as l, I or |, and a full-width hyphen as
/// ー or 一 (it cannot output full-width digits or `－` at all).
enum DigitLookalikes {
    /// Look-alikes of 0 and 1.
    static let digitMap: [Unicode.Scalar: Unicode.Scalar] = [
        "O": "0", "o": "0", "〇": "0", "Ｏ": "0", "ｏ": "0",
        "l": "1", "I": "1", "|": "1", "ｌ": "1", "Ｉ": "1", "｜": "1",
    ]

    /// Look-alikes of the hyphen: ー 一 － — ― ‐ ‑ – − ｰ.
    static let dashes: Set<Unicode.Scalar> = [
        "\u{30FC}", "\u{4E00}", "\u{FF0D}", "\u{2014}", "\u{2015}", "\u{2010}", "\u{2011}", "\u{2013}",
        "\u{2212}", "\u{FF70}",
    ]

    /// Maps digit and dash look-alikes; every other character is kept.
    static func map(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let digit = digitMap[scalar] {
                scalars.append(digit)
            } else if dashes.contains(scalar) {
                scalars.append("-")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// NFKC (full-width and circled digits), look-alikes of 0 and 1, then ASCII digits only.
    static func digitsOnly(_ text: String) -> String {
        var digits = ""
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            let mapped = digitMap[scalar] ?? scalar
            if ("0"..."9").contains(mapped) { digits.unicodeScalars.append(mapped) }
        }
        return digits
    }
}
