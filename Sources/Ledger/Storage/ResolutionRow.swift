import Foundation

/// One row of the `review_resolutions` table: how a person ended a review, and the minutes it took.
///
/// Appended, never updated: it replaces the document's review estimate in every report. Each schema
/// version added columns that older rows leave NULL, and a row is hashed with the columns of the
/// version it was written under, so the seals of older rows still hold (see ``canonical()``).
struct ResolutionRow: Sendable, Equatable {
    var id: Int
    var documentID: Int
    var documentRowHash: String
    var resolvedAt: String
    var minutesSpent: Double
    /// v2: accepted, corrected or rejected; nil on v1 rows (all were accepted).
    var outcome: String?
    /// v2: accepted against a failing check or rule.
    var overridden: Bool?
    /// v3: who resolved the review (nil when nobody was named).
    var reviewer: String?
    /// v3: minutes measured by the review station (true) or typed by a person (false); nil on
    /// older rows, and the mark of a row written under v3.
    var measured: Bool?
    /// v3: the names of the fields the person changed, as a JSON array of strings.
    var fieldsChanged: String?
    var prevHash: String
    var rowHash: String

    /// The columns in the order ``init(row:)`` reads them.
    static let columnNames = [
        "id", "document_id", "document_row_hash", "resolved_at", "minutes_spent", "prev_hash", "row_hash",
        "outcome", "overridden", "reviewer", "measured", "fields_changed",
    ]

    /// The columns, each prefixed with `prefix` (a table alias and a dot) when given.
    static func columns(_ prefix: String = "") -> String {
        columnNames.map { prefix + $0 }.joined(separator: ", ")
    }

    /// Reads a row selected with ``columns(_:)``.
    init(row: SQLRow) throws {
        id = try row[0]
        documentID = try row[1]
        documentRowHash = try row[2]
        resolvedAt = try row[3]
        minutesSpent = try row[4]
        prevHash = try row[5]
        rowHash = try row[6]
        outcome = try row[7]
        overridden = (try row[8] as Int?).map { $0 != 0 }
        reviewer = try row[9]
        measured = (try row[10] as Int?).map { $0 != 0 }
        fieldsChanged = try row[11]
    }

    /// Builds a new resolution (schema v3) and seals it onto the chain.
    init(
        id: Int, documentID: Int, documentRowHash: String, resolvedAt: String, minutesSpent: Double,
        outcome: ReviewOutcome, overridden: Bool, reviewer: String?, measured: Bool, fieldsChanged: [String],
        previousHash: String
    ) {
        self.id = id
        self.documentID = documentID
        self.documentRowHash = documentRowHash
        self.resolvedAt = resolvedAt
        self.minutesSpent = MinuteMath.round(minutesSpent)
        self.outcome = outcome.rawValue
        self.overridden = overridden
        self.reviewer = reviewer
        self.measured = measured
        self.fieldsChanged = Self.encode(fieldsChanged)
        prevHash = previousHash
        rowHash = ""
        rowHash = computedHash()
    }

    /// The changed field names; nil on rows written before v3 (not recorded then).
    var fieldNames: [String]? {
        fieldsChanged.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    }

    /// The canonical text of the row: id, document id, document row hash, resolved at, minutes;
    /// then `outcome` and `overridden` when set (v2); then, when `measured` is set (a v3 row),
    /// `measured` as 0/1, `reviewer` and `fields_changed` as stored (NULL written `|-`).
    ///
    /// v1 and v2 rows leave `measured` NULL, so they hash exactly as before v3. Setting `measured`
    /// on an old row, or clearing it on a new one, changes the columns hashed and so breaks the seal.
    func canonical() -> CanonicalRecord {
        var record = CanonicalRecord(table: "review_resolutions")
        record.add(id)
        record.add(documentID)
        record.add(documentRowHash)
        record.add(resolvedAt)
        record.add(minutesSpent)
        if let outcome { record.add(outcome) }
        if let overridden { record.add(overridden ? 1 : 0) }
        if let measured {
            record.add(measured ? 1 : 0)
            record.add(optional: reviewer)
            record.add(optional: fieldsChanged)
        }
        return record
    }

    /// The hash this row should carry.
    func computedHash() -> String { canonical().hash(previous: prevHash) }

    /// Appends the row.
    func insert(_ db: any SQLConnection) throws {
        try db.execute(
            "INSERT INTO review_resolutions (\(ResolutionRow.columns())) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                id, documentID, documentRowHash, resolvedAt, minutesSpent, prevHash, rowHash, outcome,
                overridden.map { $0 ? 1 : 0 }, reviewer, measured.map { $0 ? 1 : 0 }, fieldsChanged,
            ])
    }

    /// Field names as the JSON array stored in `fields_changed`.
    private static func encode(_ names: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(names) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
