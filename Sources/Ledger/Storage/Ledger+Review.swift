import Foundation
import GRDB

extension Ledger {
    /// Records the minutes a person actually spent resolving a reviewed document.
    ///
    /// Appends a resolution row that references the document (the document row is never
    /// updated); from then on every report uses `minutesSpent` instead of the rule's review
    /// estimate for that document. A review is resolved once.
    public func resolveReview(
        documentHash: String, workflow: String, version: String, minutesSpent: Double, at time: Date = Date()
    ) throws(LedgerError) {
        let hash = try DocumentHash.normalized(documentHash)
        try Validate.minutes(minutesSpent, field: "minutesSpent")
        try write("record a review resolution") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.id, d.row_hash, d.outcome, r.id FROM documents d
                        LEFT JOIN review_resolutions r ON r.document_id = d.id
                        WHERE d.workflow = ? AND d.workflow_version = ? AND d.document_hash = ?
                        """,
                    arguments: [workflow, version, hash])
            else {
                throw LedgerError.documentNotFound(workflow: workflow, version: version, documentHash: hash)
            }
            let outcome = Outcome(rawValue: row[2]) ?? .failed
            guard outcome == .reviewed else {
                throw LedgerError.notInReview(documentHash: hash, outcome: outcome)
            }
            guard (row[3] as Int?) == nil else { throw LedgerError.alreadyResolved(documentHash: hash) }
            let tip = try ChainTip(db, table: "review_resolutions")
            let resolution = ResolutionRow(
                id: tip.nextID, documentID: row[0], documentRowHash: row[1],
                resolvedAt: TokyoTime.timestamp(time),
                minutesSpent: minutesSpent, previousHash: tip.lastHash)
            try resolution.insert(db)
        }
    }
}
