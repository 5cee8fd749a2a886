import Foundation

/// Measures the ledger at volume: appends synthetic rows to a fresh ledger, then reports and
/// verifies, timing each step (`rpa ledger bench`).
public struct LedgerBenchmark: Sendable {
    /// Documents to append.
    public var rows: Int
    /// Documents per transaction (1 = one transaction per document, as a pipeline records them).
    public var batchSize: Int
    /// Where the temporary ledger is made.
    public var directory: URL
    /// An empty ledger to fill instead (a PostgreSQL database, to compare the two engines).
    public var location: String?

    /// Describes a run.
    public init(rows: Int = 100_000, batchSize: Int = 1, directory: URL) {
        self.rows = rows
        self.batchSize = max(1, batchSize)
        self.directory = directory
    }

    /// One measured step.
    public struct Timing: Sendable, Hashable {
        /// What was measured.
        public let step: String
        /// Wall-clock seconds.
        public let seconds: Double
        /// Figures from the step (rows per second, report size).
        public let detail: String
    }

    /// Runs every step, calling `emit` after each so a caller can print as it goes.
    public func run(emit: (Timing) -> Void) throws(LedgerError) -> [Timing] {
        let path = location ?? directory.appendingPathComponent("bench-ledger.sqlite").path
        var timings = [Timing]()
        func note(_ step: String, _ seconds: Double, _ detail: String) {
            let timing = Timing(step: step, seconds: seconds, detail: detail)
            timings.append(timing)
            emit(timing)
        }
        let ledger = try Ledger(path: path)
        guard try ledger.documentCount() == 0 else {
            throw .invalidValue(
                field: "the bench ledger \(ledger.path)", reason: "is not empty; give it an empty database")
        }
        let generator = SyntheticEntries()
        for rule in generator.rules { try ledger.register(rule: rule) }

        var start = ContinuousClock.now
        var index = 0
        while index < rows {
            let end = min(rows, index + batchSize)
            _ = try ledger.record(batch: (index..<end).map(generator.entry))
            index = end
        }
        var seconds = (ContinuousClock.now - start).seconds
        note(
            "append \(rows) rows (\(batchSize == 1 ? "one transaction each" : "\(batchSize) per transaction"))",
            seconds, "\(Int(Double(rows) / max(seconds, 1e-9))) rows/s")

        let again = min(rows, 10_000)
        let before = try ledger.documentCount()
        start = ContinuousClock.now
        let results = try ledger.record(batch: (0..<again).map(generator.entry))
        seconds = (ContinuousClock.now - start).seconds
        let counted = results.filter { $0 == .counted }.count
        let added = try ledger.documentCount() - before
        note(
            "re-record \(again) rows already counted", seconds,
            "\(counted) counted again, \(added) rows added")

        start = ContinuousClock.now
        let report = try ledger.report(ReportQuery(groupings: [.fiscalYear]))
        seconds = (ContinuousClock.now - start).seconds
        let years = report.breakdowns.first?.lines.map {
            "\($0.key) \(NumberText.hours($0.figures.hoursSaved)) h"
        }
        note("fiscal-year report", seconds, (years ?? []).joined(separator: ", "))

        start = ContinuousClock.now
        let full = try ledger.report(ReportQuery())
        let html = ReportFormat.html.render(full)
        seconds = (ContinuousClock.now - start).seconds
        note("full report rendered as HTML", seconds, "\(html.utf8.count / 1024) KiB")

        start = ContinuousClock.now
        let verify = try ledger.verify()
        seconds = (ContinuousClock.now - start).seconds
        note("verify", seconds, verify.isIntact ? "intact" : "\(verify.problems.count) problems")

        let size = try ledger.storageBytes()
        note(
            ledger.isShared ? "database size" : "ledger file", 0, "\(size / 1024 / 1024) MiB for \(rows) rows"
        )
        return timings
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Deterministic synthetic documents: five workflows, four departments, two fiscal years.
struct SyntheticEntries: Sendable {
    let workflows = ["juminido", "inkan-toroku", "jidou-teate", "kokuho-shikaku", "gomi-shushu"]
    let departments = ["市民課", "こども家庭課", "保険年金課", "環境課"]
    private let start = LedgerDay(unchecked: (2024, 4, 1)).startInstant

    /// One rule per workflow, valid from 1 April 2024.
    var rules: [SavingsRule] {
        workflows.enumerated().map { index, name in
            SavingsRule(
                workflow: name, validFrom: LedgerDay(unchecked: (2024, 4, 1)),
                source: "令和6年度 業務量調査 (synthetic)",
                baselineMinutesPerDocument: Double(6 + index * 2), baselineMinutesPerField: 0.25,
                handlingMinutesPerDocument: 1, reviewMinutesPerDocument: 3)
        }
    }

    /// The `index`-th document, spread evenly over FY2024–FY2025. 住民異動届 (juminido) is
    /// handwritten and goes to review often; ごみ収集 (gomi-shushu) stops after FY2024, so a
    /// report shows ○, △ and × alike.
    func entry(_ index: Int) -> LedgerEntry {
        var seed = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        seed ^= seed >> 31
        let roll = Int(seed % 100)
        let seconds = Double(index % 100_000) * (730 * 86_400 / 100_000.0)
        var workflow = index % workflows.count
        if workflow == 4, seconds >= 365 * 86_400 { workflow = 3 }
        let reviewShare = workflow == 0 ? 45 : 15
        let outcome: Outcome =
            roll < 95 - reviewShare ? .accepted : roll < 95 ? .reviewed : roll < 98 ? .rejected : .failed
        return LedgerEntry(
            processedAt: start.addingTimeInterval(seconds), workflow: workflows[workflow],
            workflowVersion: "1", department: departments[(index / 5) % departments.count],
            documentHash: DocumentHash.sha256(text: "bench-document-\(index)"), outcome: outcome,
            pages: 1 + index % 3,
            fields: 8 + index % 5, machineSeconds: 0.5 + Double(index % 7) / 10)
    }
}
