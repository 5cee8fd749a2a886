/// Kanji numerals → Arabic numbers, for dates and counts written the traditional way.
///
/// Two styles are read: positional (二〇二四 → 2024, 〇三 → 03) and with units
/// (二千二十四 → 2024, 十五 → 15, 三万五千 → 35000). 万 億 兆 only count after a number,
/// so a lone 万 is left as text.
enum KanjiNumerals {
    private static let digits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    private static let smallUnits: [Character: Int] = ["十": 10, "拾": 10, "百": 100, "千": 1000]
    private static let largeUnits: [Character: Int] = [
        "万": 10_000, "億": 100_000_000, "兆": 1_000_000_000_000,
    ]

    /// Rewrites every run of kanji numerals in `text`.
    static func convert(_ text: String) -> String {
        var output = ""
        var run: [Character] = []
        for character in text {
            let isNumeral =
                digits[character] != nil || smallUnits[character] != nil
                || (largeUnits[character] != nil && !run.isEmpty)
            if isNumeral {
                run.append(character)
            } else {
                output += render(run)
                run.removeAll()
                output.append(character)
            }
        }
        return output + render(run)
    }

    /// The Arabic form of one run, or the run unchanged if it overflows.
    private static func render(_ run: [Character]) -> String {
        if run.isEmpty { return "" }
        let hasUnits = run.contains { smallUnits[$0] != nil || largeUnits[$0] != nil }
        if !hasUnits {
            return String(run.compactMap { digits[$0].map { Character(String($0)) } })
        }
        return valueWithUnits(run).map(String.init) ?? String(run)
    }

    /// 二千二十四 → 2024: small units multiply the digit before them (or 1), large units close a
    /// section. `nil` on overflow.
    private static func valueWithUnits(_ run: [Character]) -> Int? {
        var total = 0
        var section = 0
        var current = 0
        for character in run {
            if let digit = digits[character] {
                guard let shifted = checked(current, times: 10, plus: digit) else { return nil }
                current = shifted
            } else if let unit = smallUnits[character] {
                guard let sum = checked(current == 0 ? 1 : current, times: unit, plus: section) else {
                    return nil
                }
                section = sum
                current = 0
            } else if let unit = largeUnits[character] {
                guard let part = checked(section, times: 1, plus: current),
                    let sum = checked(part, times: unit, plus: total)
                else { return nil }
                total = sum
                section = 0
                current = 0
            }
        }
        guard let part = checked(section, times: 1, plus: current) else { return nil }
        return checked(total, times: 1, plus: part)
    }

    /// value × factor + addend, or `nil` on overflow.
    private static func checked(_ value: Int, times factor: Int, plus addend: Int) -> Int? {
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        let (sum, overflowSum) = product.addingReportingOverflow(addend)
        return overflow || overflowSum ? nil : sum
    }
}
