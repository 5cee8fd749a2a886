import Foundation
import Testing

/// Every documented failure, run as a user would, exits with its documented code and one clear
/// message; 1 is left for crashes.
@Suite("Exit codes", .serialized)
struct ExitCodeTests {
    /// The document id of juminhyo-003 (content hash prefix).
    static let id = "2cae917e"

    @Test("ledger commands: a missing ledger 66, a bad date 64, a damaged or tampered ledger 65")
    func ledgerCommands() throws {
        let space = try Workspace()
        let missing = try CLI.run([
            "ledger", "report", "--ledger", space.root.appendingPathComponent("none.sqlite").path,
        ])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(missing.stderr.hasPrefix("error: no ledger at"))

        try Data("name,my number\n".utf8).write(to: URL(fileURLWithPath: space.ledger))
        let damaged = try CLI.run(["ledger", "verify", "--ledger", space.ledger])
        #expect(damaged.status == 65, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("damaged or is not a ledger"))
        #expect(damaged.stderr.split(separator: "\n").count == 1)

        let badDate = try CLI.run(["ledger", "report", "--ledger", space.ledger, "--from", "2024-13-01"])
        #expect(badDate.status == 64, "\(badDate.stderr)")
        #expect(badDate.stderr.contains("is not a date"))

        let correct = try CLI.run([
            "ledger", "correct", "--ledger", space.root.appendingPathComponent("none.sqlite").path,
            "--workflow", "juminhyo", "--document", String(repeating: "a", count: 64), "--minutes", "2",
        ])
        #expect(correct.status == 66)
    }

    @Test("rpa run: 3 review waiting, 4 a file failed, 65 a wrong workflow, 66 no such folder, 64 usage")
    func runCommand() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        let review = try space.run()
        #expect(review.status == 3, "\(review.stderr)")

        try Data(repeating: 0x89, count: 100).write(to: space.scans.appendingPathComponent("x.png"))
        let failed = try space.run()
        #expect(failed.status == 4)
        #expect(failed.stdout.contains("failed: x.png:"))

        let noFolder = try CLI.run(["run", space.workflow, space.root.appendingPathComponent("nope").path])
        #expect(noFolder.status == 66, "\(noFolder.stderr)")
        #expect(noFolder.stderr.hasPrefix("error:"))

        try space.editWorkflow {
            $0.replacingOccurrences(of: "type: date, required: true}", with: "type: dat, required: true}")
        }
        let wrong = try space.run()
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("juminhyo.yml:"))

        // An output that would overwrite the live ledger is refused before anything is written.
        try space.editWorkflow {
            $0.replacingOccurrences(of: "type: dat, required: true}", with: "type: date, required: true}")
        }
        let ledgerAsOutput = space.output.appendingPathComponent("out/juminhyo.csv").path
        let csvBefore = try Data(contentsOf: URL(fileURLWithPath: ledgerAsOutput))
        let collision = try CLI.run([
            "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
            ledgerAsOutput,
        ])
        #expect(collision.status == 65, "\(collision.stderr)")
        #expect(collision.stderr.contains("ledger"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledgerAsOutput)) == csvBefore)

        let usage = try CLI.run(["run", space.workflow, space.scans.path, "--workers", "0"])
        #expect(usage.status == 64)
    }

    @Test("a missing OCR model: 69, with the package to install")
    func missingModel() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        // A model folder with English only: the workflow reads Japanese.
        let empty = space.root.appendingPathComponent("tessdata")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let english = try #require(
            ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"]
                .map { URL(fileURLWithPath: $0).appendingPathComponent("eng.traineddata") }
                .first { FileManager.default.fileExists(atPath: $0.path) })
        try FileManager.default.createSymbolicLink(
            at: empty.appendingPathComponent("eng.traineddata"), withDestinationURL: english)
        let result = try CLI.run(
            [
                "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
                space.ledger, "--quiet",
            ],
            environment: ["TESSDATA_PREFIX": empty.path])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("apt-get install"))
    }

    @Test("rpa review resolve: minutes and ids are usage (64), broken rules and repeats are data (65)")
    func resolveCommand() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        #expect(try space.run().status == 3)
        let set = ["--set", "交付種別=住民票", "--set", "生年月日=昭和35年1月17日"]

        let negative = try space.review(["resolve", Self.id, "--minutes", "-5"] + set)
        #expect(negative.status == 64, "\(negative.stderr)")
        #expect(negative.stderr.contains("--minutes must be between 0 and 120"))
        let huge = try space.review(["resolve", Self.id, "--minutes", "100000"] + set)
        #expect(huge.status == 64)
        let unknown = try space.review(["resolve", "ffffffff", "--minutes", "1"] + set)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no review item 'ffffffff'"))

        let blank = try space.review(["resolve", Self.id, "--minutes", "2"])
        #expect(blank.status == 65, "accepted with a required box unticked")
        #expect(blank.stderr.contains("交付種別: no box is ticked"))
        let rule = try space.review(["resolve", Self.id, "--minutes", "1", "--set", "通数=5"] + set)
        #expect(rule.status == 65)
        #expect(rule.stderr.contains("手数料が 300円 × 通数 と一致しません"))
        #expect(rule.stderr.contains("--override"))

        let sensitive = try space.review(
            ["resolve", Self.id, "--minutes", "1", "--set", "個人番号=123456789018"] + set)
        #expect(sensitive.status == 64)
        #expect(sensitive.stderr.contains("--read 個人番号"))
        #expect(!sensitive.stderr.contains("123456789018"))

        let accepted = try space.review(["resolve", Self.id, "--minutes", "1.5"] + set)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let again = try space.review(["resolve", Self.id, "--minutes", "1"] + set)
        #expect(again.status == 0, "the same decision again finishes it, nothing more: \(again.stderr)")
        #expect(again.stdout.contains("1.5 min recorded"))
        let rejected = try space.review([
            "resolve", Self.id, "--minutes", "1", "--reject", "--reason", "別の様式",
        ])
        #expect(rejected.status == 65, "another decision is refused")
        #expect(rejected.stderr.contains("already resolved"))
        #expect(try space.run().status == 0, "nothing waits any more")
    }

    @Test("a sensitive correction is read from standard input, never from the command line")
    func sensitiveFromStandardInput() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        #expect(try space.run().status == 3)
        let set = ["--set", "交付種別=住民票", "--set", "生年月日=昭和35年1月17日"]
        let wrong = try space.review(
            ["resolve", Self.id, "--minutes", "1", "--read", "個人番号"] + set, input: "123456789012\n")
        #expect(wrong.status == 65, "a My Number with a wrong check digit is refused")
        #expect(!wrong.stderr.contains("123456789012"))
        let right = try space.review(
            ["resolve", Self.id, "--minutes", "1", "--read", "個人番号"] + set, input: "123456789018\n")
        #expect(right.status == 0, "\(right.stderr)")
        let csv = try String(
            contentsOf: space.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        #expect(csv.contains("123456789018"))
    }

    @Test("verify leaves the ledger's bytes unchanged")
    func verifyIsReadOnly() throws {
        let space = try Workspace(scans: ["juminhyo-001.tif"])
        _ = try space.run()
        let before = try Data(contentsOf: URL(fileURLWithPath: space.ledger))
        let files = try FileManager.default.contentsOfDirectory(atPath: space.root.path).sorted()
        let verify = try CLI.run(["ledger", "verify", "--ledger", space.ledger])
        #expect(verify.status == 0, "\(verify.stderr)")
        let report = try CLI.run(["ledger", "report", "--ledger", space.ledger, "--format", "json"])
        #expect(report.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.ledger)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: space.root.path).sorted() == files)
    }
}
