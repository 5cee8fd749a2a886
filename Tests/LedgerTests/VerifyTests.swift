import Foundation
import Testing

@testable import Ledger

@Suite("verify finds every edited, inserted or deleted row")
struct VerifyTests {
    /// A ledger with ten documents and one resolved review.
    private func filled(_ folder: TempFolder) throws -> Ledger {
        let ledger = try Fixture.ledger(in: folder)
        let date = try Fixture.tokyo(2024, 9, 2)
        for index in 0..<10 {
            try ledger.record(
                Fixture.entry("v-\(index)", at: date, outcome: index == 4 ? .reviewed : .accepted))
        }
        try ledger.resolveReview(
            documentHash: Fixture.hash("v-4"), workflow: "juminido", version: "1", minutesSpent: 6)
        return ledger
    }

    @Test("an intact ledger verifies, and its head anchors later checks")
    func intact() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        let result = try ledger.verify()
        #expect(result.isIntact)
        #expect(
            result.rowCounts == [
                "savings_rules": 1, "documents": 10, "review_resolutions": 1, "review_corrections": 0,
            ])
        let head = try #require(result.heads["documents"])
        #expect(try ledger.verify(anchors: [head]).isIntact)
    }

    @Test("the append-only triggers refuse UPDATE and DELETE")
    func triggersRefuse() throws {
        let folder = try TempFolder()
        _ = try filled(folder)
        #expect(throws: (any Error).self) {
            try execute(folder.ledgerPath, "UPDATE documents SET saved_minutes = 99 WHERE id = 3")
        }
        #expect(throws: (any Error).self) {
            try execute(folder.ledgerPath, "DELETE FROM documents WHERE id = 3")
        }
        if TestBackend.postgresql {
            #expect(throws: (any Error).self) { try execute(folder.ledgerPath, "TRUNCATE documents CASCADE") }
        }
        #expect(try Ledger(path: folder.ledgerPath).documentCount() == 10)
    }

    @Test("an edited row is named")
    func editedRow() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        try tamper(folder.ledgerPath, "UPDATE documents SET department = '総務課' WHERE id = 3")
        let problems = try ledger.verify().problems
        #expect(problems.contains { $0.table == "documents" && $0.rowID == 3 && $0.kind == .edited })
        #expect(problems.contains { $0.kind == .unguarded })
        #expect(!problems.contains { $0.rowID == 4 })
    }

    @Test("an edited row whose hash was recomputed breaks the link to the next row")
    func resealedRow() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        try tamper(
            folder.ledgerPath,
            "UPDATE documents SET row_hash = '\(String(repeating: "a", count: 64))' WHERE id = 3")
        let problems = try ledger.verify().problems
        #expect(problems.contains { $0.rowID == 3 && $0.kind == .edited })
        #expect(problems.contains { $0.rowID == 4 && $0.kind == .inserted })
    }

    @Test("a deleted row in the middle is named by its id")
    func deletedRow() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        try tamper(folder.ledgerPath, "DELETE FROM documents WHERE id = 6")
        let problems = try ledger.verify().problems.filter { $0.kind == .deleted }
        #expect(problems.count == 1)
        #expect(problems.first?.rowID == 7)
        #expect(problems.first?.detail.contains("row(s) 6 are missing") == true)
    }

    @Test("rows cut from the end are found, and a published head that vanished is reported")
    func truncatedTail() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        let head = try #require(try ledger.verify().heads["documents"])
        try tamper(folder.ledgerPath, "DELETE FROM documents WHERE id >= 9")
        let problems = try ledger.verify(anchors: [head]).problems
        #expect(problems.contains { $0.kind == .deleted && $0.detail.contains("9–10") })
        #expect(problems.contains { $0.detail.contains("published head") })
    }

    @Test("a row inserted by hand is found")
    func insertedRow() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        try tamper(
            folder.ledgerPath,
            """
            INSERT INTO documents (id, processed_at, workflow, workflow_version, department, document_hash, outcome,
              pages, fields, machine_seconds, baseline_minutes, remaining_minutes, review_estimate_minutes,
              saved_minutes, rule_id, prev_hash, row_hash)
            SELECT 11, processed_at, workflow, workflow_version, department, '\(Fixture.hash("forged"))', outcome,
              pages, fields, machine_seconds, baseline_minutes, remaining_minutes, review_estimate_minutes,
              saved_minutes, rule_id, prev_hash, row_hash FROM documents WHERE id = 2
            """)
        let problems = try ledger.verify().problems
        #expect(problems.contains { $0.rowID == 11 && $0.kind == .inserted })
        #expect(problems.contains { $0.rowID == 11 && $0.kind == .edited })
    }

    @Test("an edited review resolution and a rule edited under counted documents are found")
    func editedResolutionAndRule() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        try tamper(folder.ledgerPath, "UPDATE review_resolutions SET minutes_spent = 1")
        try tamper(folder.ledgerPath, "UPDATE savings_rules SET baseline_minutes_per_document = 60")
        let problems = try ledger.verify().problems
        #expect(problems.contains { $0.table == "review_resolutions" && $0.rowID == 1 && $0.kind == .edited })
        #expect(problems.contains { $0.table == "savings_rules" && $0.rowID == 1 && $0.kind == .edited })
        #expect(problems.filter { $0.table == "documents" && $0.kind == .inconsistent }.count == 10)
    }
}
