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

    @Test("shift_jis writes JIS X 0208 bytes for 〜 − — ‖, refuses CP932 extensions; cp932 takes both")
    func shiftJISTables() throws {
        // JIS X 0208 row 1: 〜 0x8160, − 0x817C, — 0x815C, ‖ 0x8161, as a Japanese IME types them.
        #expect(ShiftJIS.encode("〜", as: .shiftJIS) == Data([0x81, 0x60]))
        #expect(ShiftJIS.encode("−", as: .shiftJIS) == Data([0x81, 0x7C]))
        #expect(ShiftJIS.encode("—", as: .shiftJIS) == Data([0x81, 0x5C]))
        #expect(ShiftJIS.encode("‖", as: .shiftJIS) == Data([0x81, 0x61]))
        #expect(ShiftJIS.encode("〜", as: .cp932) == Data([0x81, 0x60]))
        // The full-width forms Windows types land on the same bytes.
        #expect(ShiftJIS.encode("～", as: .shiftJIS) == Data([0x81, 0x60]))
        // NEC special (① 0x8740) and IBM extension (髙 0xFB FC) characters: cp932 only.
        #expect(ShiftJIS.encode("①", as: .shiftJIS) == nil)
        #expect(ShiftJIS.encode("①", as: .cp932) == Data([0x87, 0x40]))
        #expect(ShiftJIS.encode("髙", as: .shiftJIS) == nil)
        #expect(ShiftJIS.encode("髙", as: .cp932) != nil)
        // Half-width katakana (JIS X 0201) is Shift_JIS; 𠮷 is in neither table.
        #expect(ShiftJIS.encode("ｱｲｳ", as: .shiftJIS) == Data([0xB1, 0xB2, 0xB3]))
        #expect(ShiftJIS.encode("𠮷野", as: .shiftJIS) == nil)
        #expect(ShiftJIS.encode("𠮷野", as: .cp932) == nil)
    }

    @Test("an output names the fields its encoding cannot hold, never their values")
    func unencodableFields() {
        let document = DocumentResult(
            document: String(repeating: "a", count: 64), file: "scan.png", workflow: "w", version: 1,
            processedAt: Date(), outcome: .accepted, pages: 1, seconds: 0,
            fields: [
                FieldResult(
                    name: "氏名", value: "𠮷田", options: nil, raw: "", confidence: 90, reasons: [],
                    sensitive: false),
                FieldResult(
                    name: "住所", value: "相模原市〜", options: nil, raw: "", confidence: 90, reasons: [],
                    sensitive: false),
            ], problems: [], resolution: nil)
        #expect(OutputSpec.csv(path: "a.csv", encoding: .shiftJIS).unencodableFields(document) == ["氏名"])
        #expect(OutputSpec.csv(path: "a.csv", encoding: .utf8BOM).unencodableFields(document).isEmpty)
        #expect(OutputSpec.jsonl(path: "a.jsonl").unencodableFields(document).isEmpty)
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
