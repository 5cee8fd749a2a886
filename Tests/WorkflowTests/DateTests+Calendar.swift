import Foundation
import Testing

@testable import JapaneseCalendar
@testable import Workflow

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test func validatesAndPrintsISO() throws {
        #expect(CalendarDate(year: 2024, month: 2, day: 30) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29)?.iso == "2024-02-29")
        #expect(CalendarDate(year: 987, month: 1, day: 2)?.iso == "0987-01-02")
        #expect(CalendarDate(iso: "2024-04-01") == CalendarDate(year: 2024, month: 4, day: 1))
        #expect(CalendarDate(iso: "2024-4-1") == nil)
        #expect(CalendarDate(iso: "２０２４-04-01") == nil)
        #expect(CalendarDate(iso: "2024-02-30") == nil)
    }

    @Test func ordersByDay() throws {
        let a = try #require(CalendarDate(year: 2019, month: 4, day: 30))
        let b = try #require(CalendarDate(year: 2019, month: 5, day: 1))
        #expect(a < b)
        #expect([b, a].sorted() == [a, b])
    }

    @Test(
        "和暦 text",
        arguments: [
            ("2019-05-01", "令和元年5月1日"), ("2019-04-30", "平成31年4月30日"), ("1989-01-08", "平成元年1月8日"),
            ("1989-01-07", "昭和64年1月7日"), ("1926-12-25", "昭和元年12月25日"), ("1912-07-30", "大正元年7月30日"),
            ("1912-07-29", "明治45年7月29日"), ("2025-04-01", "令和7年4月1日"),
        ])
    func japaneseText(iso: String, expected: String) throws {
        let date = try #require(CalendarDate(iso: iso))
        #expect(date.japaneseText == expected)
        #expect(try JapaneseDate.parse(expected).get() == date)
    }

    @Test func noEraBeforeGregorianMeiji() throws {
        #expect(try #require(CalendarDate(iso: "1872-12-31")).japaneseText == nil)
    }

    @Test func dayArithmetic() throws {
        let date = try #require(CalendarDate(iso: "2024-02-28"))
        #expect(date.adding(days: 1)?.iso == "2024-02-29")
        #expect(date.adding(days: 2)?.iso == "2024-03-01")
        #expect(date.adding(days: -59)?.iso == "2023-12-31")
        #expect(date.adding(days: 10_000_000) == nil)
        #expect(try #require(CalendarDate(iso: "1970-01-01")).daysSinceEpoch == 0)
        #expect(try #require(CalendarDate(iso: "2000-03-01")).daysSinceEpoch == 11_017)
    }

    @Test(
        "ages",
        arguments: [
            ("1990-04-01", "2024-03-31", 33), ("1990-04-01", "2024-04-01", 34),
            ("2000-02-29", "2023-02-28", 22),
            ("2000-02-29", "2023-03-01", 23), ("2000-02-29", "2024-02-29", 24),
            ("2024-04-01", "2020-04-01", -4),
        ])
    func yearsBetween(start: String, end: String, years: Int) throws {
        let a = try #require(CalendarDate(iso: start))
        let b = try #require(CalendarDate(iso: end))
        #expect(CalendarDate.yearsBetween(a, b) == years)
    }

    @Test func todayInTokyo() throws {
        // 2024-03-31T15:30:00Z is already 1 April in Tokyo.
        let instant = Date(timeIntervalSince1970: 1_711_899_000)
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(CalendarDate.today(in: tokyo, now: instant).iso == "2024-04-01")
        #expect(
            CalendarDate.today(in: try #require(TimeZone(identifier: "UTC")), now: instant).iso
                == "2024-03-31")
    }

    @Test func codableAsISO() throws {
        let date = try #require(CalendarDate(iso: "2024-04-01"))
        let data = try JSONEncoder().encode([date])
        #expect(String(data: data, encoding: .utf8) == "[\"2024-04-01\"]")
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2024-02-30\"]".utf8))
        }
    }

    @Test func eraTable() {
        #expect(JapaneseEra.reiwa.gregorianYear(7) == 2025)
        #expect(JapaneseEra.allCases.map(\.letter) == ["M", "T", "S", "H", "R"])
        for (earlier, later) in zip(JapaneseEra.allCases, JapaneseEra.allCases.dropFirst()) {
            #expect(earlier.lastDay?.adding(days: 1) == later.firstDay)
        }
    }
}
