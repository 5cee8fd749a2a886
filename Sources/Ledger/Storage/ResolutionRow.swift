import GRDB

/// One row of the `review_resolutions` table: the minutes a person actually spent on a review.
///
/// Appended, never updated: it replaces the document's review estimate in every report.
struct ResolutionRow: Sendable, Equatable {
    var id: Int
    var documentID: Int
    var documentRowHash: String
    var resolvedAt: String
    var minutesSpent: Double
    var prevHash: String
    var rowHash: String

    static let columns = "id, document_id, document_row_hash, resolved_at, minutes_spent, prev_hash, row_hash"

    /// Reads a row selected with ``columns``.
    init(row: Row) {
        id = row[0]
        documentID = row[1]
        documentRowHash = row[2]
        resolvedAt = row[3]
        minutesSpent = row[4]
        prevHash = row[5]
        rowHash = row[6]
    }

    /// Builds a new resolution and seals it onto the chain.
    init(
        id: Int, documentID: Int, documentRowHash: String, resolvedAt: String, minutesSpent: Double,
        previousHash: String
    ) {
        self.id = id
        self.documentID = documentID
        self.documentRowHash = documentRowHash
        self.resolvedAt = resolvedAt
        self.minutesSpent = MinuteMath.round(minutesSpent)
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
        return record.hash(previous: prevHash)
    }

    /// Appends the row.
    func insert(_ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO review_resolutions (\(ResolutionRow.columns)) VALUES (?,?,?,?,?,?,?)",
            arguments: [id, documentID, documentRowHash, resolvedAt, minutesSpent, prevHash, rowHash])
    }
}
