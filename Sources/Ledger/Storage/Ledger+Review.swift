import Foundation

extension Ledger {
    /// The most minutes one review or correction may record: a working day. Workflows set a tighter
    /// bound for their own reviews; this one only keeps an absurd figure out of the ledger.
    public static let maximumReviewMinutes = 480.0

    /// Records how a person ended the review of a document and the minutes it actually took.
    ///
    /// Appends a resolution row that references the document (the document row is never
    /// updated); from then on every report uses `minutesSpent` instead of the rule's review
    /// estimate for that document, and a rejection claims no savings. A review is resolved once:
    /// a second resolution throws ``LedgerError/alreadyResolved(documentHash:)`` when it has the
    /// recorded outcome (a retry), ``LedgerError/conflictingResolution(documentHash:recorded:asked:)``
    /// when not; a mistaken time is corrected with
    /// ``correctReview(documentHash:workflow:version:minutesSpent:at:)``.
    ///
    /// - Parameters:
    ///   - reviewer: who resolved it, for the audit trail (``auditTrail(workflow:)``); surrounding
    ///     spaces are dropped, and it must then be 1–64 characters without control characters
    ///     (``LedgerError/invalidReviewer(reason:)``). Nil when nobody was named.
    ///   - measured: true when the review station measured `minutesSpent`, false when a person
    ///     typed it; reports compare only measured minutes with the savings rule's estimate.
    ///   - fieldsChanged: the names (never the values) of the fields the person changed.
    public func resolveReview(
        documentHash: String, workflow: String, version: String, minutesSpent: Double,
        outcome: ReviewOutcome = .accepted, overridden: Bool = false, reviewer: String? = nil,
        measured: Bool = false, fieldsChanged: [String] = [], at time: Date = Date()
    ) throws(LedgerError) {
        let hash = try DocumentHash.normalized(documentHash)
        try Validate.reviewMinutes(minutesSpent)
        let reviewer = try Validate.reviewer(reviewer)
        let fields = try Validate.fieldNames(fieldsChanged)
        try write("record a review resolution") { db in
            let found = try Ledger.reviewedDocument(db, workflow: workflow, version: version, hash: hash)
            guard found.resolutionID == nil else {
                guard let recorded = found.outcome, recorded != outcome else {
                    throw LedgerError.alreadyResolved(documentHash: hash)
                }
                throw LedgerError.conflictingResolution(
                    documentHash: hash, recorded: recorded, asked: outcome)
            }
            let tip = try ChainTip(db, table: "review_resolutions")
            let resolution = ResolutionRow(
                id: tip.nextID, documentID: found.documentID, documentRowHash: found.documentRowHash,
                resolvedAt: TokyoTime.timestamp(time), minutesSpent: minutesSpent, outcome: outcome,
                overridden: overridden, reviewer: reviewer, measured: measured, fieldsChanged: fields,
                previousHash: tip.lastHash)
            try resolution.insert(db)
        }
    }

    /// Corrects the minutes of a resolved review by appending a correction row (never by editing):
    /// the latest correction's minutes replace the resolution's in every report.
    public func correctReview(
        documentHash: String, workflow: String, version: String, minutesSpent: Double, at time: Date = Date()
    ) throws(LedgerError) {
        let hash = try DocumentHash.normalized(documentHash)
        try Validate.reviewMinutes(minutesSpent)
        try write("record a review correction") { db in
            let found = try Ledger.reviewedDocument(db, workflow: workflow, version: version, hash: hash)
            guard let resolutionID = found.resolutionID, let resolutionHash = found.resolutionRowHash else {
                throw LedgerError.notResolved(documentHash: hash)
            }
            let tip = try ChainTip(db, table: "review_corrections")
            let correction = CorrectionRow(
                id: tip.nextID, resolutionID: resolutionID, resolutionRowHash: resolutionHash,
                correctedAt: TokyoTime.timestamp(time), minutesSpent: minutesSpent, previousHash: tip.lastHash
            )
            try correction.insert(db)
        }
    }

    /// Whether the document's review is already resolved in the ledger (nil: not in the ledger).
    public func reviewResolution(documentHash: String, workflow: String, version: String) throws(LedgerError)
        -> ReviewOutcome??
    {
        let hash = try DocumentHash.normalized(documentHash)
        return try read("look up a review resolution") { db in
            guard
                let row = try db.row(
                    """
                    SELECT r.id, r.outcome FROM documents d
                    LEFT JOIN review_resolutions r ON r.document_id = d.id
                    WHERE d.workflow = ? AND d.workflow_version = ? AND d.document_hash = ?
                    """, [workflow, version, hash])
            else { return nil }
            guard (try row[0] as Int?) != nil else { return .some(nil) }
            return .some(ReviewOutcome(rawValue: (try row[1] as String?) ?? "accepted") ?? .accepted)
        }
    }

    /// Every resolved review of a workflow version in the ledger: outcome by document hash.
    public func reviewResolutions(workflow: String, version: String) throws(LedgerError) -> [String:
        ReviewOutcome]
    {
        try read("list review resolutions") { db in
            var outcomes: [String: ReviewOutcome] = [:]
            for row in try db.rows(
                """
                SELECT d.document_hash, r.outcome FROM documents d
                JOIN review_resolutions r ON r.document_id = d.id
                WHERE d.workflow = ? AND d.workflow_version = ?
                """, [workflow, version])
            {
                outcomes[try row[0]] =
                    ReviewOutcome(rawValue: (try row[1] as String?) ?? "accepted") ?? .accepted
            }
            return outcomes
        }
    }

    /// The reviewed document's row and its resolution, if any; throws when it is not in review.
    private static func reviewedDocument(
        _ db: any SQLConnection, workflow: String, version: String, hash: String
    )
        throws -> (
            documentID: Int, documentRowHash: String, resolutionID: Int?, resolutionRowHash: String?,
            outcome: ReviewOutcome?
        )
    {
        guard
            let row = try db.row(
                """
                SELECT d.id, d.row_hash, d.outcome, r.id, r.row_hash, r.outcome FROM documents d
                LEFT JOIN review_resolutions r ON r.document_id = d.id
                WHERE d.workflow = ? AND d.workflow_version = ? AND d.document_hash = ?
                """,
                [workflow, version, hash])
        else {
            throw LedgerError.documentNotFound(workflow: workflow, version: version, documentHash: hash)
        }
        let outcome = Outcome(rawValue: try row[2]) ?? .failed
        guard outcome == .reviewed else {
            throw LedgerError.notInReview(documentHash: hash, outcome: outcome)
        }
        let resolutionID: Int? = try row[3]
        // A first-version row has no outcome: it was an acceptance.
        let resolved = resolutionID.map { _ in
            ReviewOutcome(rawValue: (try? row[5] as String?) ?? "") ?? .accepted
        }
        return (try row[0], try row[1], resolutionID, try row[4], resolved)
    }
}
