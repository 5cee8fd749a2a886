/// Text made safe for a terminal: file names and values come from shared folders anyone writes to,
/// and a newline or an escape sequence in a name must not forge a line or recolour the screen.
enum TerminalText {
    /// `text` with every control character (C0, DEL, C1) and bidirectional override shown as
    /// `\u{…}`; newlines too unless `keepNewlines`.
    static func escape(_ text: String, keepNewlines: Bool = false) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let control = value < 0x20 || (0x7F...0x9F).contains(value)
            let bidi = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            if (control || bidi) && !(keepNewlines && scalar == "\n") {
                result += "\\u{" + String(value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
