/// One row of the `savings_rules` table: one version of a workflow's savings rule.
struct RuleRow: Sendable, Equatable {
    var id: Int
    var registered: RegisteredRule
    var prevHash: String
    var rowHash: String

    static let columns =
        "id, rule_id, workflow, version, valid_from, source, baseline_minutes_per_document, "
        + "baseline_minutes_per_field, handling_minutes_per_document, review_minutes_per_document, "
        + "registered_at, prev_hash, row_hash"

    /// Reads a row selected with ``columns``; fails when the stored date is not a date.
    init(row: SQLRow) throws {
        id = try row[0]
        let validFrom = try LedgerDay(parsing: row[4])
        let rule = SavingsRule(
            workflow: try row[2], validFrom: validFrom, source: try row[5],
            baselineMinutesPerDocument: try row[6], baselineMinutesPerField: try row[7],
            handlingMinutesPerDocument: try row[8], reviewMinutesPerDocument: try row[9])
        registered = RegisteredRule(
            ruleID: try row[1], version: try row[3], rule: rule, registeredAt: try row[10])
        prevHash = try row[11]
        rowHash = try row[12]
    }

    /// Builds a new version and seals it onto the chain.
    init(id: Int, rule: SavingsRule, version: Int, registeredAt: String, previousHash: String) {
        self.id = id
        registered = RegisteredRule(
            ruleID: "\(rule.workflow)/v\(version)", version: version, rule: rule, registeredAt: registeredAt)
        prevHash = previousHash
        rowHash = ""
        rowHash = computedHash()
    }

    /// The hash this row should carry.
    func computedHash() -> String {
        let rule = registered.rule
        var record = CanonicalRecord(table: "savings_rules")
        record.add(id)
        record.add(registered.ruleID)
        record.add(rule.workflow)
        record.add(registered.version)
        record.add(rule.validFrom.description)
        record.add(rule.source)
        record.add(rule.baselineMinutesPerDocument)
        record.add(rule.baselineMinutesPerField)
        record.add(rule.handlingMinutesPerDocument)
        record.add(rule.reviewMinutesPerDocument)
        record.add(registered.registeredAt)
        return record.hash(previous: prevHash)
    }

    /// Appends the row.
    func insert(_ db: any SQLConnection) throws {
        let rule = registered.rule
        try db.execute(
            "INSERT INTO savings_rules (\(RuleRow.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                id, registered.ruleID, rule.workflow, registered.version, rule.validFrom.description,
                rule.source,
                rule.baselineMinutesPerDocument, rule.baselineMinutesPerField,
                rule.handlingMinutesPerDocument,
                rule.reviewMinutesPerDocument, registered.registeredAt, prevHash, rowHash,
            ])
    }
}
