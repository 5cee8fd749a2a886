import Foundation
import Testing
import Workflow

@testable import Pipeline

@Suite("Outputs")
struct OutputTests {
    @Test("CSV cells are quoted, and formulas are defused for Excel")
    func quoting() {
        #expect(CSVOutput.quote("山田,花子") == "\"山田,花子\"")
        #expect(CSVOutput.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVOutput.quote("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVOutput.quote("-5") == "-5")
        #expect(CSVOutput.quote("042-754-1111") == "042-754-1111")
    }

    @Test("CSV in Shift_JIS for core systems, and a clear error for characters it cannot hold")
    func shiftJIS() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let output = CSVOutput(url: url, encoding: .shiftJIS)
        let data = try output.encode("氏名\r\n山田花子\r\n")
        #expect(String(data: data, encoding: .shiftJIS) == "氏名\r\n山田花子\r\n")
        #expect(data.count == 16)
        #expect(throws: OutputError.self) { try output.encode("😀") }
    }

    @Test("{date} in an output path writes one file per processing day in Japan")
    func dailyFiles() {
        // 2026-11-21 23:30 UTC is already the 22nd in Japan.
        #expect(OutputWriter.day(Date(timeIntervalSince1970: 1_795_303_800)) == "2026-11-22")
        #expect(
            OutputSpec.csv(path: "out/a-{date}.csv", encoding: .utf8).with(path: "out/a-2026-11-22.csv").path
                == "out/a-2026-11-22.csv")
    }

    @Test("masking keeps only separators")
    func masking() {
        #expect(Masking.mask("1234-5678") == "****-****")
    }
}
