import Foundation

/// One processed document as the pipeline reports it to the ledger.
///
/// It carries no file name and no field value: the document is known only by the SHA-256
/// of its content, so personal data never enters the ledger. The minutes are not given
/// here: the ledger works them out from the savings rule in force on the document's day.
public struct LedgerEntry: Sendable, Codable, Hashable {
    /// When the document was processed (grouped by its day in Japan).
    public var processedAt: Date
    /// Workflow name, e.g. `juminido` (住民異動届).
    public var workflow: String
    /// Version of the workflow file; the same document under a new version is counted again.
    public var workflowVersion: String
    /// Department (所属) that owns the work, e.g. `市民課`.
    public var department: String
    /// SHA-256 of the document's content, 64 hex characters (``DocumentHash/sha256(of:)``).
    public var documentHash: String
    /// What the pipeline did with it.
    public var outcome: Outcome
    /// Number of scanned pages.
    public var pages: Int
    /// Number of fields a person would have keyed, for rules that count minutes per field.
    public var fields: Int
    /// Wall-clock seconds the machine spent on it.
    public var machineSeconds: Double

    /// Describes one processed document.
    public init(
        processedAt: Date, workflow: String, workflowVersion: String, department: String,
        documentHash: String, outcome: Outcome, pages: Int = 1, fields: Int = 0, machineSeconds: Double = 0
    ) {
        self.processedAt = processedAt
        self.workflow = workflow
        self.workflowVersion = workflowVersion
        self.department = department
        self.documentHash = documentHash
        self.outcome = outcome
        self.pages = pages
        self.fields = fields
        self.machineSeconds = machineSeconds
    }

    /// Checks every field and returns the entry with its hash in lowercase.
    func validated() throws(LedgerError) -> LedgerEntry {
        var entry = self
        entry.documentHash = try DocumentHash.normalized(documentHash)
        try Validate.name(workflow, field: "workflow")
        try Validate.name(workflowVersion, field: "workflowVersion")
        try Validate.name(department, field: "department")
        guard pages >= 0 else {
            throw .invalidValue(field: "pages", reason: "must be 0 or more, got \(pages)")
        }
        guard fields >= 0 else {
            throw .invalidValue(field: "fields", reason: "must be 0 or more, got \(fields)")
        }
        try Validate.minutes(machineSeconds, field: "machineSeconds")
        return entry
    }
}

/// Shared checks for names and amounts.
enum Validate {
    /// Names label report rows: non-empty, one line, short.
    static func name(_ value: String, field: String) throws(LedgerError) {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidValue(field: field, reason: "must not be empty")
        }
        guard value.count <= 200, !value.contains(where: \.isNewline) else {
            throw .invalidValue(field: field, reason: "must be one line of at most 200 characters")
        }
    }

    /// Review minutes are finite, not negative, and at most ``Ledger/maximumReviewMinutes``.
    static func reviewMinutes(_ value: Double) throws(LedgerError) {
        guard value.isFinite, value >= 0, value <= Ledger.maximumReviewMinutes else {
            throw .invalidValue(
                field: "review minutes",
                reason: "must be between 0 and \(Int(Ledger.maximumReviewMinutes)), got \(value)")
        }
    }

    /// Amounts are finite and not negative.
    static func minutes(_ value: Double, field: String) throws(LedgerError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidValue(field: field, reason: "must be a number of 0 or more, got \(value)")
        }
    }
}
