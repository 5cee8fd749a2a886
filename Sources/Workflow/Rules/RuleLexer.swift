import Foundation
import JapaneseCalendar

/// Splits a rule into tokens, tolerating what staff type on Japanese keyboards: full-width
/// operators and digits (＜＝, ３００), the ideographic space, curly quotes and ≤ ≥ ≠.
struct RuleLexer {
    static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false", "null", "today"]
    private static let twoCharacterSymbols: Set<String> = ["==", "!=", "<=", ">=", "&&", "||"]
    private static let oneCharacterSymbols: Set<Character> = [
        "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", "!",
    ]

    private let characters: [Character]
    private var position = 0

    init(_ source: String) {
        characters = source.map(RuleLexer.fold)
    }

    /// Full-width ASCII → ASCII and a few look-alikes, one character for one so offsets still
    /// point into the text as written.
    private static func fold(_ character: Character) -> Character {
        switch character {
        case "\u{3000}": return " "
        case "‘", "’": return "'"
        case "“", "”": return "\""
        default: break
        }
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
            (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
        else { return character }
        return Character(ascii)
    }

    /// All tokens, ending with `.end`.
    mutating func tokens() throws(RuleSyntaxError) -> [RuleToken] {
        var tokens: [RuleToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        position + ahead < characters.count ? characters[position + ahead] : nil
    }

    private mutating func next() throws(RuleSyntaxError) -> RuleToken {
        while let character = peek(), character.isWhitespace { position += 1 }
        let start = position
        guard let character = peek() else { return RuleToken(kind: .end, offset: start) }
        if character.isASCII && character.isNumber { return try number() }
        if character.isLetter || character == "_" { return word() }
        if character == "'" || character == "\"" { return try quoted(character) }
        if character == "`" { return try backquotedIdentifier() }
        if let unicode = ["≦": "<=", "≤": "<=", "≧": ">=", "≥": ">=", "≠": "!="][character] {
            position += 1
            return RuleToken(kind: .symbol(unicode), offset: start)
        }
        if let second = peek(1), RuleLexer.twoCharacterSymbols.contains(String([character, second])) {
            position += 2
            return RuleToken(kind: .symbol(String([character, second])), offset: start)
        }
        switch character {
        case "=":
            throw RuleSyntaxError(offset: start, message: "use '==' to compare; a single '=' is not allowed")
        case "&":
            throw RuleSyntaxError(offset: start, message: "use 'and' (or '&&'); a single '&' is not allowed")
        case "|":
            throw RuleSyntaxError(offset: start, message: "use 'or' (or '||'); a single '|' is not allowed")
        default: break
        }
        if RuleLexer.oneCharacterSymbols.contains(character) {
            position += 1
            return RuleToken(kind: .symbol(String(character)), offset: start)
        }
        throw RuleSyntaxError(offset: start, message: "unexpected character '\(character)'")
    }

    /// A number (300, 0.5) or an ISO date literal (2024-04-01).
    private mutating func number() throws(RuleSyntaxError) -> RuleToken {
        let start = position
        if let date = try isoDate() { return RuleToken(kind: .date(date), offset: start) }
        var text = digits()
        if peek() == ".", let after = peek(1), after.isASCII, after.isNumber {
            position += 1
            text += "." + digits()
        }
        if let after = peek(), after.isLetter || after == "_" {
            throw RuleSyntaxError(
                offset: position,
                message: "a number cannot run into a name; field names cannot start with a digit")
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw RuleSyntaxError(offset: start, message: "not a number")
        }
        return RuleToken(kind: .number(value), offset: start)
    }

    /// A date literal at the cursor, consumed: `YYYY-MM-DD`, also `YYYY-M-D` (read as a date, not as
    /// a subtraction). `nil`, with nothing consumed, if the shape is not there.
    private mutating func isoDate() throws(RuleSyntaxError) -> CalendarDate? {
        var end = position
        var parts: [Int] = []
        for (index, widths) in [4...4, 1...2, 1...2].enumerated() {
            if index > 0 {
                guard end < characters.count, characters[end] == "-" else { return nil }
                end += 1
            }
            let start = end
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            guard widths.contains(end - start), let value = Int(String(characters[start..<end])) else {
                return nil
            }
            parts.append(value)
        }
        if end < characters.count, characters[end].isLetter || characters[end] == "_" { return nil }
        guard let date = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
            throw RuleSyntaxError(offset: position, message: "this date does not exist")
        }
        position = end
        return date
    }

    private mutating func digits() -> String {
        var text = ""
        while let character = peek(), character.isASCII, character.isNumber {
            text.append(character)
            position += 1
        }
        return text
    }

    /// A field name or keyword: letters (including kanji and kana), digits and `_`.
    private mutating func word() -> RuleToken {
        let start = position
        var text = ""
        while let character = peek(), character.isLetter || character.isNumber || character == "_" {
            text.append(character)
            position += 1
        }
        let kind: RuleToken.Kind = RuleLexer.keywords.contains(text) ? .keyword(text) : .identifier(text)
        return RuleToken(kind: kind, offset: start)
    }

    /// A field name with any characters, between backquotes: `氏名 (漢字)`.
    private mutating func backquotedIdentifier() throws(RuleSyntaxError) -> RuleToken {
        let start = position
        position += 1
        var text = ""
        while let character = peek(), character != "`" {
            text.append(character)
            position += 1
        }
        guard peek() == "`" else {
            throw RuleSyntaxError(
                offset: start, message: "the field name starting here is not closed; add a '`'")
        }
        position += 1
        if text.isEmpty { throw RuleSyntaxError(offset: start, message: "empty field name between '`'") }
        return RuleToken(kind: .identifier(text), offset: start)
    }

    /// 'text' or "text"; a backslash escapes the quote or itself.
    private mutating func quoted(_ quote: Character) throws(RuleSyntaxError) -> RuleToken {
        let start = position
        position += 1
        var text = ""
        while let character = peek(), character != quote {
            if character == "\\", let escaped = peek(1), escaped == quote || escaped == "\\" {
                text.append(escaped)
                position += 2
            } else {
                text.append(character)
                position += 1
            }
        }
        guard peek() == quote else {
            throw RuleSyntaxError(
                offset: start, message: "the text starting here is not closed; add a closing \(quote)")
        }
        position += 1
        return RuleToken(kind: .string(text), offset: start)
    }
}
