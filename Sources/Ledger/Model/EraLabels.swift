/// Japanese era (和暦) names for report labels.
///
/// Only the eras a city's records can reach are named; earlier years fall back to the
/// Gregorian year alone.
enum EraLabels {
    /// Era name and year number of a month: 2019-04 is 平成31年, 2019-05 is 令和元年.
    static func yearLabel(year: Int, month: Int) -> String? {
        if year > 2019 || (year == 2019 && month >= 5) { return "令和" + number(year - 2018) + "年" }
        if year >= 1989 { return "平成" + number(year - 1988) + "年" }
        if year >= 1926 { return "昭和" + number(year - 1925) + "年" }
        return nil
    }

    /// The 年度 label of the fiscal year that starts in April of `fiscalYear`.
    ///
    /// The fiscal year is named after the era in force when it ends, as city halls do:
    /// April 2019 – March 2020 is 令和元年度 though April 2019 was still 平成31年.
    static func fiscalYearLabel(_ fiscalYear: Int) -> String? {
        if fiscalYear >= 2019 { return "令和" + number(fiscalYear - 2018) + "年度" }
        if fiscalYear >= 1989 { return "平成" + number(fiscalYear - 1988) + "年度" }
        if fiscalYear >= 1926 { return "昭和" + number(fiscalYear - 1925) + "年度" }
        return nil
    }

    /// Era year 1 is written 元.
    private static func number(_ year: Int) -> String { year == 1 ? "元" : String(year) }
}
