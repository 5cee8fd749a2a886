/// How many minutes one document took a person before automation, and how many it still takes.
///
/// A rule is declared with its source (e.g. 令和6年度 業務量調査) and the day it is valid from.
/// It is never edited in place: registering different minutes for the same workflow creates
/// a new version valid from its own date, and documents already recorded keep the version
/// they were counted under, so figures already reported never change.
public struct SavingsRule: Sendable, Codable, Hashable {
    /// Workflow name the rule applies to (all versions of the workflow file).
    public var workflow: String
    /// First day (in Japan) on which the rule applies.
    public var validFrom: LedgerDay
    /// Where the minutes come from: a survey, a time study, a decision.
    public var source: String
    /// Minutes a person needed per document before automation (件数 × この値).
    public var baselineMinutesPerDocument: Double
    /// Extra minutes per keyed field before automation (0 when counted per document only).
    public var baselineMinutesPerField: Double
    /// Minutes a person still spends on every document (sorting, scanning, filing).
    public var handlingMinutesPerDocument: Double
    /// Estimated minutes of review for a document sent to review, until the real time is recorded.
    public var reviewMinutesPerDocument: Double

    /// Declares a savings rule.
    public init(
        workflow: String, validFrom: LedgerDay, source: String, baselineMinutesPerDocument: Double,
        baselineMinutesPerField: Double = 0, handlingMinutesPerDocument: Double,
        reviewMinutesPerDocument: Double
    ) {
        self.workflow = workflow
        self.validFrom = validFrom
        self.source = source
        self.baselineMinutesPerDocument = baselineMinutesPerDocument
        self.baselineMinutesPerField = baselineMinutesPerField
        self.handlingMinutesPerDocument = handlingMinutesPerDocument
        self.reviewMinutesPerDocument = reviewMinutesPerDocument
    }

    /// True when the minutes and source are the same (the validity date is not content).
    public func hasSameContent(as other: SavingsRule) -> Bool {
        workflow == other.workflow && source == other.source
            && baselineMinutesPerDocument == other.baselineMinutesPerDocument
            && baselineMinutesPerField == other.baselineMinutesPerField
            && handlingMinutesPerDocument == other.handlingMinutesPerDocument
            && reviewMinutesPerDocument == other.reviewMinutesPerDocument
    }

    /// Refuses empty names and negative or non-finite minutes.
    func validate() throws(LedgerError) {
        try Validate.name(workflow, field: "rule workflow")
        try Validate.name(source, field: "rule source")
        try Validate.minutes(baselineMinutesPerDocument, field: "baselineMinutesPerDocument")
        try Validate.minutes(baselineMinutesPerField, field: "baselineMinutesPerField")
        try Validate.minutes(handlingMinutesPerDocument, field: "handlingMinutesPerDocument")
        try Validate.minutes(reviewMinutesPerDocument, field: "reviewMinutesPerDocument")
    }
}

/// A savings rule as stored: one version of a workflow's rule.
public struct RegisteredRule: Sendable, Codable, Hashable {
    /// Stable id stored on every document counted under it: `<workflow>/v<version>`.
    public let ruleID: String
    /// 1 for the first rule of a workflow, then 2, 3, …
    public let version: Int
    /// The declared rule.
    public let rule: SavingsRule
    /// When it was registered (Japan time, ISO 8601).
    public let registeredAt: String
}

/// What ``Ledger/register(rule:at:)`` did.
public enum RuleRegistration: Sendable, Hashable {
    /// The rule differs from the current version: a new version was stored.
    case created(RegisteredRule)
    /// The current version already says the same: nothing was stored.
    case unchanged(RegisteredRule)

    /// The rule now in force for the workflow.
    public var rule: RegisteredRule {
        switch self {
        case .created(let rule), .unchanged(let rule): return rule
        }
    }
}
