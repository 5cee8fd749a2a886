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
            """)

    @Argument(help: "The workflow file (.yml).")
    var workflow: String

    @Argument(help: "The folder of scans (PNG, JPEG, TIFF, PDF).")
    var folder: String

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
        guard workers >= 1 && workers <= 64 else {
            throw ValidationError("--workers must be between 1 and 64")
        }
        guard lease >= 5 && lease <= 3600 else {
            throw ValidationError("--lease must be between 5 and 3600 seconds")
        }
    }

    func run() async throws {
        let loaded = try loadWorkflow(workflow)
        var options = BatchOptions(
            outputRoot: output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? loaded.folder)
        options.workers = workers
        options.recursive = recursive
        options.force = force
        options.ledgerPath = ledger
        options.lease = lease
        let bar = ProgressBar(enabled: !quiet && !json && isatty(STDERR_FILENO) == 1)
        defer { bar.finish() }
        let summary = try await BatchRunner(workflow: loaded, options: options)
            .run(URL(fileURLWithPath: folder, isDirectory: true)) { bar.update($0) }
        bar.finish()
        if json { try printJSON(summary) } else { print(SummaryText(summary).text) }
        if summary.failed > 0 { throw ExitCodes.someFailed }
        if summary.waiting > 0 { throw ExitCodes.needsReview }
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
        for failure in s.failures {
            lines.append(
                "  failed: \(TerminalText.escape(failure.file)): \(TerminalText.escape(failure.reason))")
        }
        if !s.ignored.isEmpty {
            lines.append(
                "  not scans, passed over: \(s.ignored.map { TerminalText.escape($0) }.joined(separator: ", "))"
            )
        }
        return lines.joined(separator: "\n")
    }
}
