import Foundation
import Ledger
import Testing
import Workflow

@testable import Pipeline

/// What a person's resolution tells the ledger: outcome, minutes, and since ledger schema v3 who
/// resolved it, whether the minutes were measured, and which fields they changed.
@Suite("Counting resolutions in the ledger")
struct LedgerCounterTests {
    /// A document of `workflow` that went to review and was resolved with `resolution`.
    private func resolved(_ label: String, _ workflow: Workflow, _ resolution: Resolution) -> DocumentResult {
        DocumentResult(
            document: DocumentHash.sha256(text: label), file: "\(label).tif", workflow: workflow.id,
            version: workflow.version, processedAt: Date(), outcome: .accepted, pages: 1, seconds: 1,
            fields: [],
            problems: [], resolution: resolution)
    }

    @Test("the reviewer, measured minutes and changed field names reach the ledger; typed minutes stay typed")
    func resolutionDetails() throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try BatchTests.workflow("juminhyo")
        let counter = try #require(try LedgerCounter(workflow: workflow, path: scratch.ledger))
        var station = Resolution(at: Date(), minutes: 0.75, corrected: ["生年月日"], rejected: false)
        station.reviewer = "山田 花子"
        station.measured = true
        #expect(try counter.count(resolved("station", workflow, station)) == 1)
        let typed = Resolution(at: Date(), minutes: 2, corrected: [], rejected: false)
        #expect(try counter.count(resolved("typed", workflow, typed)) == 1)

        let entries = try counter.ledger.auditTrail().resolutions
        #expect(entries.map(\.reviewer) == ["山田 花子", nil])
        #expect(entries.map(\.measured) == [true, false])
        #expect(entries.map(\.fieldsChanged) == [["生年月日"], []])
        #expect(entries.map(\.outcome) == [.corrected, .accepted])
        let line = try #require(try counter.ledger.report().reviewTimes.first)
        #expect(line.measuredReviews == 1 && line.typedReviews == 1 && line.measuredMedianMinutes == 0.75)
        #expect(try counter.ledger.verify().isIntact)
    }
}
