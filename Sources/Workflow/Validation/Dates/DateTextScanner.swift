import JapaneseCalendar

/// A cursor over a cleaned date text (no spaces, ASCII digits), for `JapaneseDate.parse`.
struct DateTextScanner {
    private let characters: [Character]
    private var position = 0

    init(_ characters: [Character]) {
        self.characters = characters
    }

    private static let symbolSeparators: Set<Character> = [".", ",", "/", "-"]
    private static let dayMarks: Set<Character> = ["日", "H", "h", "口", "曰"]

    var atEnd: Bool { position >= characters.count }

    private var current: Character? { atEnd ? nil : characters[position] }

    /// Consumes `text` if the cursor is at it.
    mutating func take(_ text: String) -> Bool {
        let wanted = Array(text)
        guard position + wanted.count <= characters.count,
            Array(characters[position..<position + wanted.count]) == wanted
        else { return false }
        position += wanted.count
        return true
    }

    /// Consumes an era name (平成) or letter (H, h).
    mutating func era() -> JapaneseEra? {
        for era in JapaneseEra.allCases {
            if take(era.rawValue) { return era }
        }
        guard let letter = current else { return nil }
        let era = JapaneseEra.allCases.first { $0.letter == Character(letter.uppercased()) }
        if era != nil { position += 1 }
        return era
    }

    /// Consumes 1…`maxDigits` ASCII digits; fails (consuming nothing) if there are none or more.
    mutating func number(maxDigits: Int) -> Int? {
        let digits = digitRun()
        guard (1...maxDigits).contains(digits.count), let value = Int(String(digits)) else { return nil }
        position += digits.count
        return value
    }

    /// Consumes exactly `count` ASCII digits.
    mutating func number(exactDigits count: Int) -> Int? {
        let digits = digitRun()
        guard digits.count == count, let value = Int(String(digits)) else { return nil }
        position += count
        return value
    }

    /// The whole rest as YYYYMMDD.
    mutating func compactDate() -> (year: Int, month: Int, day: Int)? {
        let digits = digitRun()
        guard digits.count == 8, position + 8 == characters.count,
            let year = Int(String(digits[0..<4])), let month = Int(String(digits[4..<6])),
            let day = Int(String(digits[6..<8]))
        else { return nil }
        position += 8
        return (year, month, day)
    }

    /// Consumes the rest: `年M月D日` or `.M.D`, `/M/D`, `-M-D`, with an optional final day mark and 生.
    ///
    /// 年 may appear as 生 (an OCR confusion) because 月 must then follow; a kanji separator cannot
    /// be mixed with a symbol one.
    mutating func monthAndDay() -> (month: Int, day: Int)? {
        guard let first = current else { return nil }
        let kanjiStyle = first == "年" || first == "生"
        guard kanjiStyle || Self.symbolSeparators.contains(first) else { return nil }
        position += 1
        guard let month = number(maxDigits: 2), let second = current else { return nil }
        guard kanjiStyle ? second == "月" : Self.symbolSeparators.contains(second) else { return nil }
        position += 1
        guard let day = number(maxDigits: 2) else { return nil }
        if let mark = current, Self.dayMarks.contains(mark) { position += 1 }
        _ = take("生")
        return atEnd ? (month, day) : nil
    }

    private func digitRun() -> ArraySlice<Character> {
        var end = position
        while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
        return characters[position..<end]
    }
}
