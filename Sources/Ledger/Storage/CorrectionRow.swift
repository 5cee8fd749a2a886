/// One row of the `review_corrections` table: a mistaken review time, corrected by appending.
///
/// The latest correction of a resolution replaces its minutes in every report; the resolution
/// itself and earlier corrections stay as they were, sealed in the chain.
struct CorrectionRow: Sendable, Equatable {
    var id: Int
    var resolutionID: Int
    var resolutionRowHash: String
    var correctedAt: String
    var minutesSpent: Double
    var prevHash: String
    var rowHash: String

    static let columns =
        "id, resolution_id, resolution_row_hash, corrected_at, minutes_spent, prev_hash, row_hash"

    /// Reads a row selected with ``columns``.
    init(row: SQLRow) throws {
        id = try row[0]
        resolutionID = try row[1]
        resolutionRowHash = try row[2]
        correctedAt = try row[3]
        minutesSpent = try row[4]
        prevHash = try row[5]
        rowHash = try row[6]
    }

    /// Builds a new correction and seals it onto the chain.
    init(
        id: Int, resolutionID: Int, resolutionRowHash: String, correctedAt: String, minutesSpent: Double,
        previousHash: String
    ) {
        self.id = id
        self.resolutionID = resolutionID
        self.resolutionRowHash = resolutionRowHash
        self.correctedAt = correctedAt
        self.minutesSpent = MinuteMath.round(minutesSpent)
        prevHash = previousHash
        rowHash = ""
        rowHash = computedHash()
    }

    /// The hash this row should carry.
    func computedHash() -> String {
        var record = CanonicalRecord(table: "review_corrections")
        record.add(id)
        record.add(resolutionID)
        record.add(resolutionRowHash)
        record.add(correctedAt)
        record.add(minutesSpent)
        return record.hash(previous: prevHash)
    }

    /// Appends the row.
    func insert(_ db: any SQLConnection) throws {
        try db.execute(
            "INSERT INTO review_corrections (\(CorrectionRow.columns)) VALUES (?,?,?,?,?,?,?)",
            [id, resolutionID, resolutionRowHash, correctedAt, minutesSpent, prevHash, rowHash])
    }
}
