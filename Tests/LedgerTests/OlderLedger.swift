import Foundation
import GRDB

@testable import Ledger

/// Builds ledger files as older releases of rpa wrote them, to test that migrations keep them whole.
enum OlderLedger {
    /// A ledger at schema v2 as rpa wrote it: the 住民異動届 rule, documents `old-1`…`old-3` sent to
    /// review on 2024-09-02, `old-1` resolved as v1 wrote resolutions (no outcome, 6 min), `old-2`
    /// resolved as v2 writes them (corrected, overridden, 3 min, later corrected to 2 min); `old-3`
    /// still waits. Returns the document rows.
    @discardableResult
    static func v2(at path: String) throws -> [DocumentRow] {
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator.migrate(queue, upTo: "v2-review-outcomes")
        return try queue.write { db in
            let rule = RuleRow(
                id: 1, rule: try Fixture.juminidoRule(), version: 1,
                registeredAt: TokyoTime.timestamp(try Fixture.tokyo(2024, 3, 1)),
                previousHash: DocumentHash.genesis)
            try rule.insert(SQLiteConnection(db: db))
            var documents = [DocumentRow]()
            for index in 1...3 {
                let entry = Fixture.entry(
                    "old-\(index)", at: try Fixture.tokyo(2024, 9, 2), outcome: .reviewed)
                let row = DocumentRow(
                    id: index, entry: entry, rule: rule.registered,
                    previousHash: documents.last?.rowHash ?? DocumentHash.genesis)
                try row.insert(SQLiteConnection(db: db))
                documents.append(row)
            }
            let first = try resolution(1, documents[0], minutes: 6, outcome: nil, overridden: nil, after: nil)
            let second = try resolution(
                2, documents[1], minutes: 3, outcome: .corrected, overridden: true, after: first)
            for row in [first, second] {
                try db.execute(
                    sql: """
                        INSERT INTO review_resolutions (id, document_id, document_row_hash, resolved_at,
                        minutes_spent, prev_hash, row_hash, outcome, overridden) VALUES (?,?,?,?,?,?,?,?,?)
                        """,
                    arguments: [
                        row.id, row.documentID, row.documentRowHash, row.resolvedAt, row.minutesSpent,
                        row.prevHash, row.rowHash, row.outcome, row.overridden.map { $0 ? 1 : 0 },
                    ])
            }
            try CorrectionRow(
                id: 1, resolutionID: 2, resolutionRowHash: second.rowHash,
                correctedAt: TokyoTime.timestamp(try Fixture.tokyo(2024, 9, 3)), minutesSpent: 2,
                previousHash: DocumentHash.genesis
            ).insert(SQLiteConnection(db: db))
            return documents
        }
    }

    /// A resolution row as schema v1 (no outcome) or v2 wrote it: none of the v3 columns, sealed without them.
    static func resolution(
        _ id: Int, _ document: DocumentRow, minutes: Double, outcome: ReviewOutcome?, overridden: Bool?,
        after previous: ResolutionRow?
    ) throws -> ResolutionRow {
        var row = ResolutionRow(
            id: id, documentID: document.id, documentRowHash: document.rowHash,
            resolvedAt: TokyoTime.timestamp(try Fixture.tokyo(2024, 9, 2, 11)), minutesSpent: minutes,
            outcome: outcome ?? .accepted, overridden: overridden ?? false, reviewer: nil, measured: false,
            fieldsChanged: [], previousHash: previous?.rowHash ?? DocumentHash.genesis)
        row.outcome = outcome?.rawValue
        row.overridden = overridden
        row.measured = nil
        row.fieldsChanged = nil
        row.rowHash = row.computedHash()
        return row
    }
}
