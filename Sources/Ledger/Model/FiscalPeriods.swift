/// A calendar month in Japan, the smallest period reports group by.
public struct YearMonth: Sendable, Hashable, Comparable, Codable {
    /// Gregorian year.
    public let year: Int
    /// Month 1–12.
    public let month: Int

    /// Makes a month (the month is taken modulo 12 into the right year).
    public init(year: Int, month: Int) {
        let index = year * 12 + (month - 1)
        self.year = index >= 0 ? index / 12 : (index - 11) / 12
        self.month = index - self.year * 12 + 1
    }

    /// The month a day falls in.
    public init(_ day: LedgerDay) { self.init(year: day.year, month: day.month) }

    /// Reads the `YYYY-MM` prefix of a ledger timestamp.
    init?(key: Substring) {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    /// `YYYY-MM`.
    public var key: String { pad(year, 4) + "-" + pad(month, 2) }
    /// 令和6年4月.
    public var japaneseLabel: String {
        (EraLabels.yearLabel(year: year, month: month) ?? "\(year)年") + "\(month)月"
    }
    /// The fiscal year (April–March) this month belongs to.
    public var fiscalYear: FiscalYear { FiscalYear(month >= 4 ? year : year - 1) }
    /// The fiscal half-year this month belongs to.
    public var half: FiscalHalf { FiscalHalf(fiscalYear: fiscalYear, second: !(4...9).contains(month)) }
    /// The next month.
    public var next: YearMonth { YearMonth(year: year, month: month + 1) }
    /// The first day of the month.
    var firstDay: LedgerDay { LedgerDay(unchecked: (year, month, 1)) }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}

/// A Japanese fiscal year (年度): fiscal year N runs from 1 April N to 31 March N+1.
public struct FiscalYear: Sendable, Hashable, Comparable, Codable {
    /// The Gregorian year in which the fiscal year starts: 2024 for 令和6年度.
    public let startYear: Int

    /// Fiscal year starting in April of `startYear`.
    public init(_ startYear: Int) { self.startYear = startYear }

    /// The fiscal year a day belongs to.
    public init(containing day: LedgerDay) { self = YearMonth(day).fiscalYear }

    /// `FY2024`.
    public var key: String { "FY\(startYear)" }
    /// `令和6年度` (令和元年度 for FY2019).
    public var japaneseLabel: String { EraLabels.fiscalYearLabel(startYear) ?? key }
    /// `令和6年度 (FY2024)`.
    public var label: String { "\(japaneseLabel) (\(key))" }
    /// 1 April.
    public var firstDay: LedgerDay { LedgerDay(unchecked: (startYear, 4, 1)) }
    /// 31 March of the next year.
    public var lastDay: LedgerDay { LedgerDay(unchecked: (startYear + 1, 3, 31)) }
    /// April … March.
    public var months: [YearMonth] { (0..<12).map { YearMonth(year: startYear, month: 4 + $0) } }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.startYear < rhs.startYear }
}

/// Half of a fiscal year: 上期 April–September, 下期 October–March, the rhythm of progress reviews.
public struct FiscalHalf: Sendable, Hashable, Comparable, Codable {
    /// The fiscal year this half belongs to.
    public let fiscalYear: FiscalYear
    /// `false` for April–September, `true` for October–March.
    public let second: Bool

    /// Makes a half-year.
    public init(fiscalYear: FiscalYear, second: Bool) {
        self.fiscalYear = fiscalYear
        self.second = second
    }

    /// `FY2024-H1`.
    public var key: String { fiscalYear.key + (second ? "-H2" : "-H1") }
    /// `令和6年度 上期 (FY2024 H1)`.
    public var label: String {
        fiscalYear.japaneseLabel + (second ? " 下期" : " 上期") + " (\(fiscalYear.key) \(second ? "H2" : "H1"))"
    }

    public static func < (lhs: FiscalHalf, rhs: FiscalHalf) -> Bool {
        (lhs.fiscalYear.startYear, lhs.second ? 1 : 0) < (rhs.fiscalYear.startYear, rhs.second ? 1 : 0)
    }
}
