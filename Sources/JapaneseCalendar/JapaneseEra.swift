/// The modern Japanese eras (元号) a form's date can be written in, with their exact first and
/// last days.
///
/// Each change took effect at the start of a day, and the old era's name no longer applies from that
/// day: 明治45年7月29日 is followed by 大正元年7月30日, 大正15年12月24日 by 昭和元年12月25日,
/// 昭和64年1月7日 by 平成元年1月8日, 平成31年4月30日 by 令和元年5月1日.
public enum JapaneseEra: String, Sendable, CaseIterable, Codable {
    case meiji = "明治"
    case taisho = "大正"
    case showa = "昭和"
    case heisei = "平成"
    case reiwa = "令和"

    /// The one-letter abbreviation used in R7.4.1, H31.4.30, S63.1.7.
    public var letter: Character {
        switch self {
        case .meiji: "M"
        case .taisho: "T"
        case .showa: "S"
        case .heisei: "H"
        case .reiwa: "R"
        }
    }

    /// The first day a date in this era can be converted.
    ///
    /// 明治 began in 1868, but until 明治5年 Japan used the lunisolar calendar; the Gregorian
    /// calendar starts on 明治6年1月1日 (1873-01-01), so earlier 明治 dates are not converted.
    public var firstDay: CalendarDate {
        switch self {
        case .meiji: CalendarDate(checkedYear: 1873, month: 1, day: 1)
        case .taisho: CalendarDate(checkedYear: 1912, month: 7, day: 30)
        case .showa: CalendarDate(checkedYear: 1926, month: 12, day: 25)
        case .heisei: CalendarDate(checkedYear: 1989, month: 1, day: 8)
        case .reiwa: CalendarDate(checkedYear: 2019, month: 5, day: 1)
        }
    }

    /// The last day of the era, or `nil` for the current one.
    public var lastDay: CalendarDate? {
        switch self {
        case .meiji: CalendarDate(checkedYear: 1912, month: 7, day: 29)
        case .taisho: CalendarDate(checkedYear: 1926, month: 12, day: 24)
        case .showa: CalendarDate(checkedYear: 1989, month: 1, day: 7)
        case .heisei: CalendarDate(checkedYear: 2019, month: 4, day: 30)
        case .reiwa: nil
        }
    }

    /// Gregorian year of era year 1 (元年).
    var firstYear: Int {
        switch self {
        case .meiji: 1868
        case .taisho: 1912
        case .showa: 1926
        case .heisei: 1989
        case .reiwa: 2019
        }
    }

    /// The Gregorian year of an era year: 令和7 → 2025.
    public func gregorianYear(_ eraYear: Int) -> Int { firstYear + eraYear - 1 }

    /// The era a date falls in, or `nil` before 明治6年 (1873).
    public static func era(of date: CalendarDate) -> JapaneseEra? {
        allCases.last { $0.firstDay <= date }
    }

    /// The era's own spelling of a day, e.g. "令和元年5月1日".
    public func text(for date: CalendarDate) -> String {
        let eraYear = date.year - firstYear + 1
        return rawValue + (eraYear == 1 ? "元" : String(eraYear)) + "年\(date.month)月\(date.day)日"
    }
}

extension CalendarDate {
    /// The 和暦 spelling ("令和7年4月1日", "平成元年1月8日"), or `nil` before 1873.
    public var japaneseText: String? {
        JapaneseEra.era(of: self).map { $0.text(for: self) }
    }
}
