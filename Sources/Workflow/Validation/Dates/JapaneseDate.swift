import Foundation
import JapaneseCalendar

/// Reads the dates written on Japanese forms, in 和暦 or 西暦, as OCR returns them.
///
/// Accepted: 令和7年4月1日, 令和元年5月1日, full-width digits, kanji numerals (令和七年四月一日),
/// R7.4.1 / R7/4/1 / H31-4-30 (letters M T S H R, either case), 西暦2024年4月1日, 2024-04-01,
/// 2024/4/1, 2024.4.1 and 20240401. OCR noise that is safe to undo is undone: spaces anywhere
/// (平成3 1年), O/o → 0 and l/I/| → 1, ー and other dashes → `-`, a final 日 read as H, 口 or 曰, 年 read as 生 (only where
/// 月 follows), and a trailing 生 (…日生). Every day must exist and lie inside its era.
public enum JapaneseDate {
    /// The Gregorian day the text names, or why it names none.
    public static func parse(_ text: String) -> Result<CalendarDate, DateParseError> {
        var scanner = DateTextScanner(clean(text))
        if scanner.take("西暦") {
            return western(&scanner)
        }
        if let era = scanner.era() {
            return eraDate(era, &scanner)
        }
        return western(&scanner)
    }

    /// NFKC, no white space, dashes as `-`, kanji numerals as digits, look-alikes of 0 and 1 as
    /// digits. 一 is read as the numeral 1, never as a dash.
    static func clean(_ text: String) -> [Character] {
        let compact = String(
            text.precomposedStringWithCompatibilityMapping.compactMap { character -> Character? in
                if character.isWhitespace { return nil }
                if character != "一", let scalar = character.unicodeScalars.first,
                    character.unicodeScalars.count == 1,
                    DigitLookalikes.dashes.contains(scalar)
                {
                    return "-"
                }
                return character
            })
        return KanjiNumerals.convert(compact).map { character in
            switch character {
            case "O", "o": "0"
            case "l", "I", "|": "1"
            default: character
            }
        }
    }

    private static func eraDate(_ era: JapaneseEra, _ scanner: inout DateTextScanner)
        -> Result<CalendarDate, DateParseError>
    {
        let eraYear: Int
        if scanner.take("元") {
            eraYear = 1
        } else if let number = scanner.number(maxDigits: 2) {
            eraYear = number
        } else {
            return .failure(.unreadable)
        }
        guard let (month, day) = scanner.monthAndDay() else { return .failure(.unreadable) }
        if eraYear == 0 {
            return .failure(.eraOutOfRange(reason: "era years start at 元年 (year 1)"))
        }
        return calendarDate(year: era.gregorianYear(eraYear), month: month, day: day).flatMap { date in
            check(date, isIn: era)
        }
    }

    private static func western(_ scanner: inout DateTextScanner) -> Result<CalendarDate, DateParseError> {
        if let compact = scanner.compactDate() {
            return calendarDate(year: compact.year, month: compact.month, day: compact.day)
        }
        guard let year = scanner.number(exactDigits: 4), let (month, day) = scanner.monthAndDay() else {
            return .failure(.unreadable)
        }
        return calendarDate(year: year, month: month, day: day)
    }

    private static func calendarDate(year: Int, month: Int, day: Int) -> Result<CalendarDate, DateParseError>
    {
        if !(1...12).contains(month) {
            return .failure(.impossibleDate(reason: "the month must be between 1 and 12"))
        }
        if !(1...9999).contains(year) {
            return .failure(.impossibleDate(reason: "the year must be between 1 and 9999"))
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            let reason =
                month == 2 && day == 29
                ? "29 February exists only in leap years, and that year is not one"
                : "that month has no such day"
            return .failure(.impossibleDate(reason: reason))
        }
        return .success(date)
    }

    private static func check(_ date: CalendarDate, isIn era: JapaneseEra) -> Result<
        CalendarDate, DateParseError
    > {
        if date < era.firstDay {
            if era == .meiji {
                return .failure(
                    .eraOutOfRange(
                        reason: "明治 dates before 明治6年1月1日 (1873-01-01) are in the old lunisolar "
                            + "calendar and cannot be converted"))
            }
            return .failure(
                .eraOutOfRange(
                    reason: "\(era.rawValue) began on \(era.text(for: era.firstDay)) (\(era.firstDay.iso))"))
        }
        if let last = era.lastDay, date > last {
            return .failure(
                .eraOutOfRange(reason: "\(era.rawValue) ended on \(era.text(for: last)) (\(last.iso))"))
        }
        return .success(date)
    }
}
