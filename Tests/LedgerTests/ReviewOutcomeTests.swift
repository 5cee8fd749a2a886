import Crypto
import Foundation
import GRDB
import Testing

@testable import Ledger

/// Review outcomes as they are: rejections claim nothing, a mistaken time is corrected by appending,
/// no figure goes negative, and reading a ledger never changes it.
@Suite("Review outcomes and corrections")
struct ReviewOutcomeTests {
    /// 住民異動届 with 4 fields: baseline 12 min, handling 1 min, review estimate 4 min.
    private func reviewed(_ ledger: Ledger, _ label: String) throws -> String {
        try ledger.record(Fixture.entry(label, at: try Fixture.tokyo(2024, 9, 2), outcome: .reviewed))
        return Fixture.hash(label)
    }

    @Test("a rejected review claims no savings and is counted as rejected")
    func rejectionClaimsNothing() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try ledger.record(Fixture.entry("ok", at: try Fixture.tokyo(2024, 9, 2)))
        let hash = try reviewed(ledger, "bad")
        try ledger.resolveReview(
            documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 3, outcome: .rejected)
        let totals = try ledger.report().totals
        #expect(totals.documents == 2 && totals.accepted == 1 && totals.reviewed == 0 && totals.rejected == 1)
        // Accepted: 12 − 1 = 11 min saved; rejected: the whole 12 min remain with the person.
        #expect(close(totals.savedMinutes, 11))
        #expect(close(totals.remainingMinutes, 1 + 12))
        #expect(try ledger.verify().isIntact)
        #expect(
            try ledger.reviewResolution(documentHash: hash, workflow: "juminido", version: "1") == .rejected)
    }

    @Test("a second resolution is refused: a retry with the recorded outcome as such, another as a conflict")
    func secondResolution() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        let hash = try reviewed(ledger, "twice")
        try ledger.resolveReview(
            documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 3, outcome: .rejected)
        #expect(throws: LedgerError.alreadyResolved(documentHash: hash)) {
            try ledger.resolveReview(
                documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 4, outcome: .rejected)
        }
        #expect(
            throws: LedgerError.conflictingResolution(documentHash: hash, recorded: .rejected, asked: .accepted)
        ) {
            try ledger.resolveReview(
                documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 3, outcome: .accepted)
        }
        #expect(try ledger.reviewResolutions(workflow: "juminido", version: "1") == [hash: .rejected])
        #expect(try ledger.verify().rowCounts["review_resolutions"] == 1)
    }

    @Test("a mistaken review time is corrected by an appended, sealed row; the old one stays")
    func correctionAppends() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        let hash = try reviewed(ledger, "slow")
        #expect(throws: LedgerError.notResolved(documentHash: hash)) {
            try ledger.correctReview(documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 2)
        }
        try ledger.resolveReview(
            documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 10, outcome: .corrected)
        #expect(close(try ledger.report().totals.savedMinutes, 12 - 1 - 10))
        try ledger.correctReview(documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 2)
        #expect(close(try ledger.report().totals.savedMinutes, 12 - 1 - 2))
        try ledger.correctReview(documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 1.5)
        #expect(close(try ledger.report().totals.savedMinutes, 12 - 1 - 1.5))
        let result = try ledger.verify()
        #expect(result.isIntact)
        #expect(result.rowCounts["review_corrections"] == 2 && result.rowCounts["review_resolutions"] == 1)

        // Editing a correction by hand is found like any other edit.
        try tamper(folder.ledgerPath, "UPDATE review_corrections SET minutes_spent = 0 WHERE id = 2")
        #expect(try ledger.verify().problems.contains { $0.table == "review_corrections" && $0.rowID == 2 })
    }

    @Test("review minutes are bounded, and no document shows negative savings")
    func boundsAndNoNegativeHours() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        let hash = try reviewed(ledger, "long")
        for minutes in [-5, 100_000, .infinity, .nan] {
            #expect(throws: LedgerError.self) {
                try ledger.resolveReview(
                    documentHash: hash, workflow: "juminido", version: "1", minutesSpent: minutes)
            }
        }
        // A real review that took longer than keying by hand: the document saved nothing, never less.
        try ledger.resolveReview(documentHash: hash, workflow: "juminido", version: "1", minutesSpent: 45)
        let totals = try ledger.report().totals
        #expect(totals.savedMinutes == 0 && totals.hoursSaved == 0)
        #expect(totals.reductionRate == 0)
    }

    @Test("a workflow's display name is a label; a ledger keyed by display names is recognised")
    func labelsAndLegacy() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try ledger.record(Fixture.entry("a", at: try Fixture.tokyo(2024, 9, 2)))
        try ledger.label(workflow: "juminido", name: "住民異動届")
        try ledger.label(workflow: "juminido", name: "住民異動届（改）")
        let line = try #require(
            try ledger.report().breakdowns.first { $0.grouping == .workflow }?.lines.first)
        #expect(line.key == "juminido" && line.label == "住民異動届（改）")
        #expect(line.figures.documents == 1)

        // rpa 0.1 registered rules under the display name: counting on under the id would count again.
        var legacy = try Fixture.juminidoRule()
        legacy.workflow = "住民票の写し等交付請求書"
        try ledger.register(rule: legacy)
        #expect(try ledger.countsUnderDisplayName(id: "juminhyo", name: "住民票の写し等交付請求書"))
        #expect(try !ledger.countsUnderDisplayName(id: "juminido", name: "住民異動届"))
    }

    @Test("verify and reports work on a copy and leave the ledger's bytes and folder unchanged")
    func readingChangesNothing() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(at: folder.sqlitePath)
        for index in 0..<20 {
            try ledger.record(Fixture.entry("r-\(index)", at: try Fixture.tokyo(2024, 9, 2)))
        }
        // The ledger as a killed `rpa run` leaves it: recent commits still in the write-ahead log.
        let audit = folder.url.appendingPathComponent("audit")
        try FileManager.default.createDirectory(at: audit, withIntermediateDirectories: true)
        let copy = audit.appendingPathComponent("ledger.sqlite").path
        try FileManager.default.copyItem(atPath: folder.sqlitePath, toPath: copy)
        try FileManager.default.copyItem(atPath: folder.sqlitePath + "-wal", toPath: copy + "-wal")
        let before = try fingerprint(audit)
        do {
            let reader = try Ledger.openCopy(of: copy)
            let result = try reader.verify()
            #expect(result.isIntact && result.rowCounts["documents"] == 20)
            #expect(try reader.report().totals.documents == 20)
            #expect(reader.path == copy)
        }
        #expect(try fingerprint(audit) == before)
        #expect(throws: LedgerError.ledgerMissing(path: audit.appendingPathComponent("none").path)) {
            try Ledger.openCopy(of: audit.appendingPathComponent("none").path)
        }
    }

    @Test("the ledger bench counts what re-recording added instead of printing it")
    func benchCounts() throws {
        let folder = try TempFolder()
        let timings = try LedgerBenchmark(rows: 40, directory: folder.url).run { _ in }
        let again = try #require(timings.first { $0.step.hasPrefix("re-record") })
        #expect(again.detail == "0 counted again, 0 rows added")
    }

    /// Every file in `folder` with the SHA-256 of its bytes.
    private func fingerprint(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            result[name] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }
        return result
    }
}
