/// Hiragana ↔ katakana, one code point at a time (the two blocks are 0x60 apart).
enum KanaConversion {
    /// ぁ–ゖ and ゝゞ become ァ–ヶ and ヽヾ; everything else is kept.
    static func toKatakana(_ text: String) -> String {
        shift(text, by: 0x60) { (0x3041...0x3096).contains($0) || (0x309D...0x309E).contains($0) }
    }

    /// ァ–ヶ and ヽヾ become ぁ–ゖ and ゝゞ; ー and katakana without a hiragana form are kept.
    static func toHiragana(_ text: String) -> String {
        shift(text, by: -0x60) { (0x30A1...0x30F6).contains($0) || (0x30FD...0x30FE).contains($0) }
    }

    private static func shift(_ text: String, by offset: Int32, when inRange: (UInt32) -> Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if inRange(scalar.value), let moved = Unicode.Scalar(UInt32(Int32(scalar.value) + offset)) {
                scalars.append(moved)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
