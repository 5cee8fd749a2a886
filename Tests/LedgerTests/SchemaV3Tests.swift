import Crypto
import Foundation
import GRDB
import Testing

@testable import Ledger

/// Schema v3: who resolved a review, whether its minutes were measured, and which fields changed,
/// sealed in the chain, without breaking the seals of rows written before.
@Suite("Schema v3 review columns")
struct SchemaV3Tests {
    /// A v3 ledger with one reviewed document resolved by 山田 花子 in the review station.
    private func resolved(_ folder: TempFolder) throws -> Ledger {
        let ledger = try Fixture.ledger(in: folder)
        try ledger.record(Fixture.entry("new", at: try Fixture.tokyo(2024, 9, 2), outcome: .reviewed))
        try ledger.resolveReview(
            documentHash: Fixture.hash("new"), workflow: "juminido", version: "1", minutesSpent: 1.25,
            outcome: .corrected, reviewer: "山田 花子", measured: true, fieldsChanged: ["生年月日", "交付種別"],
            at: try Fixture.tokyo(2024, 9, 2, 11))
        return ledger
    }

    @Test("a v2 ledger migrates to v3 on open, and its old rows still verify")
    func migratesFromV2() throws {
        let folder = try TempFolder()
        try OlderLedger.v2(at: folder.sqlitePath)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.sqlitePath))

        // Read-only paths work on the v2 file and leave it as it was.
        do {
            let copy = try Ledger.openCopy(of: folder.sqlitePath)
            #expect(try copy.verify().isIntact)
            #expect(try copy.report().totals.reviewsResolved == 2)
            #expect(try copy.auditTrail().resolutions.count == 2)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.sqlitePath)) == before)
        #expect(try !columns(folder.sqlitePath).contains("reviewer"))

        let ledger = try Ledger(path: folder.sqlitePath)
        #expect(try columns(folder.sqlitePath).isSuperset(of: ["reviewer", "measured", "fields_changed"]))
        #expect(try ledger.verify().isIntact)
        try ledger.resolveReview(
            documentHash: Fixture.hash("old-3"), workflow: "juminido", version: "1", minutesSpent: 0.5,
            reviewer: "佐藤", measured: true, fieldsChanged: ["氏名"])
        let result = try ledger.verify()
        #expect(result.isIntact)
        #expect(result.rowCounts["review_resolutions"] == 3)

        // An old row given a v3 column afterwards no longer matches its seal.
        try tamper(folder.sqlitePath, "UPDATE review_resolutions SET measured = 1 WHERE id = 2")
        let problems = try ledger.verify().problems
        #expect(problems.contains { $0.table == "review_resolutions" && $0.rowID == 2 && $0.kind == .edited })
        #expect(problems.filter { $0.kind != .unguarded }.count == 1)
    }

    @Test(
        "changing the reviewer, measured or the fields changed by hand breaks the seal",
        arguments: [
            "reviewer = '田中 一郎'", "reviewer = NULL", "measured = 0", "measured = NULL",
            "fields_changed = '[\"生年月日\"]'", "fields_changed = NULL",
        ])
    func newColumnsAreSealed(change: String) throws {
        let folder = try TempFolder()
        let ledger = try resolved(folder)
        #expect(try ledger.verify().isIntact)
        try tamper(folder.ledgerPath, "UPDATE review_resolutions SET \(change) WHERE id = 1")
        let problems = try ledger.verify().problems
        #expect(problems.contains { $0.table == "review_resolutions" && $0.rowID == 1 && $0.kind == .edited })
    }

    @Test("a v2 row hashes exactly as v2 did; a v3 row adds measured, reviewer and fields changed")
    func canonicalText() throws {
        let documents = try TempFolder()
        let rows = try OlderLedger.v2(at: documents.sqlitePath)
        let hash = rows[1].rowHash
        let old = try OlderLedger.resolution(
            2, rows[1], minutes: 3, outcome: .corrected, overridden: true, after: nil)
        let stem = "rpa-ledger/1|review_resolutions|1:2|1:2|64:\(hash)|29:2024-09-02T11:00:00.000+09:00|3:3.0"
        #expect(old.canonical().text == stem + "|9:corrected|1:1")

        var new = ResolutionRow(
            id: 2, documentID: 2, documentRowHash: hash, resolvedAt: old.resolvedAt, minutesSpent: 3,
            outcome: .corrected, overridden: true, reviewer: "山田", measured: true, fieldsChanged: ["氏名"],
            previousHash: DocumentHash.genesis)
        #expect(new.canonical().text == stem + "|9:corrected|1:1|1:1|6:山田|10:[\"氏名\"]")
        new.reviewer = nil
        #expect(new.canonical().text == stem + "|9:corrected|1:1|1:1|-|10:[\"氏名\"]")
        new.reviewer = ""
        #expect(new.canonical().text == stem + "|9:corrected|1:1|1:1|0:|10:[\"氏名\"]")
    }

    @Test("the reviewer's name is trimmed and must be 1–64 characters on one plain line")
    func reviewerIsChecked() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        let date = try Fixture.tokyo(2024, 9, 2)
        for label in ["a", "b", "c"] { try ledger.record(Fixture.entry(label, at: date, outcome: .reviewed)) }
        func resolve(_ label: String, _ reviewer: String?) throws(LedgerError) {
            try ledger.resolveReview(
                documentHash: Fixture.hash(label), workflow: "juminido", version: "1", minutesSpent: 1,
                reviewer: reviewer)
        }
        let refused = [
            "", "   ", "\u{3000}", String(repeating: "名", count: 65), "山田\n花子", "山田\u{7}", "\u{202E}田山",
            "山田\u{2028}花子",
        ]
        for reviewer in refused {
            #expect(throws: LedgerError.self, "\(reviewer.debugDescription)") { try resolve("a", reviewer) }
        }
        do {
            try resolve("a", "山田\t花子")
            Issue.record("a tab was accepted")
        } catch {
            #expect("\(error)".contains("1 to 64 characters on one line"))
            #expect(error == .invalidReviewer(reason: "contains a line break or control character"))
        }
        #expect(try ledger.verify().rowCounts["review_resolutions"] == 0)

        try resolve("a", "\u{3000} 山田 花子 ")
        try resolve("b", String(repeating: "名", count: 64))
        try resolve("c", nil)
        let reviewers = try ledger.auditTrail().resolutions.map(\.reviewer)
        #expect(reviewers == ["山田 花子", String(repeating: "名", count: 64), nil])
        #expect(try ledger.verify().isIntact)
    }

    @Test("fields changed are names: each once, never a line of typed text")
    func fieldNamesAreChecked() throws {
        let folder = try TempFolder()
        let ledger = try Fixture.ledger(in: folder)
        try ledger.record(Fixture.entry("a", at: try Fixture.tokyo(2024, 9, 2), outcome: .reviewed))
        for names in [["氏名", "東京都千代田区\n1-1"], [""], [String(repeating: "x", count: 201)]] {
            #expect(throws: LedgerError.self) {
                try ledger.resolveReview(
                    documentHash: Fixture.hash("a"), workflow: "juminido", version: "1", minutesSpent: 1,
                    fieldsChanged: names)
            }
        }
        try ledger.resolveReview(
            documentHash: Fixture.hash("a"), workflow: "juminido", version: "1", minutesSpent: 1,
            fieldsChanged: ["氏名", "住所", "氏名"])
        #expect(try ledger.auditTrail().resolutions.first?.fieldsChanged == ["氏名", "住所"])
    }

    /// The columns of `review_resolutions` in the file at `path`.
    private func columns(_ path: String) throws -> Set<String> {
        let queue = try DatabaseQueue(path: path, configuration: readOnly)
        return try queue.read { db in
            Set(try db.columns(in: "review_resolutions").map(\.name))
        }
    }

    private var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }
}
