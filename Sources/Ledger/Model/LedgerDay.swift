import Foundation
import JapaneseCalendar

/// A calendar day in Japan (Asia/Tokyo), the unit of rule validity and report ranges.
///
/// Period assignment uses Japan time because city halls count their fiscal year in it:
/// a form processed at 2025-04-01 00:10 JST (still 31 March 15:10 in UTC) belongs to
/// 令和7年度, and one at 2025-03-31 23:50 JST belongs to 令和6年度.
public struct LedgerDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Gregorian year, e.g. 2025.
    public let year: Int
    /// Month 1–12.
    public let month: Int
    /// Day of month 1–31.
    public let day: Int

    /// Makes a day, refusing dates that do not exist (2025-02-30).
    public init(year: Int, month: Int, day: Int) throws(LedgerError) {
        let text = LedgerDay.format(year, month, day)
        guard (1...12).contains(month), (1...31).contains(day), (1...9999).contains(year) else {
            throw .invalidDate(text)
        }
        let days = CivilDays.days(year: year, month: month, day: day)
        let back = CivilDays.civil(days: days)
        guard back.year == year, back.month == month, back.day == day else { throw .invalidDate(text) }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(LedgerError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .invalidDate(text) }
        try self.init(year: year, month: month, day: day)
    }

    /// The day in Japan on which `date` falls.
    public init(_ date: Date) {
        let civil = CivilDays.civil(days: TokyoTime.localDays(date))
        self.year = civil.year
        self.month = civil.month
        self.day = civil.day
    }

    /// For dates known to exist (computed from a day number or a month's first day).
    init(unchecked civil: (year: Int, month: Int, day: Int)) {
        self.year = civil.year
        self.month = civil.month
        self.day = civil.day
    }

    /// Days since 1970-01-01, for arithmetic.
    var dayNumber: Int { CivilDays.days(year: year, month: month, day: day) }

    /// The day `count` days later (or earlier when negative).
    public func adding(days count: Int) -> LedgerDay {
        LedgerDay(unchecked: CivilDays.civil(days: dayNumber + count))
    }

    /// Midnight at the start of this day in Japan.
    public var startInstant: Date {
        Date(timeIntervalSince1970: TimeInterval(dayNumber * 86_400 - TokyoTime.offsetSeconds))
    }

    /// `YYYY-MM-DD`.
    public var description: String { LedgerDay.format(year, month, day) }

    public static func < (lhs: LedgerDay, rhs: LedgerDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}

/// Left-pads a non-negative number with zeros.
func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
