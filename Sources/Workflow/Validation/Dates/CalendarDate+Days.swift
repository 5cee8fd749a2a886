/// Day arithmetic for rules (`today - 請求日 <= 90`) and ages (`years_between`).
extension CalendarDate {
    /// Days since 1970-01-01 (proleptic Gregorian), by the civil-from-days algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days later (earlier if negative), or `nil` outside years 1…9999.
    public func adding(days: Int) -> CalendarDate? {
        let (total, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        if overflow { return nil }
        let z = total + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return CalendarDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Whole years from `start` to `end`, as an age is counted: the count goes up on the
    /// anniversary (for 29 February, on 1 March in common years). Negative when `end` is earlier.
    public static func yearsBetween(_ start: CalendarDate, _ end: CalendarDate) -> Int {
        if end < start { return -yearsBetween(end, start) }
        let beforeAnniversary = (end.month, end.day) < (start.month, start.day)
        return end.year - start.year - (beforeAnniversary ? 1 : 0)
    }
}
