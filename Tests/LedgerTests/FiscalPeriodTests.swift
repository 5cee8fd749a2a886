import Foundation
import Testing

@testable import Ledger

@Suite("Fiscal years, half-years and months in Japan time")
struct FiscalPeriodTests {
    @Test("31 March 23:59:59 JST is in the old fiscal year, 1 April 00:00 JST in the new one")
    func boundary() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try ledger.record(Fixture.entry("last", at: try Fixture.tokyo(2025, 3, 31, 23, 59, 59.999)))
        try ledger.record(Fixture.entry("first", at: try Fixture.tokyo(2025, 4, 1, 0, 0)))
        // 15:30 UTC on 31 March is already 00:30 on 1 April in Tokyo.
        let utc = try #require(ISO8601DateFormatter().date(from: "2025-03-31T15:30:00Z"))
        try ledger.record(Fixture.entry("utc-march", at: utc))
        let report = try ledger.report(ReportQuery(groupings: [.fiscalYear, .half, .month]))
        let years = report.breakdowns[0].lines
        #expect(years.map(\.key) == ["FY2024", "FY2025"])
        #expect(years.map(\.figures.documents) == [1, 2])
        #expect(years.map(\.label) == ["令和6年度 (FY2024)", "令和7年度 (FY2025)"])
        #expect(report.breakdowns[1].lines.map(\.key) == ["FY2024-H2", "FY2025-H1"])
        #expect(report.breakdowns[2].lines.map(\.key) == ["2025-03", "2025-04"])

        let fy2024 = ReportQuery(from: FiscalYear(2024).firstDay, to: FiscalYear(2024).lastDay)
        #expect(try ledger.report(fy2024).totals.documents == 1)
    }

    @Test("timestamps are written in Japan time")
    func timestamps() throws {
        let utc = try #require(ISO8601DateFormatter().date(from: "2025-03-31T15:30:00Z"))
        #expect(TokyoTime.timestamp(utc) == "2025-04-01T00:30:00.000+09:00")
        #expect(LedgerDay(utc).description == "2025-04-01")
        #expect(
            TokyoTime.timestamp(try Fixture.tokyo(2024, 2, 29, 23, 59, 59.5))
                == "2024-02-29T23:59:59.500+09:00")
    }

    @Test("fiscal-year labels: 令和元年度 is FY2019, 平成30年度 FY2018")
    func labels() {
        #expect(FiscalYear(2019).japaneseLabel == "令和元年度")
        #expect(FiscalYear(2018).japaneseLabel == "平成30年度")
        #expect(FiscalYear(2026).label == "令和8年度 (FY2026)")
        #expect(YearMonth(year: 2019, month: 4).japaneseLabel == "平成31年4月")
        #expect(YearMonth(year: 2019, month: 5).japaneseLabel == "令和元年5月")
        #expect(YearMonth(year: 2020, month: 1).fiscalYear == FiscalYear(2019))
        #expect(YearMonth(year: 2024, month: 9).half.key == "FY2024-H1")
        #expect(YearMonth(year: 2024, month: 10).half.label == "令和6年度 下期 (FY2024 H2)")
        #expect(FiscalYear(2024).firstDay.description == "2024-04-01")
        #expect(FiscalYear(2024).lastDay.description == "2025-03-31")
    }

    @Test("fiscal years are read as people write them")
    func parsing() throws {
        for text in ["2024", "FY2024", "fy2024", "R6", "令和6年度", "令和6"] {
            #expect(try FiscalYear(parsing: text) == FiscalYear(2024), "\(text)")
        }
        #expect(try FiscalYear(parsing: "令和元年度") == FiscalYear(2019))
        #expect(try FiscalYear(parsing: "H30") == FiscalYear(2018))
        #expect(throws: LedgerError.self) { try FiscalYear(parsing: "next year") }
    }

    @Test("days that do not exist are refused")
    func days() throws {
        #expect(throws: LedgerError.invalidDate("2025-02-29")) { try LedgerDay(parsing: "2025-02-29") }
        #expect(throws: LedgerError.invalidDate("2025/04/01")) { try LedgerDay(parsing: "2025/04/01") }
        #expect(try LedgerDay(parsing: "2024-02-29").adding(days: 1).description == "2024-03-01")
    }
}
