import Foundation
import JapaneseCalendar

/// Japan Standard Time, the clock the ledger writes and groups by.
///
/// Asia/Tokyo has been UTC+09:00 with no daylight saving since 1951, so a fixed offset is
/// exact for every date the ledger can meet, and needs no time-zone database on the machine.
enum TokyoTime {
    /// Seconds east of UTC.
    static let offsetSeconds = 9 * 3600

    /// Whole milliseconds since 1970 (rounded down), the precision the ledger keeps.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The local day number (days since 1970-01-01 in Japan) of an instant.
    static func localDays(_ date: Date) -> Int {
        let local = milliseconds(date) + Int64(offsetSeconds) * 1000
        return Int(floorDivide(local, 86_400_000))
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmm+09:00`: sorts as text in time order, and its first
    /// 7 and 10 characters are the Japanese month and day.
    static func timestamp(_ date: Date) -> String {
        let local = milliseconds(date) + Int64(offsetSeconds) * 1000
        let days = floorDivide(local, 86_400_000)
        let inDay = Int(local - days * 86_400_000)
        let civil = CivilDays.civil(days: Int(days))
        let hour = inDay / 3_600_000
        let minute = inDay / 60_000 % 60
        let second = inDay / 1000 % 60
        let milli = inDay % 1000
        return LedgerDay.format(civil.year, civil.month, civil.day) + "T" + pad(hour, 2) + ":"
            + pad(minute, 2) + ":" + pad(second, 2) + "." + pad(milli, 3) + "+09:00"
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }
}
