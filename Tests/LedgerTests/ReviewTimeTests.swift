import Foundation
import Testing

@testable import Ledger

/// Reports set the median of measured review minutes beside the savings rule's estimate and flag
/// an estimate that is off by more than 25%.
@Suite("Measured review minutes against the estimate")
struct ReviewTimeTests {
    /// Records reviewed 住民異動届 documents (estimate 4 min) and resolves each with `minutes`.
    private func resolve(
        _ ledger: Ledger, _ reviews: [(label: String, minutes: Double, measured: Bool)], month: Int = 9
    ) throws {
        for review in reviews {
            try ledger.record(
                Fixture.entry(review.label, at: try Fixture.tokyo(2024, month, 2), outcome: .reviewed))
            try ledger.resolveReview(
                documentHash: Fixture.hash(review.label), workflow: "juminido", version: "1",
                minutesSpent: review.minutes, reviewer: "山田", measured: review.measured)
        }
    }

    @Test(
        "the median is over measured minutes only, a correction replaces them, and an estimate off by −50% is flagged"
    )
    func medianAndFlag() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try resolve(
            ledger,
            [("m1", 1, true), ("m2", 2, true), ("m3", 30, true), ("t1", 0.1, false), ("t2", 9, false)])
        try ledger.record(Fixture.entry("waiting", at: try Fixture.tokyo(2024, 9, 2), outcome: .reviewed))
        // m3's 30 minutes, corrected to 1.5, make the median 1.5 instead of 2; typed minutes stay out.
        try ledger.correctReview(
            documentHash: Fixture.hash("m3"), workflow: "juminido", version: "1", minutesSpent: 1.5)
        let line = try #require(try ledger.report().reviewTimes.first)
        #expect(try ledger.report().reviewTimes.count == 1)
        #expect(line.workflow == "juminido" && line.ruleID == "juminido/v1" && line.label == "juminido")
        #expect(line.estimateMinutes == 4)
        #expect(line.measuredReviews == 3 && line.typedReviews == 2)
        #expect(line.measuredMedianMinutes == 1.5)
        #expect(close(line.deviation, -0.625))
        #expect(line.estimateOff)
        #expect(
            line.summary
                == "estimate 4.0 min, measured median 1.5 min over 3 reviews: the estimate is off by −62.5%; "
                + "update the savings rule")
    }

    @Test("no measured review: no median and no flag, however far typed minutes are")
    func typedOnly() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try resolve(ledger, [("t1", 0.1, false), ("t2", 0.2, false)])
        let line = try #require(try ledger.report().reviewTimes.first)
        #expect(line.measuredReviews == 0 && line.typedReviews == 2)
        #expect(line.measuredMedianMinutes == nil && line.deviation == nil && !line.estimateOff)
        #expect(line.summary == "estimate 4.0 min, no measured reviews yet (2 typed)")
        // No resolved review at all: no line.
        let empty = try TempFolder()
        let fresh = try Fixture.ledger(in: empty)
        try fresh.record(Fixture.entry("w", at: try Fixture.tokyo(2024, 9, 2), outcome: .reviewed))
        #expect(try fresh.report().reviewTimes.isEmpty)
    }

    @Test(
        "exactly 25% off is within the estimate; a thousandth of a minute more is flagged",
        arguments: [
            (5.0, false), (3.0, false), (5.004, true), (2.996, true), (4.0, false),
        ])
    func boundary(median: Double, flagged: Bool) throws {
        let sample = { (minutes: Double) in
            ReviewSample(
                workflow: "w", ruleID: "w/v1", day: try Fixture.day("2024-09-02"), estimate: 4,
                minutes: minutes,
                measured: true)
        }
        let line = ReviewTimeLine(
            workflow: "w", label: "w", ruleID: "w/v1", estimate: 4, samples: [try sample(median)])
        #expect(line.estimateOff == flagged, "\(line.summary)")
        #expect(line.summary.hasSuffix(flagged ? "update the savings rule" : "within 25% of the estimate"))
    }

    @Test("medians of even counts, and a rule that estimates no review time")
    func medianEdges() throws {
        #expect(ReviewTimeLine.median([]) == nil)
        #expect(ReviewTimeLine.median([3]) == 3)
        #expect(ReviewTimeLine.median([4, 1, 3, 2]) == 2.5)
        let day = try Fixture.day("2024-09-02")
        let zero = ReviewTimeLine(
            workflow: "w", label: "w", ruleID: "w/v1", estimate: 0,
            samples: [
                ReviewSample(
                    workflow: "w", ruleID: "w/v1", day: day, estimate: 0, minutes: 0.5, measured: true)
            ])
        #expect(zero.estimateOff && zero.deviation == nil)
        #expect(zero.summary.hasSuffix("the rule estimates no review time; update the savings rule"))
    }

    @Test("lines follow the report's period and split by savings rule version")
    func periodAndRuleVersions() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try resolve(ledger, [("sep", 1, true)], month: 9)
        var faster = try Fixture.juminidoRule(from: "2024-10-01")
        faster.reviewMinutesPerDocument = 1
        try ledger.register(rule: faster)
        try resolve(ledger, [("oct1", 1.2, true), ("oct2", 0.9, true)], month: 10)
        let lines = try ledger.report().reviewTimes
        #expect(lines.map(\.ruleID) == ["juminido/v1", "juminido/v2"])
        #expect(lines.map(\.estimateOff) == [true, false])
        #expect(lines[1].measuredMedianMinutes == 1.05)
        let october = try ledger.report(ReportQuery(from: try Fixture.day("2024-10-01")))
        #expect(october.reviewTimes.map(\.ruleID) == ["juminido/v2"])
    }

    @Test("every format shows the comparison: text, JSON with stable keys, CSV columns, HTML")
    func formats() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try ledger.label(workflow: "juminido", name: "住民異動届")
        try resolve(ledger, [("m1", 0.4, true), ("m2", 0.5, true), ("m3", 0.3, true)])
        try ledger.register(rule: try Fixture.inkanRule())
        try ledger.record(
            Fixture.entry("i1", at: try Fixture.tokyo(2024, 9, 2), workflow: "inkan", outcome: .reviewed))
        try ledger.resolveReview(
            documentHash: Fixture.hash("i1"), workflow: "inkan", version: "1", minutesSpent: 2)
        let report = try ledger.report()
        let flagged =
            "estimate 4.0 min, measured median 0.4 min over 3 reviews: the estimate is off by −90%; "
            + "update the savings rule"

        let text = ReportFormat.table.render(report)
        #expect(text.contains(ReviewTimesRender.title))
        #expect(text.contains("! 住民異動届 (juminido/v1): " + flagged))
        #expect(!text.contains("! inkan"))

        let json = ReportFormat.json.render(report)
        #expect(try JSONDecoder().decode(LedgerReport.self, from: Data(json.utf8)) == report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let lines = try #require(object["reviewTimes"] as? [[String: Any]])
        let keys: Set = [
            "workflow", "label", "ruleID", "estimateMinutes", "measuredReviews", "typedReviews",
            "measuredMedianMinutes", "deviation", "estimateOff", "summary",
        ]
        #expect(lines.allSatisfy { Set($0.keys) == keys })
        #expect(lines.first { $0["ruleID"] as? String == "inkan/v1" }?["measuredMedianMinutes"] is NSNull)

        let csv = ReportFormat.csv.render(report).dropFirst().components(separatedBy: "\r\n").dropLast()
        let width = CSVReport.headers.count
        #expect(csv.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width })
        #expect(csv.first?.hasSuffix(",確認見積(分),確認実測中央値(分),実測件数,入力件数,見積との差(%),要見直し") == true)
        #expect(
            csv.contains("確認時間 (review minutes),juminido/v1,住民異動届,,,,,,,,,,,,,4.000,0.400,3,0,-90.0,要見直し"))
        #expect(csv.contains("確認時間 (review minutes),inkan/v1,inkan,,,,,,,,,,,,,2.000,,0,1,,"))

        let html = ReportFormat.html.render(report)
        #expect(html.contains("<tr class=\"off\"><td>住民異動届</td><td>juminido/v1</td>"))
        #expect(html.contains(flagged))
        #expect(html.contains("estimate 2.0 min, no measured reviews yet (1 typed)"))
    }
}
