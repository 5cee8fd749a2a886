import Foundation
import Testing

@testable import JapaneseCalendar
@testable import Workflow

@Suite("和暦 and 西暦 dates")
struct DateTests {
    private func iso(_ text: String) -> String? {
        try? JapaneseDate.parse(text).get().iso
    }

    @Test(
        "accepted spellings",
        arguments: [
            ("令和7年4月1日", "2025-04-01"), ("令和元年5月1日", "2019-05-01"), ("令和1年5月1日", "2019-05-01"),
            ("令和７年４月１日", "2025-04-01"), ("R7.4.1", "2025-04-01"), ("R7/4/1", "2025-04-01"),
            ("r7-4-1", "2025-04-01"), ("R07.04.01", "2025-04-01"), ("R7年4月1日", "2025-04-01"),
            ("H31.4.30", "2019-04-30"), ("S63.1.7", "1988-01-07"), ("T15.12.24", "1926-12-24"),
            ("M45.7.29", "1912-07-29"), ("平成3 1年4月30日", "2019-04-30"), ("平 成 31 年 4 月 30 日", "2019-04-30"),
            ("令和\u{3000}7年\u{3000}4月\u{3000}1日", "2025-04-01"), ("㍻31年4月30日", "2019-04-30"),
            ("令和七年四月一日", "2025-04-01"), ("令和元年十二月三十一日", "2019-12-31"),
            ("西暦2024年4月1日", "2024-04-01"), ("2024年4月1日", "2024-04-01"), ("2024-04-01", "2024-04-01"),
            ("2024/4/1", "2024-04-01"), ("2024.4.1", "2024-04-01"), ("20240401", "2024-04-01"),
            ("２０２４／４／１", "2024-04-01"), ("2024,4,1", "2024-04-01"),
        ])
    func accepted(text: String, expected: String) {
        #expect(iso(text) == expected)
    }

    @Test(
        "OCR variants that are safe to undo",
        arguments: [
            ("令和7年4月1H", "2025-04-01"), ("令和7年4月1口", "2025-04-01"), ("令和7年4月1曰", "2025-04-01"),
            ("令和7年4月1", "2025-04-01"), ("令和7生4月1日", "2025-04-01"), ("昭和50年1月1日生", "1975-01-01"),
            ("R7.4.l", "2025-04-01"), ("2O24-O4-O1", "2024-04-01"), ("令和7年4月1O日", "2025-04-10"),
            ("令和7年〇4月1日", "2025-04-01"), ("2024ー04ー01", "2024-04-01"), ("R7－4－1", "2025-04-01"),
            ("2024‐4‐1", "2024-04-01"),
        ])
    func ocrVariants(text: String, expected: String) {
        #expect(iso(text) == expected)
    }

    @Test(
        "unreadable",
        arguments: [
            "", "令和", "令和年4月1日", "令和7年4月", "7年4月1日", "24/4/1", "2024年4/1", "2024/4月1日", "令和7年4月1日 午前",
            "昭和50生1.1", "R123.4.1", "X7.4.1", "2024-04-01-02", "山田花子", "2024401", "令和7年4月1日日", "2024一04一01",
        ])
    func unreadable(text: String) {
        #expect(JapaneseDate.parse(text) == .failure(.unreadable))
    }

    @Test(
        "each era boundary, both sides",
        arguments: [
            ("明治45年7月29日", "1912-07-29"), ("大正元年7月30日", "1912-07-30"), ("大正15年12月24日", "1926-12-24"),
            ("昭和元年12月25日", "1926-12-25"), ("昭和64年1月7日", "1989-01-07"), ("平成元年1月8日", "1989-01-08"),
            ("平成31年4月30日", "2019-04-30"), ("令和元年5月1日", "2019-05-01"), ("明治6年1月1日", "1873-01-01"),
        ])
    func boundaryDaysExist(text: String, expected: String) {
        #expect(iso(text) == expected)
    }

    @Test(
        "days outside their era are impossible",
        arguments: [
            ("明治45年7月30日", "明治 ended on 明治45年7月29日 (1912-07-29)"),
            ("大正元年7月29日", "大正 began on 大正元年7月30日 (1912-07-30)"),
            ("大正15年12月25日", "大正 ended on 大正15年12月24日 (1926-12-24)"),
            ("昭和元年12月24日", "昭和 began on 昭和元年12月25日 (1926-12-25)"),
            ("昭和64年1月8日", "昭和 ended on 昭和64年1月7日 (1989-01-07)"),
            ("平成元年1月7日", "平成 began on 平成元年1月8日 (1989-01-08)"),
            ("平成31年5月1日", "平成 ended on 平成31年4月30日 (2019-04-30)"),
            ("H31.5.1", "平成 ended on 平成31年4月30日 (2019-04-30)"),
            ("令和1年4月30日", "令和 began on 令和元年5月1日 (2019-05-01)"),
            ("平成32年1月1日", "平成 ended on 平成31年4月30日 (2019-04-30)"),
            ("令和0年5月1日", "era years start at 元年 (year 1)"),
        ])
    func outsideEra(text: String, reason: String) {
        #expect(JapaneseDate.parse(text) == .failure(.eraOutOfRange(reason: reason)))
    }

    @Test func meijiBeforeTheGregorianCalendarIsRefused() {
        guard case .failure(.eraOutOfRange(let reason)) = JapaneseDate.parse("明治5年12月2日") else {
            Issue.record("expected eraOutOfRange")
            return
        }
        #expect(reason.contains("lunisolar"))
    }

    @Test(
        "days that do not exist",
        arguments: [
            "2024年2月30日", "平成31年2月29日", "2023-02-29", "2024-13-01", "2024-00-10", "令和7年4月31日", "R7.4.0",
            "0000-01-01",
        ]
    )
    func impossible(text: String) {
        guard case .failure(.impossibleDate) = JapaneseDate.parse(text) else {
            Issue.record("expected impossibleDate")
            return
        }
    }

    @Test func leapDays() {
        #expect(iso("令和6年2月29日") == "2024-02-29")
        #expect(iso("2000-02-29") == "2000-02-29")
        #expect(iso("平成12年2月29日") == "2000-02-29")
        #expect(
            JapaneseDate.parse("1900-02-29") != .success(CalendarDate(checkedYear: 1900, month: 2, day: 28)))
        #expect(iso("1900-02-29") == nil)
    }

    @Test func messagesNeverRepeatTheDate() {
        for text in ["平成31年5月1日", "2024年2月30日", "令和0年5月1日", "2023-02-29", "1975年13月1日"] {
            guard case .failure(let error) = JapaneseDate.parse(text) else {
                Issue.record("expected a failure")
                continue
            }
            #expect(!error.description.contains(text))
            #expect(!error.description.contains("2月30"))
            #expect(!error.description.contains("1975"))
        }
    }
}
