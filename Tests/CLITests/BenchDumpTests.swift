import Foundation
import TestSupport
import Testing

/// `rpa bench forms --fields FILE`, the calibration dump: readings of names and addresses, so the
/// file is the owner's only, and 個人番号 is masked in it as everywhere outside the outputs.
@Suite("The calibration dump")
struct BenchDumpTests {
    @Test("the dump is 0600 and holds no My Number in clear")
    func privateAndMasked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rpa-dump-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let batch = Fixtures.root.appendingPathComponent("samples/juminhyo/batch-01")
        let dump = folder.appendingPathComponent("fields.jsonl")
        let result = try CLI.run(
            [
                "bench", "forms", batch.path, "--workflows",
                Fixtures.root.appendingPathComponent("workflows").path,
                "--no-baseline", "--workers", "1", "--fields", dump.path,
            ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: dump.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let text = try String(contentsOf: dump, encoding: .utf8)
        #expect(text.contains("\"field\":\"個人番号\""))
        let truth =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: batch.appendingPathComponent("ground_truth.json"))) as? [String: Any]
        let numbers = (truth?["files"] as? [[String: Any]] ?? []).compactMap {
            ($0["values"] as? [String: Any])?["個人番号"] as? String
        }
        #expect(!numbers.isEmpty)
        for number in numbers { #expect(!text.contains(number), "a My Number in clear in the dump") }
    }
}
