import GRDB

/// One row of the `review_resolutions` table: how a person ended a review, and the minutes it took.
///
/// Appended, never updated: it replaces the document's review estimate in every report. Rows
/// written before ledger schema v2 have no outcome (they were all accepted) and are hashed without
/// the two newer columns, so their seals still hold.
struct ResolutionRow: Sendable, Equatable {
    var id: Int
    var documentID: Int
    var documentRowHash: String
    var resolvedAt: String
    var minutesSpent: Double
    var outcome: String?
    var overridden: Bool?
    var prevHash: String
    var rowHash: String

    static let columns =
        "id, document_id, document_row_hash, resolved_at, minutes_spent, prev_hash, row_hash, outcome, overridden"

    /// Reads a row selected with ``columns``.
    init(row: Row) {
        id = row[0]
        documentID = row[1]
        documentRowHash = row[2]
        resolvedAt = row[3]
        minutesSpent = row[4]
        prevHash = row[5]
        rowHash = row[6]
        outcome = row[7]
        overridden = (row[8] as Int?).map { $0 != 0 }
    }

    /// Builds a new resolution and seals it onto the chain.
    init(
        id: Int, documentID: Int, documentRowHash: String, resolvedAt: String, minutesSpent: Double,
        outcome: ReviewOutcome, overridden: Bool, previousHash: String
    ) {
        self.id = id
        self.documentID = documentID
        self.documentRowHash = documentRowHash
        self.resolvedAt = resolvedAt
        self.minutesSpent = MinuteMath.round(minutesSpent)
        self.outcome = outcome.rawValue
        self.overridden = overridden
        prevHash = previousHash
        rowHash = ""
        rowHash = computedHash()
    }

    /// The hash this row should carry.
    func computedHash() -> String {
        var record = CanonicalRecord(table: "review_resolutions")
        record.add(id)
        record.add(documentID)
        record.add(documentRowHash)
        record.add(resolvedAt)
        record.add(minutesSpent)
        if let outcome { record.add(outcome) }
        if let overridden { record.add(overridden ? 1 : 0) }
        return record.hash(previous: prevHash)
    }

    /// Appends the row.
    func insert(_ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO review_resolutions (\(ResolutionRow.columns)) VALUES (?,?,?,?,?,?,?,?,?)",
            arguments: [
                id, documentID, documentRowHash, resolvedAt, minutesSpent, prevHash, rowHash, outcome,
                overridden.map { $0 ? 1 : 0 },
            ])
    }
}
