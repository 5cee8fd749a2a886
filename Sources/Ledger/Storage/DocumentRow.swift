/// One row of the `documents` table: a counted document and its frozen minutes.
struct DocumentRow: Sendable, Equatable {
    var id: Int
    var processedAt: String
    var workflow: String
    var workflowVersion: String
    var department: String
    var documentHash: String
    var outcome: String
    var pages: Int
    var fields: Int
    var machineSeconds: Double
    var baselineMinutes: Double
    var remainingMinutes: Double
    var reviewEstimateMinutes: Double
    var savedMinutes: Double
    var ruleID: String
    var prevHash: String
    var rowHash: String

    static let columns =
        "id, processed_at, workflow, workflow_version, department, document_hash, outcome, pages, fields, "
        + "machine_seconds, baseline_minutes, remaining_minutes, review_estimate_minutes, saved_minutes, "
        + "rule_id, prev_hash, row_hash"

    /// Reads a row selected with ``columns``.
    init(row: SQLRow) throws {
        id = try row[0]
        processedAt = try row[1]
        workflow = try row[2]
        workflowVersion = try row[3]
        department = try row[4]
        documentHash = try row[5]
        outcome = try row[6]
        pages = try row[7]
        fields = try row[8]
        machineSeconds = try row[9]
        baselineMinutes = try row[10]
        remainingMinutes = try row[11]
        reviewEstimateMinutes = try row[12]
        savedMinutes = try row[13]
        ruleID = try row[14]
        prevHash = try row[15]
        rowHash = try row[16]
    }

    /// Builds the row for a new document and seals it onto the chain.
    init(id: Int, entry: LedgerEntry, rule: RegisteredRule, previousHash: String) {
        let minutes = DocumentMinutes(rule: rule.rule, fields: entry.fields, outcome: entry.outcome)
        self.id = id
        processedAt = TokyoTime.timestamp(entry.processedAt)
        workflow = entry.workflow
        workflowVersion = entry.workflowVersion
        department = entry.department
        documentHash = entry.documentHash
        outcome = entry.outcome.rawValue
        pages = entry.pages
        fields = entry.fields
        machineSeconds = MinuteMath.round(entry.machineSeconds)
        baselineMinutes = minutes.baseline
        remainingMinutes = minutes.remaining
        reviewEstimateMinutes = minutes.reviewEstimate
        savedMinutes = minutes.saved
        ruleID = rule.ruleID
        prevHash = previousHash
        rowHash = ""
        rowHash = computedHash()
    }

    /// The hash this row should carry, from its content and its `prevHash`.
    func computedHash() -> String {
        var record = CanonicalRecord(table: "documents")
        record.add(id)
        record.add(processedAt)
        record.add(workflow)
        record.add(workflowVersion)
        record.add(department)
        record.add(documentHash)
        record.add(outcome)
        record.add(pages)
        record.add(fields)
        record.add(machineSeconds)
        record.add(baselineMinutes)
        record.add(remainingMinutes)
        record.add(reviewEstimateMinutes)
        record.add(savedMinutes)
        record.add(ruleID)
        return record.hash(previous: prevHash)
    }

    /// Appends the row.
    func insert(_ db: any SQLConnection) throws {
        try db.execute(
            "INSERT INTO documents (\(DocumentRow.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                id, processedAt, workflow, workflowVersion, department, documentHash, outcome, pages, fields,
                machineSeconds, baselineMinutes, remainingMinutes, reviewEstimateMinutes, savedMinutes,
                ruleID,
                prevHash, rowHash,
            ])
    }
}
