import Foundation
import Testing

@testable import Ledger

/// Figures worked out by hand.
///
/// 住民異動届 (juminido): 10 min/doc + 0.5 min/field, 4 fields → baseline 12 min; handling 1 min;
/// review estimate 4 min. 印鑑登録 (inkan): baseline 6 min; handling 0.5 min.
///
/// | document | outcome  | baseline | remaining     | saved |
/// | j1–j3    | accepted | 3 × 12   | 3 × 1         | 33    |
/// | j4       | waiting  | 12       | 12            | 0     |
/// | j5       | rejected | 12       | 12            | 0     |
/// | j6       | failed   | 12       | 12            | 0     |
/// | i1, i2   | accepted | 2 × 6    | 2 × 0.5       | 11    |
///
/// j4 was sent to review and waits in the queue: it claims nothing until a person resolves it (then
/// 1 + the review's minutes remain: resolved in 4 min, it saves 7).
///
/// juminido: baseline 72, remaining 39, saved 33 → 33/72 = 45.8% △, straight-through 3/6.
/// inkan: baseline 12, remaining 1, saved 11 → 91.7% ○, straight-through 2/2.
/// totals: 8 documents (1 waiting), baseline 84, saved 44 min = 0.733 h, 44/84 = 52.4% △,
/// straight-through 5/8.
@Suite("Report figures match figures worked out by hand")
struct ReportFigureTests {
    private func ledger(_ folder: TempFolder) throws -> Ledger {
        let ledger = try Fixture.ledger(in: folder)
        try ledger.register(rule: try Fixture.inkanRule())
        var idle = try Fixture.inkanRule()
        idle.workflow = "kokuho"
        try ledger.register(rule: idle)
        let march = try Fixture.tokyo(2025, 3, 10)
        let april = try Fixture.tokyo(2025, 4, 10)
        let entries = [
            Fixture.entry("j1", at: march), Fixture.entry("j2", at: march), Fixture.entry("j3", at: april),
            Fixture.entry("j4", at: april, outcome: .reviewed),
            Fixture.entry("j5", at: april, outcome: .rejected),
            Fixture.entry("j6", at: april, outcome: .failed),
            Fixture.entry("i1", at: march, workflow: "inkan", department: "戸籍係"),
            Fixture.entry("i2", at: april, workflow: "inkan", department: "戸籍係"),
        ]
        try ledger.record(batch: entries)
        return ledger
    }

    @Test("totals, reduction rate, straight-through rate and marks")
    func totals() throws {
        let folder = try TempFolder()
        let report = try ledger(folder).report(ReportQuery())
        #expect(report.totals.documents == 8)
        #expect(report.totals.waiting == 1 && report.totals.reviewed == 0)
        #expect(report.totals.baselineMinutes == 84)
        #expect(report.totals.remainingMinutes == 40)
        #expect(report.totals.savedMinutes == 44)
        #expect(close(report.totals.hoursSaved, 44.0 / 60))
        #expect(close(report.totals.reductionRate, 44.0 / 84.0))
        #expect(close(report.totals.straightThroughRate, 5.0 / 8.0))
        #expect(report.totalsMark == .below)
        #expect(close(report.averageWorkflowReductionRate, (33.0 / 72.0 + 11.0 / 12.0) / 2))
    }

    @Test("a review waiting in the queue claims nothing; resolved, it claims what its minutes leave")
    func waitingReview() throws {
        let folder = try TempFolder()
        let ledger = try ledger(folder)
        try ledger.resolveReview(
            documentHash: Fixture.hash("j4"), workflow: "juminido", version: "1", minutesSpent: 4,
            outcome: .accepted)
        let totals = try ledger.report(ReportQuery()).totals
        #expect(totals.waiting == 0 && totals.reviewed == 1 && totals.reviewsResolved == 1)
        // j4: 12 − (1 + 4) = 7 min saved, beside the 44 of the others.
        #expect(totals.savedMinutes == 51)
        #expect(try ledger.verify().isIntact)
    }

    @Test("by workflow: ○ above 75%, △ below, × for a workflow with no runs")
    func byWorkflow() throws {
        let folder = try TempFolder()
        let lines = try ledger(folder).report(ReportQuery(groupings: [.workflow])).breakdowns[0].lines
        #expect(lines.map(\.key) == ["inkan", "juminido", "kokuho"])
        #expect(lines.map(\.mark) == [.met, .below, .stopped])
        #expect(lines[1].figures.savedMinutes == 33)
        #expect(close(lines[1].figures.reductionRate, 33.0 / 72.0))
        #expect(close(lines[1].figures.straightThroughRate, 0.5))
        #expect(lines[0].figures.savedMinutes == 11)
        #expect(lines[2].figures.documents == 0)
    }

    @Test("by department, month and fiscal year, and limited by --from/--to")
    func byPeriod() throws {
        let folder = try TempFolder()
        let ledger = try ledger(folder)
        let report = try ledger.report(ReportQuery(groupings: [.department, .month, .fiscalYear]))
        #expect(report.breakdowns[0].lines.map(\.key) == ["市民課", "戸籍係"])
        #expect(report.breakdowns[0].lines.map(\.figures.savedMinutes) == [33, 11])
        // March: j1, j2 (22 min) + i1 (5.5) = 27.5; April: j3 (11) + j4 (waiting: 0) + i2 (5.5) = 16.5.
        #expect(report.breakdowns[1].lines.map(\.figures.savedMinutes) == [27.5, 16.5])
        #expect(report.breakdowns[2].lines.map(\.key) == ["FY2024", "FY2025"])
        #expect(report.breakdowns[2].lines.map(\.figures.documents) == [3, 5])
        let april = try ledger.report(ReportQuery(from: try Fixture.day("2025-04-01")))
        #expect(april.totals.documents == 5)
        #expect(april.totals.savedMinutes == 16.5)
    }

    @Test("progress against a multi-year target and a workflow's yearly target")
    func targets() throws {
        let folder = try TempFolder()
        let targets = Targets(
            programs: [ProgramTarget(name: "R6–R9", hours: 1, fromFiscalYear: 2024, toFiscalYear: 2027)],
            workflowYears: [
                WorkflowYearTarget(workflow: "juminido", fiscalYear: 2025, hours: 0.1),
                WorkflowYearTarget(workflow: "kokuho", fiscalYear: 2025, hours: 10),
            ])
        let asOf = try Fixture.tokyo(2025, 9, 30, 12)
        let report = try ledger(folder).report(ReportQuery(targets: targets, asOf: asOf))
        let program = try #require(report.programs.first)
        #expect(close(program.achievedHours, 44.0 / 60))
        #expect(program.byFiscalYear.map(\.fiscalYear.startYear) == [2024, 2025, 2026, 2027])
        // FY2024: j1, j2, i1 = 27.5 min; FY2025: 16.5 min.
        #expect(close(program.byFiscalYear[0].hours, 27.5 / 60))
        // 2024-04-01 … 2025-09-30 is 548 of the 1,461 days of FY2024–FY2027.
        #expect(close(program.expectedHoursByNow, 548.0 / 1461.0))
        #expect(program.mark == .met)
        let juminido = try #require(report.workflowTargets.first { $0.workflow == "juminido" })
        #expect(close(juminido.achievedHours, 11.0 / 60))  // j3 11 + j4 waiting 0
        #expect(juminido.mark == .met)
        let kokuho = try #require(report.workflowTargets.first { $0.workflow == "kokuho" })
        #expect(kokuho.mark == .stopped)
        // Monthly target line: the programme spread over its 48 months.
        #expect(report.months.map(\.month.key) == ["2025-03", "2025-04"])
        #expect(report.months.allSatisfy { close($0.targetHours, 1.0 / 48) })
    }

    @Test("a resolved review's real minutes replace the estimate in every report")
    func reviewResolution() throws {
        let folder = try TempFolder()
        let ledger = try ledger(folder)
        try ledger.resolveReview(
            documentHash: Fixture.hash("j4"), workflow: "juminido", version: "1", minutesSpent: 10)
        // j4: remaining 1 + 10 = 11, saved 1 instead of 7 → juminido saved 34, totals 45.
        let report = try ledger.report(ReportQuery(groupings: [.workflow, .month]))
        #expect(report.totals.savedMinutes == 45)
        #expect(report.totals.reviewsResolved == 1)
        #expect(report.breakdowns[0].lines[1].figures.savedMinutes == 34)
        #expect(report.breakdowns[1].lines[1].figures.savedMinutes == 17.5)
        #expect(try ledger.verify().isIntact)
    }

    @Test("review resolutions are refused when they cannot apply")
    func resolutionErrors() throws {
        let folder = try TempFolder()
        let ledger = try ledger(folder)
        let j4 = Fixture.hash("j4")
        try ledger.resolveReview(documentHash: j4, workflow: "juminido", version: "1", minutesSpent: 3)
        #expect(throws: LedgerError.alreadyResolved(documentHash: j4)) {
            try ledger.resolveReview(documentHash: j4, workflow: "juminido", version: "1", minutesSpent: 5)
        }
        #expect(throws: LedgerError.notInReview(documentHash: Fixture.hash("j1"), outcome: .accepted)) {
            try ledger.resolveReview(
                documentHash: Fixture.hash("j1"), workflow: "juminido", version: "1", minutesSpent: 2)
        }
        #expect(throws: LedgerError.documentNotFound(workflow: "juminido", version: "2", documentHash: j4)) {
            try ledger.resolveReview(documentHash: j4, workflow: "juminido", version: "2", minutesSpent: 2)
        }
        #expect(throws: LedgerError.self) {
            try ledger.resolveReview(documentHash: j4, workflow: "juminido", version: "1", minutesSpent: -1)
        }
    }
}

@Suite("Sums are the same on every engine")
struct ExactSumTests {
    @Test(
        "sums of figures kept to 0.001 come out exact (0.1 + 0.2 is 0.3), whatever order the engine adds in")
    func exactSums() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        for (label, seconds) in [("a", 0.1), ("b", 0.2)] {
            try ledger.record(
                LedgerEntry(
                    processedAt: try Fixture.tokyo(2024, 9, 2), workflow: "juminido", workflowVersion: "1",
                    department: "市民課", documentHash: Fixture.hash(label), outcome: .accepted, pages: 1,
                    fields: 4, machineSeconds: seconds))
        }
        #expect(try ledger.report().totals.machineSeconds == 0.3)
    }
}
