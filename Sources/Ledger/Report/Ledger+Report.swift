import Foundation

extension Ledger {
    /// Builds a report: totals, breakdowns, progress against targets and the monthly series.
    ///
    /// Documents are assigned to days, months and fiscal years in Japan time (Asia/Tokyo).
    /// A resolved review's real minutes replace its estimate, and the median of the measured ones is
    /// set beside the estimate per savings rule version (``LedgerReport/reviewTimes``).
    public func report(_ query: ReportQuery = ReportQuery()) throws(LedgerError) -> LedgerReport {
        try query.targets.validate()
        let snapshot = try read("read figures for a report") { db in
            (
                cells: try Ledger.fetchCells(db),
                workflows: Set(
                    try db.rows("SELECT workflow FROM savings_rules UNION SELECT workflow FROM documents")
                        .map { try $0[0] as String }),
                head: try db.scalar("SELECT row_hash FROM documents ORDER BY id DESC LIMIT 1") as String?,
                count: try db.scalar("SELECT COUNT(*) FROM documents") ?? 0,
                labels: try Ledger.fetchLabels(db),
                reviews: try Ledger.fetchReviewSamples(db)
            )
        }
        let builder = ReportBuilder(
            cells: snapshot.cells, knownWorkflows: snapshot.workflows, labels: snapshot.labels,
            reviews: snapshot.reviews, query: query)
        return builder.build(documents: snapshot.count, head: snapshot.head ?? DocumentHash.genesis)
    }

    /// Every workflow's display name, by workflow id.
    static func fetchLabels(_ db: any SQLConnection) throws -> [String: String] {
        Dictionary(
            try db.rows("SELECT workflow, name FROM workflow_labels").map { (try $0[0], try $0[1]) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Every resolved review with its document's rule, day and estimate, and the minutes reports count.
    static func fetchReviewSamples(_ db: any SQLConnection) throws -> [ReviewSample] {
        let sql = """
            SELECT d.workflow, d.rule_id, substr(d.processed_at, 1, 10), d.review_estimate_minutes,
                COALESCE(
                    (SELECT c.minutes_spent FROM review_corrections c
                     WHERE c.resolution_id = r.id ORDER BY c.id DESC LIMIT 1),
                    r.minutes_spent),
                COALESCE(r.measured, 0)
            FROM review_resolutions r JOIN documents d ON d.id = r.document_id
            ORDER BY r.id
            """
        return try db.rows(sql).map { row in
            ReviewSample(
                workflow: try row[0], ruleID: try row[1], day: try LedgerDay(parsing: row[2]),
                estimate: try row[3], minutes: try row[4], measured: (try row[5] as Int) != 0)
        }
    }

    /// Aggregates the documents per workflow, department and Japanese day.
    static func fetchCells(_ db: any SQLConnection) throws -> [ReportCell] {
        // A rejected review claims nothing (its whole baseline remains), nor does a review still
        // waiting in the queue (it claims its minutes once resolved); a resolved review's minutes (or
        // their latest correction) replace the estimate; no document shows more remaining work than
        // its baseline, so no figure goes negative. Written in the SQL both engines share:
        // counts as SUM(CASE …) cast to integers, the smaller of two values as a CASE.
        let remaining = """
            d.remaining_minutes - d.review_estimate_minutes
                + COALESCE(
                    (SELECT c.minutes_spent FROM review_corrections c
                     WHERE c.resolution_id = r.id ORDER BY c.id DESC LIMIT 1),
                    r.minutes_spent, d.review_estimate_minutes)
            """
        let count = { (condition: String) in "CAST(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END) AS BIGINT)" }
        let sql = """
            SELECT d.workflow, d.department, substr(d.processed_at, 1, 10) AS day, COUNT(*),
                \(count("d.outcome = 'accepted'")),
                \(count("d.outcome = 'reviewed' AND r.id IS NOT NULL AND r.outcome <> 'rejected'")),
                \(count("d.outcome = 'rejected' OR COALESCE(r.outcome, '') = 'rejected'")),
                \(count("d.outcome = 'failed'")), \(count("r.id IS NOT NULL")), CAST(SUM(d.pages) AS BIGINT),
                SUM(d.machine_seconds), SUM(d.baseline_minutes),
                SUM(CASE WHEN r.outcome = 'rejected' THEN d.baseline_minutes
                    WHEN d.outcome = 'reviewed' AND r.id IS NULL THEN d.baseline_minutes
                    WHEN d.baseline_minutes < \(remaining) THEN d.baseline_minutes
                    ELSE \(remaining) END),
                \(count("d.outcome = 'reviewed' AND r.id IS NULL"))
            FROM documents d LEFT JOIN review_resolutions r ON r.document_id = d.id
            GROUP BY d.workflow, d.department, substr(d.processed_at, 1, 10)
            """
        // Sorted here, not by the database, whose collation may differ: the reports add the cells
        // up in this order.
        let rows = try db.rows(sql).map { row in
            (key: [try row[0] as String, try row[1], try row[2]], row: row)
        }
        return try rows.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.row).map { row in
            var figures = Figures()
            figures.documents = try row[3]
            figures.accepted = try row[4]
            figures.reviewed = try row[5]
            figures.rejected = try row[6]
            figures.failed = try row[7]
            figures.reviewsResolved = try row[8]
            figures.pages = try row[9]
            // Every row holds multiples of 0.001; the sums are rounded back to them, so that both
            // engines, adding in their own order, give the same figures to the last digit.
            figures.machineSeconds = MinuteMath.round(try row[10])
            figures.baselineMinutes = MinuteMath.round(try row[11])
            figures.remainingMinutes = MinuteMath.round(try row[12])
            figures.waiting = try row[13]
            return ReportCell(
                workflow: try row[0], department: try row[1], day: try LedgerDay(parsing: row[2]),
                figures: figures)
        }
    }
}
