import Foundation
import Ledger
import TestSupport
import Testing
import Workflow

@testable import Pipeline

/// Resolving reviews: every value a person types or confirms goes through the workflow's checks
/// and rules, outcomes reach the ledger as they are, and a person's work is never lost.
@Suite("Resolving reviews", .serialized)
struct ReviewTests {
    /// juminhyo-003: no 交付種別 ticked (on purpose) and 生年月日 misread, so it waits for a person.
    static let scan = "juminhyo-003.tif"
    /// What the paper says for the two fields that need a person.
    static let rightValues = ["交付種別": "住民票", "生年月日": "昭和35年1月17日"]

    /// A scratch batch of one scan (juminhyo-003 unless told) run once with `workflow`; returns the
    /// resolver and its item.
    func prepared(
        _ scratch: BatchTests.Scratch, _ workflow: Workflow, scan: String = Self.scan, neural: Bool = true
    ) async throws -> (ReviewResolver, String) {
        try scratch.add([BatchTests.batch("juminhyo").appendingPathComponent(scan)])
        let summary = try await run(workflow, scratch, neural: neural)
        #expect(summary.review == 1)
        let resolver = ReviewResolver(workflow: workflow, root: scratch.output, ledgerPath: scratch.ledger)
        let item = try #require(resolver.queue.items().first)
        return (resolver, String(item.document.prefix(8)))
    }

    func run(_ workflow: Workflow, _ scratch: BatchTests.Scratch, force: Bool = false, neural: Bool = true)
        async throws -> BatchSummary
    {
        var options = BatchOptions(outputRoot: scratch.output)
        options.workers = 1
        options.force = force
        options.neural = neural ? .installed : nil
        options.ledgerPath = scratch.ledger
        return try await BatchRunner(workflow: workflow, options: options).run(scratch.scans)
    }

    /// The committed 住民票 workflow, edited, written beside links to the committed templates and lists.
    static func edited(_ scratch: BatchTests.Scratch, _ edit: (String) -> String) throws -> Workflow {
        let folder = scratch.root.appendingPathComponent("workflows", isDirectory: true)
        let manager = FileManager.default
        if !manager.fileExists(atPath: folder.path) {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for linked in ["templates", "vocabularies"] {
                try manager.createSymbolicLink(
                    at: folder.appendingPathComponent(linked),
                    withDestinationURL: Fixtures.root.appendingPathComponent("workflows/\(linked)"))
            }
        }
        let text = try String(
            contentsOf: Fixtures.root.appendingPathComponent("workflows/juminhyo.yml"), encoding: .utf8)
        let url = folder.appendingPathComponent("juminhyo.yml")
        try edit(text).write(to: url, atomically: true, encoding: .utf8)
        return try WorkflowLoader().load(url)
    }

    func csv(_ scratch: BatchTests.Scratch, _ name: String = "juminhyo.csv") throws -> String {
        try String(contentsOf: scratch.output.appendingPathComponent("out/\(name)"), encoding: .utf8)
    }

    @Test("a field read as nothing usable must be given a value: accepting it as read is refused")
    func nothingUsable() async throws {
        let scratch = try BatchTests.Scratch()
        // 生年月日 on juminhyo-004 reads 平成13年月3日 by Tesseract alone: no month, no value (the neural
        // recognizer reads it right, so it is left out here).
        let (resolver, id) = try await prepared(
            scratch, try BatchTests.workflow("juminhyo"), scan: "juminhyo-004.tif", neural: false)
        do {
            _ = try resolver.resolve(id, ReviewDecision(corrections: [:], minutes: 1))
            Issue.record("accepted with a date read as nothing usable")
        } catch ReviewError.stillInvalid(let lines, let canOverride) {
            #expect(lines.contains { $0.contains("生年月日: nothing usable was read") }, "\(lines)")
            #expect(!canOverride)
        }
        #expect(resolver.queue.items().count == 1)
    }

    @Test("a correction that breaks a check or rule is refused with its message; the document stays waiting")
    func correctionsAreChecked() async throws {
        let scratch = try BatchTests.Scratch()
        let (resolver, id) = try await prepared(scratch, try BatchTests.workflow("juminhyo"))
        func refused(_ corrections: [String: String], _ expected: String, overridable: Bool = true) {
            do {
                _ = try resolver.resolve(id, ReviewDecision(corrections: corrections, minutes: 1))
                Issue.record("accepted \(corrections.keys.sorted())")
            } catch ReviewError.stillInvalid(let lines, let canOverride) {
                #expect(lines.contains { $0.contains(expected) }, "\(lines)")
                #expect(canOverride == overridable)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        // Accepting it as read leaves the required box unticked.
        refused([:], "交付種別: no box is ticked")
        refused(Self.rightValues.merging(["生年月日": "2030-01-01"]) { $1 }, "生年月日が請求日より前ではありません")
        refused(Self.rightValues.merging(["通数": "5"]) { $1 }, "手数料が 300円 × 通数 と一致しません")
        refused(Self.rightValues.merging(["請求日": "2030-01-01"]) { $1 }, "請求日 <= today")
        refused(
            Self.rightValues.merging(["交付種別": "存在しない選択肢"]) { $1 }, "only these options", overridable: false)
        refused(Self.rightValues.merging(["通数": "three"]) { $1 }, "通数:", overridable: false)
        #expect(throws: ReviewError.self) {
            try resolver.resolve(id, ReviewDecision(corrections: ["存在しない": "1"], minutes: 1))
        }
        // Nothing moved: still waiting, nothing in the outputs, no resolution in the ledger.
        #expect(resolver.queue.items().count == 1)
        #expect(try csv(scratch).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
        let ledger = try Ledger(path: scratch.ledger)
        let hash = try #require(resolver.queue.items().first?.document)
        #expect(
            try ledger.reviewResolution(documentHash: hash, workflow: "juminhyo", version: "1") == .some(nil))

        // The right values are accepted, recorded as a correction, and written out.
        let resolved = try resolver.resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: 2.5))
        #expect(resolved.outcome == .accepted)
        #expect(resolved.fields.first { $0.name == "生年月日" }?.value == "1960-01-17")
        #expect(resolver.queue.items().isEmpty)
        #expect(try csv(scratch).contains("1960-01-17"))
        #expect(
            try ledger.reviewResolution(documentHash: hash, workflow: "juminhyo", version: "1") == .corrected)
        // The same decision again finishes what is left (nothing here) and returns the recorded one;
        // another is refused.
        let again = try resolver.resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: 1))
        #expect(again.resolution?.minutes == 2.5)
        #expect(resolver.audit.entries().count == 1)
        var rejection = ReviewDecision(minutes: 1, reject: true)
        rejection.rejectReason = "別の様式"
        #expect(throws: ReviewError.self) { try resolver.resolve(id, rejection) }
    }

    @Test("the consistency check names each document where the records disagree, by id, never a value")
    func consistencyCheck() async throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try BatchTests.workflow("juminhyo")
        let (resolver, id) = try await prepared(scratch, workflow)
        let ledger = try Ledger(path: scratch.ledger)
        let check = ResolutionCheck(workflow: workflow, root: scratch.output, ledger: ledger)
        #expect(try check.disagreements() == [])
        let resolved = try resolver.resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: 2))
        #expect(try check.disagreements() == [])

        // The run state changed behind the others' back: every other record now disagrees with it.
        var rejected = resolved
        rejected.outcome = .rejected
        rejected.resolution?.rejected = true
        rejected.resolution?.corrected = []
        try resolver.store.save(rejected)
        let lines = try check.disagreements().map(\.description)
        let short = String(resolved.document.prefix(12))
        #expect(lines.allSatisfy { $0.hasPrefix("\(short): ") }, "\(lines)")
        #expect(lines.contains("\(short): accepted in the audit trail, rejected in the run state"))
        #expect(lines.contains("\(short): corrected in the ledger, rejected in the run state"))
        #expect(
            lines.contains {
                $0.hasPrefix("\(short): in ") && $0.hasSuffix("juminhyo.csv, rejected in the run state")
            })
        #expect(!lines.joined().contains("1960-01-17"))

        // Back as it was, but its row gone from the CSV and a second audit entry.
        try resolver.store.save(resolved)
        let csv = scratch.output.appendingPathComponent("out/juminhyo.csv")
        let header = try String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\r\n")[0]
        try Data((header + "\r\n").utf8).write(to: csv)
        try resolver.audit.append(try #require(resolver.audit.entries().first))
        let again = try check.disagreements().map(\.description)
        #expect(again.count == 2, "\(again)")
        #expect(again.contains("\(short): 2 audit trail entries for one resolution"))
        #expect(
            again.contains { $0.hasPrefix("\(short): accepted in the run state, missing or different in ") })
    }

    @Test("a resolution cut short by its outputs stands, and the next run finishes it, audit entry included")
    func finishedByTheNextRun() async throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try BatchTests.workflow("juminhyo")
        let (resolver, id) = try await prepared(scratch, workflow)
        // The CSV cannot be replaced while a folder holding a file stands in its place.
        let csv = scratch.output.appendingPathComponent("out/juminhyo.csv")
        try FileManager.default.removeItem(at: csv)
        try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: true)
        try Data().write(to: csv.appendingPathComponent("in-the-way"))
        #expect(throws: (any Error).self) {
            try resolver.resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: 2))
        }
        var rejection = ReviewDecision(minutes: 1, reject: true)
        rejection.rejectReason = "別の様式"
        #expect(throws: ReviewError.self) { try resolver.resolve(id, rejection) }
        try FileManager.default.removeItem(at: csv)
        _ = try await run(workflow, scratch)
        let check = ResolutionCheck(
            workflow: workflow, root: scratch.output, ledger: try Ledger(path: scratch.ledger))
        #expect(try check.disagreements() == [])
        #expect(resolver.audit.entries().count == 1)
        #expect(try self.csv(scratch).contains("1960-01-17"))
    }

    @Test("a ledger row an earlier rpa wrote before the run state stands: only its outcome is accepted now")
    func earlierLedgerRowStands() async throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try BatchTests.workflow("juminhyo")
        let (resolver, id) = try await prepared(scratch, workflow)
        let hash = try resolver.documentHash(id)
        let ledger = try Ledger(path: scratch.ledger)
        try ledger.resolveReview(
            documentHash: hash, workflow: "juminhyo", version: "1", minutesSpent: 1, outcome: .rejected)
        #expect(throws: ReviewError.self) {
            try resolver.resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: 2))
        }
        #expect(resolver.stored(hash) == nil, "nothing written")
        var rejection = ReviewDecision(minutes: 1, reject: true)
        rejection.rejectReason = "別の様式"
        #expect(try resolver.resolve(id, rejection).outcome == .rejected)
        let check = ResolutionCheck(workflow: workflow, root: scratch.output, ledger: ledger)
        #expect(try check.disagreements() == [])
    }

    @Test("a person may accept against a rule only with an explicit, recorded override")
    func override() async throws {
        let scratch = try BatchTests.Scratch()
        let (resolver, id) = try await prepared(scratch, try BatchTests.workflow("juminhyo"))
        let corrections = Self.rightValues.merging(["手数料": "0"]) { $1 }
        var decision = ReviewDecision(corrections: corrections, minutes: 1)
        decision.overrideReason = "   "
        #expect(throws: ReviewError.self) { try resolver.resolve(id, decision) }
        decision.overrideReason = "手数料免除（生活保護）"
        let resolved = try resolver.resolve(id, decision)
        #expect(resolved.outcome == .accepted)
        #expect(resolved.resolution?.reason == "手数料免除（生活保護）")
        #expect(resolved.resolution?.overridden?.contains { $0.contains("手数料が 300円 × 通数 と一致しません") } == true)
    }

    @Test("a rejected document claims no savings, is counted as rejected, and never reaches the outputs")
    func rejection() async throws {
        let scratch = try BatchTests.Scratch()
        let (resolver, id) = try await prepared(scratch, try BatchTests.workflow("juminhyo"))
        var decision = ReviewDecision(minutes: 1.5, reject: true)
        decision.rejectReason = "別の様式"
        let result = try resolver.resolve(id, decision)
        #expect(result.outcome == .rejected)
        #expect(try csv(scratch).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
        let totals = try Ledger(path: scratch.ledger).report().totals
        #expect(totals.rejected == 1 && totals.reviewed == 0 && totals.savedMinutes == 0)
        #expect(totals.remainingMinutes == 4.5)
        // A run afterwards leaves the rejection as it is and the queue empty.
        let again = try await run(resolver.workflow, scratch)
        #expect(again.waiting == 0 && again.counted == 0)
    }

    @Test("review minutes are bounded by the workflow; a mistake is refused before anything is recorded")
    func minutesBounded() async throws {
        let scratch = try BatchTests.Scratch()
        let (resolver, id) = try await prepared(scratch, try BatchTests.workflow("juminhyo"))
        for minutes in [100_000, -5, 121, .nan] {
            #expect(throws: ReviewError.self) {
                try resolver.resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: minutes))
            }
        }
        #expect(resolver.queue.items().count == 1)
        let wide = try Self.edited(scratch) {
            $0.replacingOccurrences(
                of: "{min_confidence: 60}", with: "{min_confidence: 60, max_minutes: 180}")
        }
        #expect(wide.review.maxMinutes == 180)
        let resolved = try ReviewResolver(workflow: wide, root: scratch.output, ledgerPath: scratch.ledger)
            .resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: 150))
        #expect(resolved.resolution?.minutes == 150)
        // The report shows no negative hours however long the review took.
        #expect(try Ledger(path: scratch.ledger).report().totals.savedMinutes >= 0)
    }

    @Test("--force never strands a resolved document; a new version shows the earlier correction")
    func rereadingKeepsThePersonsWork() async throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try BatchTests.workflow("juminhyo")
        let (resolver, id) = try await prepared(scratch, workflow)
        _ = try resolver.resolve(id, ReviewDecision(corrections: Self.rightValues, minutes: 2))
        let before = try csv(scratch)

        let forced = try await run(workflow, scratch, force: true)
        #expect(forced.processed == 0 && forced.skipped == 1 && forced.waiting == 0)
        #expect(forced.pages == 0, "a resolved document is not even read again")
        #expect(try csv(scratch) == before, "the corrected row stays in the outputs")
        #expect(resolver.queue.items().isEmpty)

        // Version 2 reads the document again: it is doubtful again, and the reviewer sees what
        // was decided under version 1.
        let second = try Self.edited(scratch) {
            $0.replacingOccurrences(of: "version: 1", with: "version: 2")
        }
        let rerun = try await run(second, scratch)
        #expect(rerun.review == 1 && rerun.counted == 1)
        let item = try #require(
            ReviewResolver(workflow: second, root: scratch.output, ledgerPath: scratch.ledger)
                .queue.items().first)
        #expect(item.earlier?.version == 1)
        #expect(item.earlier?.values["生年月日"] == "1960-01-17")
        #expect(item.earlier?.values["交付種別"] == "住民票")
    }

    @Test("renaming a workflow relabels the ledger and counts nothing again")
    func renameCountsNothing() async throws {
        let scratch = try BatchTests.Scratch()
        try scratch.add(
            ["juminhyo-001.tif", "juminhyo-003.tif"].map {
                BatchTests.batch("juminhyo").appendingPathComponent($0)
            })
        let first = try await run(try Self.edited(scratch) { $0 }, scratch)
        #expect(first.counted == 2)
        let renamed = try Self.edited(scratch) {
            $0.replacingOccurrences(of: "workflow: 住民票の写し等交付請求書", with: "workflow: 住民票の写し等交付請求書（改）")
        }
        let second = try await run(renamed, scratch)
        #expect(second.skipped == 2 && second.counted == 0)
        let ledger = try Ledger(path: scratch.ledger)
        #expect(try ledger.documentCount() == 2)
        let line = try ledger.report().breakdowns.first { $0.grouping == .workflow }?.lines.first
        #expect(line?.key == "juminhyo" && line?.label == "住民票の写し等交付請求書（改）")
    }

    @Test("Shift_JIS output: 〜 and − are written as JIS X 0208; a value it cannot hold stays in review")
    func shiftJISNeverJams() async throws {
        let scratch = try BatchTests.Scratch()
        let workflow = try Self.edited(scratch) {
            $0.replacingOccurrences(
                of: "{csv: out/juminhyo.csv, encoding: utf-8-bom}",
                with:
                    "{csv: out/juminhyo.csv, encoding: utf-8-bom}\n  - {csv: out/juminhyo-sjis.csv, encoding: shift_jis}"
            )
        }
        let (resolver, id) = try await prepared(scratch, workflow)
        do {
            _ = try resolver.resolve(
                id, ReviewDecision(corrections: Self.rightValues.merging(["氏名": "𠮷田 太郎"]) { $1 }, minutes: 1))
            Issue.record("𠮷 cannot be written in Shift_JIS")
        } catch ReviewError.stillInvalid(let lines, let overridable) {
            #expect(lines.contains { $0.hasPrefix("氏名:") && $0.contains("shift_jis") }, "\(lines)")
            #expect(!lines.contains { $0.contains("𠮷") }, "the message never holds the value")
            #expect(!overridable)
        }
        #expect(resolver.queue.items().count == 1)
        // Later runs are not jammed by it.
        let again = try await run(workflow, scratch)
        #expect(again.waiting == 1)

        let resolved = try resolver.resolve(
            id,
            ReviewDecision(
                corrections: Self.rightValues.merging(["住所": "相模原市緑区原宿4丁目22番7号〜8号"]) { $1 }, minutes: 1))
        #expect(resolved.outcome == .accepted)
        let sjis = try Data(contentsOf: scratch.output.appendingPathComponent("out/juminhyo-sjis.csv"))
        #expect(sjis.range(of: Data([0x81, 0x60])) != nil, "〜 as JIS X 0208 0x8160")
        #expect(try csv(scratch).contains("〜8号"))
    }

    @Test("many processes putting the same review item at once all succeed and leave no staging folders")
    func queueRace() async throws {
        let scratch = try BatchTests.Scratch()
        let queue = ReviewQueue(folder: scratch.output.appendingPathComponent("review"))
        let document = ProcessedDocument(
            result: DocumentResult(
                document: String(repeating: "b", count: 64), file: "a.png", workflow: "w", version: 1,
                processedAt: Date(), outcome: .review, pages: 1, seconds: 0, fields: [], problems: [],
                resolution: nil),
            crops: ["x": Data(repeating: 1, count: 2000)])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    for _ in 0..<40 { try queue.put(document) }
                }
            }
            try await group.waitForAll()
        }
        #expect(queue.items().count == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: queue.folder.path)
        #expect(!names.contains { $0.hasPrefix(".staging-") })
    }
}
