/// Escaping and number output for HTML and SVG text.
enum Markup {
    /// Escapes text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with one decimal, as SVG wants it.
    static func coordinate(_ value: Double) -> String { NumberText.plain(value, decimals: 1) }
}
