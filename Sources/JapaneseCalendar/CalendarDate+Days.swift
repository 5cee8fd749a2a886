/// Day arithmetic for rules (`today - 請求日 <= 90`) and ages (`years_between`).
extension CalendarDate {
    /// Days since 1970-01-01 (proleptic Gregorian), by the civil-from-days algorithm.
    public var daysSinceEpoch: Int { CivilDays.days(year: year, month: month, day: day) }

    /// The date `days` days later (earlier if negative), or `nil` outside years 1…9999.
    public func adding(days: Int) -> CalendarDate? {
        let (total, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        if overflow { return nil }
        let civil = CivilDays.civil(days: total)
        return CalendarDate(year: civil.year, month: civil.month, day: civil.day)
    }

    /// Whole years from `start` to `end`, as an age is counted: the count goes up on the
    /// anniversary (for 29 February, on 1 March in common years). Negative when `end` is earlier.
    public static func yearsBetween(_ start: CalendarDate, _ end: CalendarDate) -> Int {
        if end < start { return -yearsBetween(end, start) }
        let beforeAnniversary = (end.month, end.day) < (start.month, start.day)
        return end.year - start.year - (beforeAnniversary ? 1 : 0)
    }
}
