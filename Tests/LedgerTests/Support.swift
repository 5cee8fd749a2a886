import Foundation
import GRDB
import TestSupport
import Testing

@testable import Ledger

/// Which engine the suite's ledgers live in: SQLite files, or with `RPA_TEST_LEDGER=postgresql`
/// (`make test` runs the suite both ways) databases on a private PostgreSQL server the tests start.
enum TestBackend {
    static let postgresql = ProcessInfo.processInfo.environment["RPA_TEST_LEDGER"] == "postgresql"
}

/// A fresh folder for one test, removed when the test's scope ends, and a fresh ledger location.
final class TempFolder: Sendable {
    let url: URL
    /// Where the test's ledger lives: a file in the folder, or a new PostgreSQL database.
    let ledgerPath: String

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ledger-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let file = url.appendingPathComponent("ledger.sqlite").path
        ledgerPath = TestBackend.postgresql ? try PostgresCluster.shared.get().createDatabase() : file
    }

    /// A ledger file in the folder, for what only SQLite has (files, older schema versions, WAL).
    var sqlitePath: String { url.appendingPathComponent("ledger.sqlite").path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Builds test dates and entries in Japan time.
enum Fixture {
    /// An instant given as Japan wall-clock time.
    static func tokyo(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 10, _ minute: Int = 0, _ second: Double = 0
    )
        throws -> Date
    {
        try LedgerDay(year: year, month: month, day: day).startInstant
            .addingTimeInterval(Double(hour * 3600 + minute * 60) + second)
    }

    static func day(_ text: String) throws -> LedgerDay { try LedgerDay(parsing: text) }

    /// 住民異動届: 10 min + 0.5 min per field before; 1 min handling; 4 min estimated review.
    static func juminidoRule(from: String = "2024-04-01") throws -> SavingsRule {
        SavingsRule(
            workflow: "juminido", validFrom: try day(from), source: "令和6年度 業務量調査",
            baselineMinutesPerDocument: 10, baselineMinutesPerField: 0.5, handlingMinutesPerDocument: 1,
            reviewMinutesPerDocument: 4)
    }

    /// 印鑑登録: 6 min before; 0.5 min handling; 2 min estimated review.
    static func inkanRule() throws -> SavingsRule {
        SavingsRule(
            workflow: "inkan", validFrom: try day("2024-04-01"), source: "令和6年度 業務量調査",
            baselineMinutesPerDocument: 6, handlingMinutesPerDocument: 0.5, reviewMinutesPerDocument: 2)
    }

    /// A document hash that is the SHA-256 of a label.
    static func hash(_ label: String) -> String { DocumentHash.sha256(text: label) }

    static func entry(
        _ label: String, at date: Date, workflow: String = "juminido", version: String = "1",
        department: String = "市民課", outcome: Outcome = .accepted, fields: Int = 4
    ) -> LedgerEntry {
        LedgerEntry(
            processedAt: date, workflow: workflow, workflowVersion: version, department: department,
            documentHash: hash(label), outcome: outcome, pages: 2, fields: fields, machineSeconds: 1.5)
    }

    /// A ledger with the 住民異動届 rule registered.
    static func ledger(in folder: TempFolder) throws -> Ledger {
        try ledger(at: folder.ledgerPath)
    }

    /// A ledger at `path` with the 住民異動届 rule registered.
    static func ledger(at path: String) throws -> Ledger {
        let ledger = try Ledger(path: path)
        try ledger.register(rule: try juminidoRule(), at: try tokyo(2024, 3, 1))
        return ledger
    }
}

/// Compares amounts computed through floating point.
func close(_ lhs: Double?, _ rhs: Double, tolerance: Double = 1e-9) -> Bool {
    guard let lhs else { return false }
    return abs(lhs - rhs) <= tolerance
}

/// Changes a ledger the way someone with the sqlite3 or psql tool would: drops the append-only
/// guards, then runs `sql`.
func tamper(_ path: String, _ sql: String) throws {
    if PostgresAddress.isAddress(path) {
        try Ledger(path: path).store.write { db in
            for table in LedgerSchema.chainedTables {
                for trigger in LedgerSchema.triggerNames(table, .postgresql) {
                    try db.execute("DROP TRIGGER IF EXISTS \(trigger) ON \(table)")
                }
            }
            try db.execute(sql)
        }
        return
    }
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        for table in LedgerSchema.chainedTables {
            for trigger in LedgerSchema.triggerNames(table) {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
            }
        }
        try db.execute(sql: sql)
    }
}

/// Runs `sql` on the ledger as it stands, guards in place (they should refuse it).
func execute(_ path: String, _ sql: String) throws {
    try Ledger(path: path).store.write { db in try db.execute(sql) }
}
