import Foundation
import TestSupport

/// Runs the built `rpa` binary as a user would, and captures what it prints and its exit code.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The child's peak resident memory, KiB.
        var peakKiB = 0
    }

    /// The `rpa` binary built beside this test bundle.
    static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundle.appendingPathComponent("rpa"),
            bundle.deletingLastPathComponent().appendingPathComponent("rpa"),
            Fixtures.root.appendingPathComponent(".build/debug/rpa"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// Runs `rpa` with `arguments` in `folder`, standard input from `input`; as the unprivileged
    /// user `nobody` when `asNobody` (permissions mean nothing to root).
    static func run(
        _ arguments: [String], in folder: URL? = nil, input: String = "", asNobody: Bool = false,
        environment: [String: String] = [:], executable: URL? = nil
    ) throws -> Result {
        let process = try start(
            arguments, in: folder, input: input, asNobody: asNobody, environment: environment,
            executable: executable)
        process.process.waitUntilExit()
        return process.result()
    }

    /// A started `rpa` process, for several at once.
    final class Running: @unchecked Sendable {
        let process: ChildProcess
        let out: URL
        let err: URL

        init(process: ChildProcess, out: URL, err: URL) {
            self.process = process
            self.out = out
            self.err = err
        }

        func result() -> Result {
            let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
            return Result(
                status: process.terminationStatus, stdout: stdout, stderr: stderr,
                peakKiB: process.peakResidentKiB)
        }
    }

    static func start(
        _ arguments: [String], in folder: URL? = nil, input: String = "", asNobody: Bool = false,
        environment extra: [String: String] = [:], executable: URL? = nil
    ) throws -> Running {
        let binary = executable ?? binary
        let temporary = FileManager.default.temporaryDirectory
        let out = temporary.appendingPathComponent("rpa-cli-\(UUID().uuidString).out")
        let err = temporary.appendingPathComponent("rpa-cli-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        if asNobody {
            // The child writes these through descriptors opened here; nobody needs nothing else of them.
            _ = chmod(out.path, 0o666)
            _ = chmod(err.path, 0o666)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment.removeValue(forKey: "RPA_LEDGER")
        environment.merge(extra) { $1 }
        let process = try ChildProcess(
            executable: asNobody ? "/usr/bin/setpriv" : binary.path,
            arguments: asNobody
                ? ["--reuid=65534", "--regid=65534", "--clear-groups", "--", binary.path] + arguments
                : arguments,
            environment: environment, directory: folder?.path, input: input, output: out.path,
            errors: err.path)
        let running = Running(process: process, out: out, err: err)
        return running
    }
}

/// A scratch folder with the committed 住民票 workflow, its templates and lists, removed afterwards.
final class Workspace {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("rpa-cli-\(UUID().uuidString)")
    var scans: URL { root.appendingPathComponent("scans") }
    var output: URL { root.appendingPathComponent("out") }
    var ledger: String { root.appendingPathComponent("ledger.sqlite").path }
    var workflow: String { root.appendingPathComponent("workflows/juminhyo.yml").path }

    init(scans names: [String] = []) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: scans, withIntermediateDirectories: true)
        let workflows = root.appendingPathComponent("workflows")
        try manager.createDirectory(at: workflows, withIntermediateDirectories: true)
        for folder in ["templates", "vocabularies"] {
            try manager.createSymbolicLink(
                at: workflows.appendingPathComponent(folder),
                withDestinationURL: Fixtures.root.appendingPathComponent("workflows/\(folder)"))
        }
        try manager.copyItem(
            at: Fixtures.root.appendingPathComponent("workflows/juminhyo.yml"),
            to: workflows.appendingPathComponent("juminhyo.yml"))
        for name in names {
            try manager.copyItem(
                at: Fixtures.root.appendingPathComponent("samples/juminhyo/batch-01/\(name)"),
                to: scans.appendingPathComponent(name))
        }
    }

    /// Edits the workflow file's text.
    func editWorkflow(_ edit: (String) -> String) throws {
        let text = try String(contentsOfFile: workflow, encoding: .utf8)
        try edit(text).write(toFile: workflow, atomically: true, encoding: .utf8)
    }

    /// Makes the 住民票 workflow send every document to review, each acceptable as read: 氏名 gets a
    /// confidence threshold of its own of 100, which no reading reaches and no agreement settles.
    func sendEveryDocumentToReview() throws {
        try editWorkflow {
            $0.replacingOccurrences(
                of: "{name: 氏名, zone: [660, 640, 1632, 170], required: true}",
                with: "{name: 氏名, zone: [660, 640, 1632, 170], required: true, min_confidence: 100}")
        }
    }

    /// `rpa run` on the scans with this workspace's output and ledger.
    func run(_ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(
            ["run", workflow, scans.path, "--output", output.path, "--ledger", ledger, "--quiet"] + extra)
    }

    /// `rpa review …` with this workspace's output and ledger.
    func review(_ arguments: [String], input: String = "") throws -> CLI.Result {
        try CLI.run(
            ["review"] + arguments.prefix(1) + [workflow, "--output", output.path, "--ledger", ledger]
                + arguments.dropFirst(), input: input)
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

/// The repository's root, for committed samples.
enum TestRoot {
    static var url: URL { Fixtures.root }
}
