import Foundation
import Testing
import Workflow

/// Outputs cannot overwrite one another, the review queue, the run state, the ledger, the template or
/// the workflow file: refused by the loader at their place, and at run time by
/// `Workflow.outputConflicts` (issue #10).
@Suite("Output paths")
struct OutputPathTests: LoaderIssueTesting {
    func output(_ lines: String) -> String {
        WorkflowLoaderTests.valid.replacingOccurrences(
            of: "  - {csv: out/card.csv, encoding: shift_jis}", with: lines)
    }

    @Test(
        "an output may not be an SQLite file or take the ledger's name",
        arguments: [
            "rpa-ledger.sqlite", "data/ledger.sqlite", "RPA-Ledger.SQLITE", "x.sqlite-wal", "x.sqlite-shm",
            "x.sqlite-journal",
        ])
    func sqliteOutput(path: String) throws {
        try expectIssue(output("  - {csv: \(path)}"), line: 13, column: 11, containing: "SQLite")
    }

    @Test("two outputs to one file are refused")
    func sameFile() throws {
        try expectIssue(
            output("  - {csv: out/card.csv}\n  - {jsonl: ./out//card.csv}"), line: 14, column: 13,
            containing: "output 1 write to the same file")
        try expectIssue(
            output("  - {csv: \"out/{date}.csv\"}\n  - {jsonl: out/2026-12-01.csv}"), line: 14,
            containing: "same file")
        try expectIssue(
            output("  - {csv: out}\n  - {jsonl: out/card.jsonl}"), line: 14, containing: "folder")
    }

    @Test("outputs with their own files pass")
    func distinctFiles() throws {
        #expect(
            try issues(
                output(
                    "  - {csv: \"out/{date}.csv\"}\n  - {jsonl: \"out/{date}.jsonl\"}\n  - {csv: out/all.csv}"
                )
            )
            .isEmpty)
    }

    @Test("an output in the review queue's folder is refused")
    func inQueue() throws {
        try expectIssue(output("  - {csv: review/form/items.csv}"), line: 13, containing: "review queue")
        try expectIssue(output("  - {csv: review}"), line: 13, containing: "review queue")
        let custom = output("  - {csv: checks/x.csv}") + "\nreview: {queue: checks}\n"
        try expectIssue(custom, line: 13, containing: "review queue")
    }

    @Test("an output in the run-state folder is refused")
    func inState() throws {
        try expectIssue(output("  - {jsonl: .rpa/form-v2/results.jsonl}"), line: 13, containing: ".rpa")
    }

    @Test("an output over the template image or the workflow file is refused")
    func overInputs() throws {
        try expectIssue(output("  - {csv: card.png}"), line: 13, containing: "the template image")
        try expectIssue(output("  - {csv: ./Form.yml}"), line: 13, containing: "the workflow file")
    }

    /// A valid workflow with these outputs, loaded from a scratch folder.
    func loaded(_ lines: String, in scratch: Scratch) throws -> Workflow {
        try WorkflowLoader().load(try scratch.write(output(lines)))
    }

    @Test("at run time an output over the live ledger is refused, however the ledger is named")
    func liveLedger() throws {
        let scratch = try Scratch()
        let root = scratch.folder
        let workflow = try loaded("  - {csv: data/counts.db}\n  - {jsonl: out/card.jsonl}", in: scratch)
        let ledger = root.appendingPathComponent("data/counts.db").path
        let byPath = workflow.outputConflicts(root: root, ledgerPath: ledger, environment: [:])
        #expect(byPath.count == 1)
        #expect(byPath.first?.contains("'data/counts.db'") == true)
        #expect(byPath.first?.contains("ledger") == true)
        #expect(
            workflow.outputConflicts(root: root, ledgerPath: nil, environment: ["RPA_LEDGER": ledger]).count
                == 1)
        #expect(
            workflow.outputConflicts(
                root: root, ledgerPath: "data/counts.db", environment: [:], currentDirectory: root
            ).count == 1)
        #expect(
            workflow.outputConflicts(
                root: root, ledgerPath: "data/counts.db", environment: [:],
                currentDirectory: root.appendingPathComponent("elsewhere")
            ).isEmpty)
    }

    @Test("at run time an output over the ledger's -wal file, or the folder holding it, is refused")
    func ledgerFiles() throws {
        let scratch = try Scratch()
        let workflow = try loaded("  - {csv: counts.db-wal}\n  - {csv: ledgers}", in: scratch)
        let root = scratch.folder
        let messages = workflow.outputConflicts(
            root: root, ledgerPath: root.appendingPathComponent("counts.db").path, environment: [:])
        #expect(messages.count == 1)
        let nested = workflow.outputConflicts(
            root: root, ledgerPath: root.appendingPathComponent("ledgers/main.db").path, environment: [:])
        #expect(nested.count == 1 && nested.first?.contains("'ledgers'") == true)
    }

    @Test("at run time the ledger is found through a symbolic link to the output root")
    func linkedRoot() throws {
        let scratch = try Scratch()
        let workflow = try loaded("  - {csv: counts.db}", in: scratch)
        let link = scratch.folder.deletingLastPathComponent().appendingPathComponent("rpa-link-\(UUID())")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: scratch.folder)
        defer { try? FileManager.default.removeItem(at: link) }
        let ledger = scratch.folder.appendingPathComponent("counts.db").path
        #expect(workflow.outputConflicts(root: link, ledgerPath: ledger, environment: [:]).count == 1)
    }

    @Test("at run time the template and workflow file count only under the run's output root")
    func otherRoot() throws {
        let scratch = try Scratch()
        let workflow = try loaded("  - {csv: out/card.csv}", in: scratch)
        #expect(workflow.outputConflicts(root: scratch.folder, ledgerPath: "/nowhere/l.sqlite").isEmpty)
        let sub = scratch.folder.appendingPathComponent("out", isDirectory: true)
        // With the output root one level down, nothing it writes can reach the workflow's files.
        #expect(workflow.outputConflicts(root: sub, ledgerPath: "/nowhere/l.sqlite").isEmpty)
        // With the root one level up, `out/card.csv` is still not the template.
        #expect(
            workflow.outputConflicts(
                root: scratch.folder.deletingLastPathComponent(), ledgerPath: "/nowhere/l.sqlite"
            ).isEmpty)
    }

    @Test("at run time an output that is the template under another name is refused")
    func hardLinkedTemplate() throws {
        let scratch = try Scratch()
        let workflow = try loaded("  - {csv: copy.csv}", in: scratch)
        try FileManager.default.linkItem(
            at: scratch.folder.appendingPathComponent("card.png"),
            to: scratch.folder.appendingPathComponent("copy.csv"))
        let messages = workflow.outputConflicts(root: scratch.folder, ledgerPath: "/nowhere/l.sqlite")
        #expect(messages.count == 1 && messages.first?.contains("template image") == true)
    }
}
