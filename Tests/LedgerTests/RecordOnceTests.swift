import Foundation
import Testing

@testable import Ledger

@Suite("Every document is counted once")
struct RecordOnceTests {
    @Test("re-recording the same documents adds no rows")
    func reRecordAddsNothing() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        let date = try Fixture.tokyo(2024, 5, 10)
        let entries = (0..<20).map { Fixture.entry("doc-\($0)", at: date) }
        #expect(try ledger.record(batch: entries) == Array(repeating: .counted, count: 20))
        #expect(try ledger.record(batch: entries) == Array(repeating: .alreadyCounted, count: 20))
        #expect(try ledger.record(entries[3]) == .alreadyCounted)
        #expect(try ledger.documentCount() == 20)
        #expect(
            try ledger.hasProcessed(workflow: "juminido", version: "1", documentHash: entries[3].documentHash)
        )
        #expect(
            try !ledger.hasProcessed(
                workflow: "juminido", version: "2", documentHash: entries[3].documentHash))
    }

    @Test("the same document under a new workflow version is counted again")
    func newVersionCountsAgain() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        let date = try Fixture.tokyo(2024, 5, 10)
        #expect(try ledger.record(Fixture.entry("doc", at: date, version: "1")) == .counted)
        #expect(try ledger.record(Fixture.entry("doc", at: date, version: "2")) == .counted)
        #expect(try ledger.documentCount() == 2)
    }

    @Test("a batch killed half-way, reopened and run again counts every document once")
    func killedBatch() throws {
        let folder = try TempFolder()
        let date = try Fixture.tokyo(2024, 6, 3)
        let entries = (0..<100).map { Fixture.entry("scan-\($0)", at: date) }
        do {
            let first = try Fixture.ledger(in: folder)
            for entry in entries.prefix(50) { try first.record(entry) }
            // The process "dies" here: the ledger is dropped without any closing step.
        }
        let reopened = try Ledger(path: folder.ledgerPath)
        let results = try entries.map { try reopened.record($0) }
        #expect(results.filter { $0 == .alreadyCounted }.count == 50)
        #expect(results.filter { $0 == .counted }.count == 50)
        #expect(try reopened.documentCount() == 100)
        #expect(try reopened.verify().isIntact)
    }

    @Test("a batch that fails part-way records nothing, and its re-run counts everything once")
    func failedBatchIsAtomic() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        let date = try Fixture.tokyo(2024, 6, 3)
        var entries = (0..<10).map { Fixture.entry("scan-\($0)", at: date) }
        entries.insert(Fixture.entry("unruled", at: date, workflow: "no-rule-yet"), at: 5)
        #expect(
            throws: LedgerError.noSavingsRule(workflow: "no-rule-yet", day: try Fixture.day("2024-06-03"))
        ) {
            try ledger.record(batch: entries)
        }
        #expect(try ledger.documentCount() == 0)
        entries.remove(at: 5)
        #expect(try ledger.record(batch: entries).allSatisfy { $0 == .counted })
        #expect(try ledger.documentCount() == 10)
    }

    @Test("two writers with their own connections racing on overlapping documents count each once")
    func concurrentWriters() async throws {
        let folder = try TempFolder()
        _ = try Fixture.ledger(in: folder)
        let writerA = try Ledger(path: folder.ledgerPath)
        let writerB = try Ledger(path: folder.ledgerPath)
        let date = try Fixture.tokyo(2024, 7, 1)
        let entries = (0..<400).map { Fixture.entry("race-\($0)", at: date) }
        let firstSlice = Array(entries[0..<300])
        let secondSlice = Array(entries[100..<400].reversed())
        let taskA = Task.detached { try firstSlice.map { try writerA.record($0) } }
        let taskB = Task.detached { try secondSlice.map { try writerB.record($0) } }
        let resultsA = try await taskA.value
        let resultsB = try await taskB.value
        let counted = (resultsA + resultsB).filter { $0 == .counted }.count
        #expect(counted == 400)
        #expect(resultsA.count + resultsB.count == 600)
        #expect(try writerA.documentCount() == 400)
        let check = try writerB.verify()
        #expect(check.isIntact, "\(check.problems)")
    }

    @Test("an entry that is not a SHA-256 digest is refused with what to do")
    func refusesFileNames() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        var entry = Fixture.entry("doc", at: try Fixture.tokyo(2024, 5, 1))
        entry.documentHash = "scans/2026-11-22/山田太郎.png"
        #expect(throws: LedgerError.invalidDocumentHash(entry.documentHash)) { try ledger.record(entry) }
        let message = LedgerError.invalidDocumentHash(entry.documentHash).description
        #expect(message.contains("never a file name"))
        #expect(try ledger.documentCount() == 0)
    }
}
