import Foundation
import Testing

@testable import Ledger

@Suite("Ledger location and targets file")
struct LocationAndTargetsTests {
    @Test("the default ledger is $RPA_LEDGER, else ./rpa-ledger.sqlite")
    func defaultPath() {
        #expect(Ledger.defaultPath(environment: [:]) == "rpa-ledger.sqlite")
        #expect(
            Ledger.defaultPath(environment: ["RPA_LEDGER": "/srv/rpa/ledger.sqlite"])
                == "/srv/rpa/ledger.sqlite")
        #expect(Ledger.defaultPath(environment: ["RPA_LEDGER": ""]) == "rpa-ledger.sqlite")
    }

    @Test("a ledger in a folder that does not exist yet is created, in WAL mode")
    func createsFolder() throws {
        let folder = try TempFolder()
        let path = folder.url.appendingPathComponent("new/sub/ledger.sqlite").path
        let ledger = try Ledger(path: path)
        #expect(try ledger.documentCount() == 0)
        let mode: String? = try ledger.store.read { db in try db.scalar("PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("a file that is not a ledger is refused with what to do")
    func notALedger() throws {
        let folder = try TempFolder()
        try Data("name,my number\n".utf8).write(to: URL(fileURLWithPath: folder.sqlitePath))
        do {
            _ = try Ledger(path: folder.sqlitePath)
            Issue.record("opening a CSV file as a ledger should fail")
        } catch {
            #expect(error.description.contains("--ledger PATH"))
        }
    }

    @Test("a targets file is read, with defaults for what it leaves out")
    func targetsFile() throws {
        let folder = try TempFolder()
        let path = folder.url.appendingPathComponent("targets.json").path
        try Data(
            """
            { "programs": [{ "name": "第2次ICT戦略", "hours": 17600, "fromFiscalYear": 2024, "toFiscalYear": 2027 }] }
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let targets = try Targets.load(path: path)
        #expect(targets.reductionRate == 0.75)
        #expect(targets.programs.first?.years == 4)
        #expect(targets.workflowYears.isEmpty)

        try Data(#"{ "reductionRate": 75 }"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LedgerError.self) { try Targets.load(path: path) }
        #expect(throws: LedgerError.self) { try Targets.load(path: path + ".missing") }
    }
}
