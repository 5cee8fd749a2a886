import Foundation
import Workflow

/// Shift_JIS bytes for the characters people type, in the two tables core systems use.
///
/// Foundation's Shift_JIS is Windows-31J (CP932), which maps the JIS X 0208 wave dash, minus sign,
/// double vertical line, em dash and ¢ £ ¬ to their full-width look-alikes (U+FF5E, U+FF0D, …). The
/// characters a Japanese IME or a Mac types (〜 U+301C, − U+2212) are the JIS X 0208 ones, so they
/// are mapped to the code points CP932 holds at the same bytes (〜 → 0x8160, − → 0x817C) before
/// encoding. `shift_jis` then refuses the CP932-only rows (NEC special characters such as ①,
/// NEC-selected and IBM extensions such as 髙, user-defined characters); `cp932` allows them.
enum ShiftJIS {
    /// JIS X 0208 code points that CP932 holds under another Unicode code point, at the same bytes.
    static let jis0208ToCP932: [Character: Character] = [
        "\u{301C}": "\u{FF5E}",  // 〜 WAVE DASH → ～
        "\u{2212}": "\u{FF0D}",  // − MINUS SIGN → －
        "\u{2016}": "\u{2225}",  // ‖ DOUBLE VERTICAL LINE → ∥
        "\u{2014}": "\u{2015}",  // — EM DASH → ―
        "\u{00A2}": "\u{FFE0}",  // ¢
        "\u{00A3}": "\u{FFE1}",  // £
        "\u{00AC}": "\u{FFE2}",  // ¬
    ]

    /// The bytes of `text`, or nil when a character is outside the encoding's table.
    static func encode(_ text: String, as encoding: CSVEncoding) -> Data? {
        let mapped = String(text.map { jis0208ToCP932[$0] ?? $0 })
        guard let data = mapped.data(using: .shiftJIS, allowLossyConversion: false) else { return nil }
        if encoding == .shiftJIS && containsExtension(data) { return nil }
        return data
    }

    /// True when the bytes hold a two-byte character from a CP932-only row.
    static func containsExtension(_ data: Data) -> Bool {
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let isLead = (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte)
            guard isLead else {
                index += 1
                continue
            }
            // 0x87: NEC special characters; 0xED–0xEE: NEC-selected IBM extensions;
            // 0xF0–0xF9: user-defined; 0xFA–0xFC: IBM extensions.
            if byte == 0x87 || (0xED...0xFC).contains(byte) { return true }
            index += 2
        }
        return false
    }
}
