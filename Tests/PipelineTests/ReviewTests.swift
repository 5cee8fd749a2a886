import Foundation
import Ledger
import Pipeline
import TestSupport
import Testing
import Workflow

@Suite("Resolving reviews")
struct ReviewTests {
    @Test("a person's correction accepts the document, records the minutes and rewrites the outputs")
    func resolve() async throws {
        let scratch = try BatchTests.Scratch()
        // juminhyo-003 has no 交付種別 ticked on purpose: it must wait for a person.
        try scratch.add([BatchTests.batch("juminhyo").appendingPathComponent("juminhyo-003.tif")])
        let workflow = try BatchTests.workflow("juminhyo")
        var options = BatchOptions(outputRoot: scratch.output)
        options.ledgerPath = scratch.ledger
        let summary = try await BatchRunner(workflow: workflow, options: options).run(scratch.scans)
        #expect(summary.review == 1)

        let resolver = ReviewResolver(workflow: workflow, root: scratch.output, ledgerPath: scratch.ledger)
        let item = try #require(resolver.queue.items().first)
        #expect(throws: ReviewError.self) {
            try resolver.resolve(
                String(item.document.prefix(8)), corrections: ["通数": "three"], minutes: 1, reject: false)
        }
        #expect(throws: ReviewError.self) {
            try resolver.resolve(
                String(item.document.prefix(8)), corrections: ["存在しない": "1"], minutes: 1, reject: false)
        }
        let resolved = try resolver.resolve(
            String(item.document.prefix(8)),
            corrections: ["交付種別": "住民票", "氏名": "森 太郎", "住所": "相模原市緑区原宿4丁目22番7号"],
            minutes: 2.5, reject: false)
        #expect(resolved.outcome == .accepted)
        #expect(resolved.fields.first { $0.name == "氏名" }?.value == "森太郎")
        #expect(resolver.queue.items().isEmpty)

        let csv = try String(
            contentsOf: scratch.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
        #expect(csv.contains("森太郎"))

        let ledger = try Ledger(path: scratch.ledger)
        #expect(try ledger.verify().problems.isEmpty)
        #expect(throws: LedgerError.self) {
            try ledger.resolveReview(
                documentHash: item.document, workflow: workflow.name, version: "1", minutesSpent: 1)
        }
    }
}
