import Foundation

extension Ledger {
    /// Lists every review resolution with its corrections, in the order they were appended: the
    /// audit trail of who resolved what, when, and how long it took.
    ///
    /// - Parameters:
    ///   - workflow: a workflow id to limit the listing to; nil for every workflow.
    ///   - time: the listing's `generatedAt`.
    public func auditTrail(workflow: String? = nil, at time: Date = Date()) throws(LedgerError) -> AuditTrail
    {
        let entries = try read("list review resolutions") { db in
            var corrections = [Int: [AuditCorrection]]()
            let rows = try db.rows(
                "SELECT resolution_id, corrected_at, minutes_spent FROM review_corrections ORDER BY id")
            for row in rows {
                corrections[try row[0], default: []].append(
                    AuditCorrection(correctedAt: try row[1], minutes: try row[2]))
            }
            let sql = """
                SELECT \(ResolutionRow.columns("r.")), d.document_hash, d.workflow, d.workflow_version
                FROM review_resolutions r JOIN documents d ON d.id = r.document_id
                WHERE CAST(?1 AS TEXT) IS NULL OR d.workflow = ?1 ORDER BY r.id
                """
            return try db.rows(sql, [workflow]).map { row in
                let resolution = try ResolutionRow(row: row)
                let extra = ResolutionRow.columnNames.count
                let hash: String = try row[extra]
                return AuditEntry(
                    resolution: resolution.id, document: String(hash.prefix(12)),
                    workflow: try row[extra + 1],
                    workflowVersion: try row[extra + 2], resolvedAt: resolution.resolvedAt,
                    reviewer: resolution.reviewer,
                    outcome: resolution.outcome.flatMap(ReviewOutcome.init(rawValue:)) ?? .accepted,
                    overridden: resolution.overridden ?? false, fieldsChanged: resolution.fieldNames,
                    minutes: resolution.minutesSpent, measured: resolution.measured ?? false,
                    corrections: corrections[resolution.id] ?? [])
            }
        }
        return AuditTrail(generatedAt: TokyoTime.timestamp(time), workflow: workflow, resolutions: entries)
    }
}
