import ArgumentParser
import Foundation
import OCR
import Pipeline
import Workflow

/// `rpa run`: the main job, a workflow over a folder of scans.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read every scan in a folder with a workflow: outputs, review queue and ledger.",
        discussion: """
            Documents already processed under this workflow version (same content) are skipped, so a \
            batch can be run again after a crash; --force processes them again (the ledger still \
            counts each once). A document a person resolved is never read again under the same \
            version, even with --force. Exit codes: 0 all accepted; 3 documents wait in the review \
            queue; 4 some files failed (rpa --help lists the rest).

            With several workflows (rpa run A.yml B.yml FOLDER) the folder holds several forms: each \
            scan is read by the workflow whose blank form it matches and counted under that form; a \
            scan that matches none is set aside as unknown_form (exit 4), read and counted by none.
            """)

    @Argument(
        help: ArgumentHelp(
            "The workflow file (.yml), or one per form for a folder of mixed forms, then the folder of scans (PNG, JPEG, TIFF, PDF).",
            valueName: "workflow.yml... folder"))
    var paths: [String] = []

    /// The workflow files given.
    var workflows: [String] { Array(paths.dropLast()) }
    /// The folder of scans.
    var folder: String { paths.last ?? "" }

    @Option(help: "OCR workers (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Also read scans in sub-folders.")
    var recursive = false

    @Flag(help: "Process documents again even if already processed under this workflow version.")
    var force = false

    @Option(help: "Folder for outputs, review queue and run state (default: the workflow's folder).")
    var output: String?

    @Option(
        help:
            "The time-saved ledger: a file, or a shared ledger's postgresql://USER@HOST/DATABASE address (default: $RPA_LEDGER, else ./rpa-ledger.sqlite)."
    )
    var ledger: String?

    @Option(
        help:
            "Seconds a claim on a document lasts: how long other runs wait before taking over the documents of a run that was killed."
    )
    var lease: Double = 60

    @Flag(help: "No progress bar.")
    var quiet = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard paths.count >= 2 else {
            throw ValidationError("give a workflow file and the folder of scans (rpa run form.yml scans/)")
        }
        guard workers >= 1 && workers <= 64 else {
            throw ValidationError("--workers must be between 1 and 64")
        }
        guard lease >= 5 && lease <= 3600 else {
            throw ValidationError("--lease must be between 5 and 3600 seconds")
        }
    }

    func run() async throws {
        let runners = try workflows.map { path in
            let loaded = try loadWorkflow(path)
            var options = BatchOptions(
                outputRoot: output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? loaded.folder)
            options.workers = workers
            options.recursive = recursive
            options.force = force
            options.ledgerPath = ledger
            options.lease = lease
            return BatchRunner(workflow: loaded, options: options)
        }
        let bar = ProgressBar(enabled: !quiet && !json && isatty(STDERR_FILENO) == 1)
        defer { bar.finish() }
        let scans = URL(fileURLWithPath: folder, isDirectory: true)
        guard runners.count > 1 else {
            let summary = try await runners[0].run(scans) { bar.update($0) }
            bar.finish()
            if json { try printJSON(summary) } else { print(SummaryText(summary).text) }
            if summary.failed > 0 { throw ExitCodes.someFailed }
            if summary.waiting > 0 { throw ExitCodes.needsReview }
            return
        }
        let summary = try await MixedBatchRunner(runners: runners)
            .run(scans, recursive: recursive, workers: workers) { bar.update($0) }
        bar.finish()
        if json { try printJSON(summary) } else { print(MixedSummaryText(summary).text) }
        if summary.failed > 0 || !summary.unknown.isEmpty { throw ExitCodes.someFailed }
        if summary.waiting > 0 { throw ExitCodes.needsReview }
    }
}

/// A mixed batch's summary as people read it: each form's batch, then what was set aside.
struct MixedSummaryText {
    let summary: MixedSummary

    init(_ summary: MixedSummary) { self.summary = summary }

    var text: String {
        var lines = summary.batches.map { SummaryText($0).text }
        if summary.batches.isEmpty { lines.append("no scan matched any workflow's form") }
        for unknown in summary.unknown {
            lines.append(
                "set aside: \(TerminalText.escape(unknown.file)): \(TerminalText.escape(unknown.reason))")
        }
        lines += SummaryText.problems(summary.failures, ignored: summary.ignored, indent: "")
        return lines.joined(separator: "\n")
    }
}

/// The run summary as people read it.
struct SummaryText {
    let summary: BatchSummary

    init(_ summary: BatchSummary) { self.summary = summary }

    var text: String {
        let s = summary
        var lines = [
            "\(TerminalText.escape(s.workflow)) v\(s.version): \(s.documents) documents: \(s.accepted) accepted, \(s.review) to review, "
                + "\(s.failed) failed, \(s.skipped) already processed",
            String(format: "  %.1f s, %.0f pages/min", s.elapsedSeconds, s.pagesPerMinute),
        ]
        if !s.outputs.isEmpty { lines.append("  outputs: \(s.outputs.joined(separator: ", "))") }
        if s.waiting > 0 { lines.append("  review queue: \(s.reviewQueue) (\(s.waiting) waiting)") }
        if let ledger = s.ledger { lines.append("  ledger: \(ledger) (\(s.counted) newly counted)") }
        if s.readElsewhere > 0 { lines.append("  read by other runs meanwhile: \(s.readElsewhere)") }
        if let note = s.ledgerNote { lines.append("  note: \(note)") }
        lines += Self.problems(s.failures, ignored: s.ignored, indent: "  ")
        return lines.joined(separator: "\n")
    }

    /// A line per file that failed, and one naming the files passed over.
    static func problems(_ failures: [FileProblem], ignored: [String], indent: String) -> [String] {
        var lines = failures.map {
            "\(indent)failed: \(TerminalText.escape($0.file)): \(TerminalText.escape($0.reason))"
        }
        if !ignored.isEmpty {
            lines.append(
                "\(indent)not scans, passed over: \(ignored.map { TerminalText.escape($0) }.joined(separator: ", "))"
            )
        }
        return lines
    }
}
