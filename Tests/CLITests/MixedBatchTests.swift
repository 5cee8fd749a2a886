import Foundation
import TestSupport
import Testing

/// `rpa run A.yml B.yml FOLDER` on a folder of mixed forms, through the real engines: each scan read
/// by its own form's workflow and counted under it, a form of no workflow set aside once.
@Suite("Mixed batches", .serialized)
struct MixedBatchTests {
    static let scans = [
        "juminhyo/batch-01/juminhyo-001.tif", "juminhyo/batch-01/juminhyo-002.jpg",
        "jidoteate/batch-01/jidoteate-001.tif", "jidoteate/batch-01/jidoteate-002.jpg",
        "tennyu/batch-01/tennyu-001.jpg",
    ]

    static func workflow(_ form: String) -> String {
        Fixtures.root.appendingPathComponent("workflows/\(form).yml").path
    }

    /// The ledger report's documents per workflow (its CSV: 区分, キー, 項目, 件数 …).
    static func counted(_ space: Workspace) throws -> [String: Int] {
        let report = try CLI.run(["ledger", "report", "--ledger", space.ledger, "--format", "csv"])
        #expect(report.status == 0, "\(report.stderr)")
        var counts: [String: Int] = [:]
        for line in report.stdout.split(whereSeparator: \.isNewline) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells.count > 3, cells[0].hasPrefix("業務") { counts[cells[1]] = Int(cells[3]) }
        }
        return counts
    }

    @Test("each form is read and counted by its own workflow; a form of none is set aside once")
    func sortsAndCountsByForm() throws {
        let space = try Workspace()
        for scan in Self.scans {
            let url = Fixtures.root.appendingPathComponent("samples/\(scan)")
            try FileManager.default.copyItem(
                at: url, to: space.scans.appendingPathComponent(url.lastPathComponent))
        }
        let arguments = [
            "run", Self.workflow("juminhyo"), Self.workflow("jidoteate"), space.scans.path, "--output",
            space.output.path, "--ledger", space.ledger, "--quiet",
        ]
        let first = try CLI.run(arguments)
        // A scan set aside is a file not processed: exit 4, named once with the nearest form.
        #expect(first.status == 4, "\(first.stderr)")
        #expect(first.stdout.components(separatedBy: "tennyu-001.jpg").count == 2, "\(first.stdout)")
        #expect(first.stdout.contains("set aside: tennyu-001.jpg: unknown_form"))
        #expect(first.stdout.contains("住民票の写し等交付請求書 v1: 2 documents"), "\(first.stdout)")
        #expect(first.stdout.contains("児童手当 現況届 v1: 2 documents"), "\(first.stdout)")
        #expect(try Self.counted(space) == ["juminhyo": 2, "jidoteate": 2])
        // Each workflow's outputs hold its own form's documents only.
        let jidoteate = try String(
            contentsOf: space.output.appendingPathComponent("out/jidoteate.csv"), encoding: .utf8)
        #expect(!jidoteate.contains("juminhyo-") && !jidoteate.contains("tennyu-"))

        // Run again: nothing is read or counted twice, the unknown form is named again.
        let again = try CLI.run(arguments + ["--json"])
        #expect(again.status == 4, "\(again.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        let batches = summary?["batches"] as? [[String: Any]] ?? []
        #expect(batches.map { $0["skipped"] as? Int } == [2, 2])
        #expect(
            (summary?["unknown"] as? [[String: Any]])?.map { $0["file"] as? String } == ["tennyu-001.jpg"])
        #expect(try Self.counted(space) == ["juminhyo": 2, "jidoteate": 2])
    }

    @Test("a folder alone, or one workflow given twice, is a usage error (64)")
    func usage() throws {
        let space = try Workspace()
        let alone = try CLI.run(["run", space.scans.path])
        #expect(alone.status == 64, "\(alone.stderr)")
        let twice = try CLI.run([
            "run", Self.workflow("juminhyo"), Self.workflow("juminhyo"), space.scans.path, "--output",
            space.output.path, "--ledger", space.ledger,
        ])
        #expect(twice.status == 64, "\(twice.stderr)")
        #expect(twice.stderr.contains("given twice"))
    }
}
