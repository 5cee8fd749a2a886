/// Every resolved review, for an auditor: who resolved which document when, with what outcome,
/// which fields they changed and how long it took (`rpa ledger audit`).
///
/// Hashes, names, outcomes and minutes only: never a value typed nor a reason given.
public struct AuditTrail: Sendable, Codable, Hashable {
    /// When the listing was made (Japan time).
    public let generatedAt: String
    /// The workflow id it is limited to, if any.
    public let workflow: String?
    /// The resolutions, in the order they were appended to the ledger.
    public let resolutions: [AuditEntry]

    private enum CodingKeys: String, CodingKey { case generatedAt, workflow, resolutions }

    /// Writes every key, `null` when absent, so readers see the same keys in every listing.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(workflow, forKey: .workflow)
        try container.encode(resolutions, forKey: .resolutions)
    }
}

/// One review resolution and the corrections of its minutes.
public struct AuditEntry: Sendable, Codable, Hashable {
    /// The resolution's row id in `review_resolutions`.
    public let resolution: Int
    /// The first 12 hexadecimal characters of the document's SHA-256.
    public let document: String
    /// Workflow id and version the document was counted under.
    public let workflow: String
    /// The workflow version.
    public let workflowVersion: String
    /// When the review was resolved, `YYYY-MM-DDTHH:MM:SS.mmm+09:00` (Japan time).
    public let resolvedAt: String
    /// Who resolved it; nil when nobody was named (always before ledger schema v3).
    public let reviewer: String?
    /// How the review ended (resolutions before schema v2 were all accepted).
    public let outcome: ReviewOutcome
    /// True when the person accepted against a failing check or rule.
    public let overridden: Bool
    /// Names of the fields the person changed; nil before schema v3, which did not record them.
    public let fieldsChanged: [String]?
    /// Minutes recorded with the resolution.
    public let minutes: Double
    /// True when the review station measured the minutes, false when a person typed them
    /// (every resolution before schema v3 was typed).
    public let measured: Bool
    /// Later corrections of the minutes, oldest first.
    public let corrections: [AuditCorrection]
    /// The minutes reports count: the latest correction's, else the resolution's.
    public let countedMinutes: Double

    /// Makes an entry; the counted minutes follow from the corrections.
    public init(
        resolution: Int, document: String, workflow: String, workflowVersion: String, resolvedAt: String,
        reviewer: String?, outcome: ReviewOutcome, overridden: Bool, fieldsChanged: [String]?,
        minutes: Double, measured: Bool, corrections: [AuditCorrection]
    ) {
        self.resolution = resolution
        self.document = document
        self.workflow = workflow
        self.workflowVersion = workflowVersion
        self.resolvedAt = resolvedAt
        self.reviewer = reviewer
        self.outcome = outcome
        self.overridden = overridden
        self.fieldsChanged = fieldsChanged
        self.minutes = minutes
        self.measured = measured
        self.corrections = corrections
        countedMinutes = corrections.last?.minutes ?? minutes
    }

    private enum CodingKeys: String, CodingKey {
        case resolution, document, workflow, workflowVersion, resolvedAt, reviewer, outcome, overridden
        case fieldsChanged, minutes, measured, corrections, countedMinutes
    }

    /// Writes every key, `null` when absent, so readers see the same keys on every entry.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resolution, forKey: .resolution)
        try container.encode(document, forKey: .document)
        try container.encode(workflow, forKey: .workflow)
        try container.encode(workflowVersion, forKey: .workflowVersion)
        try container.encode(resolvedAt, forKey: .resolvedAt)
        try container.encode(reviewer, forKey: .reviewer)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(overridden, forKey: .overridden)
        try container.encode(fieldsChanged, forKey: .fieldsChanged)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(measured, forKey: .measured)
        try container.encode(corrections, forKey: .corrections)
        try container.encode(countedMinutes, forKey: .countedMinutes)
    }
}

/// A correction of a resolution's minutes, appended later.
public struct AuditCorrection: Sendable, Codable, Hashable {
    /// When it was made (Japan time).
    public let correctedAt: String
    /// The minutes it sets.
    public let minutes: Double

    /// Makes a correction entry.
    public init(correctedAt: String, minutes: Double) {
        self.correctedAt = correctedAt
        self.minutes = minutes
    }
}
