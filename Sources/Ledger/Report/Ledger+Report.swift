import Foundation
import GRDB

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
                workflows: try String.fetchSet(
                    db, sql: "SELECT workflow FROM savings_rules UNION SELECT workflow FROM documents"),
                head: try Row.fetchOne(
                    db, sql: "SELECT id, row_hash FROM documents ORDER BY id DESC LIMIT 1"),
                count: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0,
                labels: try Ledger.fetchLabels(db),
                reviews: try Ledger.fetchReviewSamples(db)
            )
        }
        let builder = ReportBuilder(
            cells: snapshot.cells, knownWorkflows: snapshot.workflows, labels: snapshot.labels,
            reviews: snapshot.reviews, query: query)
        return builder.build(documents: snapshot.count, head: snapshot.head?[1] ?? DocumentHash.genesis)
    }

    /// Every workflow's display name, by workflow id.
    static func fetchLabels(_ db: Database) throws -> [String: String] {
        Dictionary(
            try Row.fetchAll(db, sql: "SELECT workflow, name FROM workflow_labels").map { ($0[0], $0[1]) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Every resolved review with its document's rule, day and estimate, and the minutes reports count.
    static func fetchReviewSamples(_ db: Database) throws -> [ReviewSample] {
        let sql = """
            SELECT d.workflow, d.rule_id, substr(d.processed_at, 1, 10), d.review_estimate_minutes,
                COALESCE(
                    (SELECT c.minutes_spent FROM review_corrections c
                     WHERE c.resolution_id = r.id ORDER BY c.id DESC LIMIT 1),
                    r.minutes_spent),
                COALESCE(r.measured, 0)
            FROM review_resolutions r JOIN documents d ON d.id = r.document_id
            """
        return try Row.fetchAll(db, sql: sql).map { row in
            ReviewSample(
                workflow: row[0], ruleID: row[1], day: try LedgerDay(parsing: row[2]), estimate: row[3],
                minutes: row[4], measured: (row[5] as Int) != 0)
        }
    }

    /// Aggregates the documents per workflow, department and Japanese day.
    static func fetchCells(_ db: Database) throws -> [ReportCell] {
        // A rejected review claims nothing (its whole baseline remains); a resolved review's minutes
        // (or their latest correction) replace the estimate; no document shows more remaining work
        // than its baseline, so no figure goes negative.
        let sql = """
            SELECT d.workflow, d.department, substr(d.processed_at, 1, 10) AS day, COUNT(*),
                SUM(d.outcome = 'accepted'),
                SUM(d.outcome = 'reviewed' AND COALESCE(r.outcome, '') <> 'rejected'),
                SUM(d.outcome = 'rejected' OR COALESCE(r.outcome, '') = 'rejected'),
                SUM(d.outcome = 'failed'), SUM(r.id IS NOT NULL), SUM(d.pages), SUM(d.machine_seconds),
                SUM(d.baseline_minutes),
                SUM(CASE WHEN r.outcome = 'rejected' THEN d.baseline_minutes
                    ELSE min(d.baseline_minutes, d.remaining_minutes - d.review_estimate_minutes
                        + COALESCE(
                            (SELECT c.minutes_spent FROM review_corrections c
                             WHERE c.resolution_id = r.id ORDER BY c.id DESC LIMIT 1),
                            r.minutes_spent, d.review_estimate_minutes)) END)
            FROM documents d LEFT JOIN review_resolutions r ON r.document_id = d.id
            GROUP BY d.workflow, d.department, day
            """
        return try Row.fetchAll(db, sql: sql).map { row in
            var figures = Figures()
            figures.documents = row[3]
            figures.accepted = row[4]
            figures.reviewed = row[5]
            figures.rejected = row[6]
            figures.failed = row[7]
            figures.reviewsResolved = row[8]
            figures.pages = row[9]
            figures.machineSeconds = row[10]
            figures.baselineMinutes = row[11]
            figures.remainingMinutes = row[12]
            return ReportCell(
                workflow: row[0], department: row[1], day: try LedgerDay(parsing: row[2]), figures: figures)
        }
    }
}
