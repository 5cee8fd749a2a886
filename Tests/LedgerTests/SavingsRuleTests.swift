import Foundation
import Testing

@testable import Ledger

@Suite("Savings rules are versioned, never edited")
struct SavingsRuleTests {
    @Test("registering the same rule again stores nothing; different minutes make a new version")
    func versions() throws {
        let folder = try TempFolder()
        let ledger = try Ledger(path: folder.ledgerPath)
        let first = try ledger.register(rule: try Fixture.juminidoRule())
        guard case .created(let v1) = first else {
            Issue.record("first registration should create version 1")
            return
        }
        #expect(v1.ruleID == "juminido/v1")
        var same = try Fixture.juminidoRule(from: "2024-05-01")
        #expect(try ledger.register(rule: same) == .unchanged(v1))
        same.baselineMinutesPerDocument = 12
        guard case .created(let v2) = try ledger.register(rule: same) else {
            Issue.record("changed minutes should create version 2")
            return
        }
        #expect(v2.ruleID == "juminido/v2" && v2.version == 2)
        #expect(try ledger.rules().map(\.ruleID) == ["juminido/v1", "juminido/v2"])
    }

    @Test("a new version may not start before the version it replaces")
    func noChangesInThePast() throws {
        let folder = try TempFolder()
        let ledger = try Ledger(path: folder.ledgerPath)
        try ledger.register(rule: try Fixture.juminidoRule(from: "2024-06-01"))
        var earlier = try Fixture.juminidoRule(from: "2024-04-01")
        earlier.handlingMinutesPerDocument = 2
        #expect(
            throws: LedgerError.ruleStartsTooEarly(
                workflow: "juminido", validFrom: try Fixture.day("2024-04-01"),
                currentFrom: try Fixture.day("2024-06-01"))
        ) { try ledger.register(rule: earlier) }
    }

    @Test("a rule changed from a date leaves earlier months' figures unchanged")
    func changeKeepsEarlierFigures() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try ledger.record(Fixture.entry("april", at: try Fixture.tokyo(2024, 4, 15)))
        try ledger.record(Fixture.entry("may", at: try Fixture.tokyo(2024, 5, 15)))
        let april = ReportQuery(
            from: try Fixture.day("2024-04-01"), to: try Fixture.day("2024-05-31"), groupings: [.month])
        let before = try ledger.report(april)

        var changed = try Fixture.juminidoRule(from: "2024-06-01")
        changed.baselineMinutesPerDocument = 30
        try ledger.register(rule: changed)
        // A late document dated in May is still counted under the May rule (v1).
        try ledger.record(Fixture.entry("late-may", at: try Fixture.tokyo(2024, 5, 31, 23, 59)))
        try ledger.record(Fixture.entry("june", at: try Fixture.tokyo(2024, 6, 1, 0, 0)))

        let after = try ledger.report(april)
        let aprilBefore = before.breakdowns[0].lines.first { $0.key == "2024-04" }
        let aprilAfter = after.breakdowns[0].lines.first { $0.key == "2024-04" }
        #expect(aprilBefore == aprilAfter)
        #expect(aprilAfter?.figures.baselineMinutes == 12)  // 10 + 4 fields × 0.5
        let months = try ledger.report(ReportQuery(groupings: [.month])).breakdowns[0].lines
        #expect(months.map(\.key) == ["2024-04", "2024-05", "2024-06"])
        #expect(months[1].figures.baselineMinutes == 24)  // two May documents under v1
        #expect(months[2].figures.baselineMinutes == 32)  // 30 + 4 × 0.5 under v2
    }

    @Test("recording with no rule valid on the document's day says how to fix it")
    func noRule() throws {
        let folder = try TempFolder()
        let ledger = try Ledger(path: folder.ledgerPath)
        try ledger.register(rule: try Fixture.juminidoRule(from: "2024-06-01"))
        let error = LedgerError.noSavingsRule(workflow: "juminido", day: try Fixture.day("2024-05-31"))
        #expect(throws: error) {
            try ledger.record(Fixture.entry("early", at: try Fixture.tokyo(2024, 5, 31)))
        }
        #expect(error.description.contains("register one valid from 2024-05-31 or earlier"))
    }
}
