import GRDB

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
    init(row: Row) throws {
        id = row[0]
        let validFrom = try LedgerDay(parsing: row[4])
        let rule = SavingsRule(
            workflow: row[2], validFrom: validFrom, source: row[5], baselineMinutesPerDocument: row[6],
            baselineMinutesPerField: row[7], handlingMinutesPerDocument: row[8],
            reviewMinutesPerDocument: row[9])
        registered = RegisteredRule(ruleID: row[1], version: row[3], rule: rule, registeredAt: row[10])
        prevHash = row[11]
        rowHash = row[12]
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
    func insert(_ db: Database) throws {
        let rule = registered.rule
        try db.execute(
            sql: "INSERT INTO savings_rules (\(RuleRow.columns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            arguments: [
                id, registered.ruleID, rule.workflow, registered.version, rule.validFrom.description,
                rule.source,
                rule.baselineMinutesPerDocument, rule.baselineMinutesPerField,
                rule.handlingMinutesPerDocument,
                rule.reviewMinutesPerDocument, registered.registeredAt, prevHash, rowHash,
            ])
    }
}
