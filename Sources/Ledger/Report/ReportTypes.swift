import Foundation

/// How a report breaks the totals down (`--by`).
public enum Grouping: String, Sendable, Codable, CaseIterable, Hashable {
    /// One line per workflow; workflows with no runs in the period are marked ×.
    case workflow
    /// One line per department (所属).
    case department
    /// One line per month (Japan time).
    case month
    /// One line per fiscal half-year (上期 April–September, 下期 October–March).
    case half
    /// One line per fiscal year (年度, April–March).
    case fiscalYear = "fiscal-year"

    /// Heading used in tables and CSV.
    public var title: String {
        switch self {
        case .workflow: return "業務 (workflow)"
        case .department: return "所属 (department)"
        case .month: return "月 (month)"
        case .half: return "半期 (half-year)"
        case .fiscalYear: return "年度 (fiscal year)"
        }
    }
}

/// Evaluation marks as city plans use them: ○ on track, △ behind, × stopped.
public enum Mark: String, Sendable, Codable, Hashable {
    /// ○ meets the target (計画どおり).
    case met = "○"
    /// △ below the target (滞っている).
    case below = "△"
    /// × no runs in the period (中止).
    case stopped = "×"
    /// — nothing to judge (no baseline, or the period has not started).
    case none = "—"
}

/// What to report on.
public struct ReportQuery: Sendable, Hashable {
    /// First day included (Japan time); nil for the start of the ledger.
    public var from: LedgerDay?
    /// Last day included (Japan time); nil for the end of the ledger.
    public var to: LedgerDay?
    /// Breakdowns to include, in order.
    public var groupings: [Grouping]
    /// Targets to measure against.
    public var targets: Targets
    /// "Now" for progress against targets (pace so far); the current time by default.
    public var asOf: Date

    /// Describes a report.
    public init(
        from: LedgerDay? = nil, to: LedgerDay? = nil, groupings: [Grouping] = Grouping.allCases,
        targets: Targets = Targets(), asOf: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.groupings = groupings
        self.targets = targets
        self.asOf = asOf
    }
}

/// One line of a breakdown.
public struct ReportLine: Sendable, Codable, Hashable {
    /// Machine key: workflow name, `2024-04`, `FY2024-H1`, `FY2024`.
    public let key: String
    /// Human label: `令和6年度 (FY2024)`, `2024-04 令和6年4月`.
    public let label: String
    /// The figures.
    public let figures: Figures
    /// ○ reduction rate meets the target, △ below it, × no runs in the period.
    public let mark: Mark
}

/// A breakdown of the totals by one grouping.
public struct Breakdown: Sendable, Codable, Hashable {
    /// What the lines are.
    public let grouping: Grouping
    /// The lines, in natural order (by name or by time).
    public let lines: [ReportLine]
}

/// Progress against one hour target (a programme or a workflow's year).
public struct TargetProgress: Sendable, Codable, Hashable {
    /// What the target is: the programme's name or `workflow 令和6年度 (FY2024)`.
    public let name: String
    /// Workflow, for a workflow's yearly target.
    public let workflow: String?
    /// First and last fiscal year covered.
    public let fromFiscalYear: Int
    /// Last fiscal year covered, inclusive.
    public let toFiscalYear: Int
    /// Hours to save.
    public let targetHours: Double
    /// Hours saved so far in the target's years (whatever the report's --from/--to).
    public let achievedHours: Double
    /// Hours that should be saved by the report's date at an even pace.
    public let expectedHoursByNow: Double
    /// Hours saved per fiscal year of the target.
    public let byFiscalYear: [YearHours]
    /// ○ on pace, △ behind, × nothing saved in the current year, — not started.
    public let mark: Mark

    /// achieved ÷ target.
    public var share: Double? { targetHours > 0 ? achievedHours / targetHours : nil }
}

/// Hours saved in one fiscal year.
public struct YearHours: Sendable, Codable, Hashable {
    /// The fiscal year.
    public let fiscalYear: FiscalYear
    /// Its label, `令和6年度 (FY2024)`.
    public let label: String
    /// Hours saved.
    public let hours: Double
}

/// One month of the chart: hours saved and the target for that month.
public struct MonthPoint: Sendable, Codable, Hashable {
    /// The month.
    public let month: YearMonth
    /// Hours saved that month.
    public let hoursSaved: Double
    /// Monthly share of the target in force (programme ÷ its months, else workflow targets ÷ 12).
    public let targetHours: Double?
}

/// A complete report: totals, breakdowns, progress and the ledger head it was made from.
public struct LedgerReport: Sendable, Codable, Hashable {
    /// When it was made (Japan time).
    public let generatedAt: String
    /// First day included, if limited.
    public let from: LedgerDay?
    /// Last day included, if limited.
    public let to: LedgerDay?
    /// The reduction-rate bar (0.75).
    public let reductionTarget: Double
    /// Everything in the period.
    public let totals: Figures
    /// ○/△ of the totals' reduction rate.
    public let totalsMark: Mark
    /// Mean of the workflows' reduction rates (平均業務時間削減率, the KPI's own definition).
    public let averageWorkflowReductionRate: Double?
    /// The breakdowns asked for.
    public let breakdowns: [Breakdown]
    /// Progress against multi-year programmes.
    public let programs: [TargetProgress]
    /// Progress against yearly workflow targets.
    public let workflowTargets: [TargetProgress]
    /// Measured review minutes beside the savings rules' estimates, one line per workflow and rule
    /// version with a resolved review in the period; flagged lines call for a rule update.
    public let reviewTimes: [ReviewTimeLine]
    /// Every month of the period, for the chart.
    public let months: [MonthPoint]
    /// Documents in the ledger when the report was made, and the hash of the last one: publish it
    /// with the report; `rpa ledger verify --anchor HASH` later proves nothing up to it changed.
    public let ledgerDocuments: Int
    /// Hash of the last document row.
    public let ledgerHead: String
}
