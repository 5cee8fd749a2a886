import Foundation
import GRDB

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
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT resolution_id, corrected_at, minutes_spent FROM review_corrections ORDER BY id")
            while let row = try rows.next() {
                corrections[row[0], default: []].append(AuditCorrection(correctedAt: row[1], minutes: row[2]))
            }
            let sql = """
                SELECT \(ResolutionRow.columns("r.")), d.document_hash, d.workflow, d.workflow_version
                FROM review_resolutions r JOIN documents d ON d.id = r.document_id
                WHERE ?1 IS NULL OR d.workflow = ?1 ORDER BY r.id
                """
            return try Row.fetchAll(db, sql: sql, arguments: [workflow]).map { row in
                let resolution = ResolutionRow(row: row)
                let extra = ResolutionRow.columnNames.count
                let hash: String = row[extra]
                return AuditEntry(
                    resolution: resolution.id, document: String(hash.prefix(12)), workflow: row[extra + 1],
                    workflowVersion: row[extra + 2], resolvedAt: resolution.resolvedAt,
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
