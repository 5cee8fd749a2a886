import ArgumentParser
import Foundation
import Imaging
import OCR
import Pipeline
import Workflow

/// `rpa bench ocr`: zone reading in process against the `tesseract` command on the whole page.
struct OCRBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Time rpa's zone reading against the tesseract command on the same pages.",
        discussion: """
            Reads every zone of a workflow on each page of a sample batch with one warm engine, \
            then runs `tesseract PAGE stdout -l jpn --psm 3` (OMP_THREAD_LIMIT=1, its fastest \
            setting) on the same pages, and prints both with their ratio.
            """)

    @Option(help: "The workflow whose zones are read (its second reading is turned off here).")
    var workflow = "workflows/juminhyo.yml"

    @Option(help: "The folder of sample pages.")
    var pages = "samples/juminhyo/batch-01"

    @Option(help: "How many times each page is read by rpa (the fastest run counts).")
    var repeats = 3

    @Flag(help: "Skip the tesseract command baseline.")
    var noBaseline = false

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() throws {
        var loaded = try WorkflowLoader().load(URL(fileURLWithPath: workflow))
        loaded.ocr.verify = false
        let files = try FileDiscovery.scans(
            in: URL(fileURLWithPath: pages, isDirectory: true), recursive: false
        ).scans.map(\.url)
        guard !files.isEmpty else { throw ValidationError("no pages in \(pages)") }

        let memoryBefore = ProcessMemory.residentMiB
        let initStart = now()
        let recognizers = WorkerRecognizers(
            tesseract: try OCREngine(configuration: OCRConfiguration(languages: loaded.ocr.languages)))
        let initSeconds = now() - initStart
        let reader = TimedPageReader(reader: try FormReader(workflow: loaded))
        _ = try reader.read(files[0], recognizers: recognizers)  // warm-up: first-use allocations

        var best: [String: PageTiming] = [:]
        for _ in 0..<max(1, repeats) {
            for file in files {
                let timing = try reader.read(file, recognizers: recognizers)
                if let previous = best[file.path], previous.total <= timing.total { continue }
                best[file.path] = timing
            }
        }
        let timings = files.compactMap { best[$0.path] }
        let rpa = Summary(timings)
        let formats = Dictionary(grouping: files) { $0.pathExtension.lowercased() }
            .mapValues { group in Summary(group.compactMap { best[$0.path] }) }
        var report = OCRBenchReport(
            machine: MachineInfo.current, pages: files.count, textZones: loaded.textZoneCount,
            checkboxes: loaded.checkboxCount, engineInitSeconds: initSeconds, rpa: rpa,
            residentMiB: ProcessMemory.residentMiB, peakMiB: ProcessMemory.peakMiB,
            engineMiB: ProcessMemory.residentMiB - memoryBefore)
        report.byFormat = formats
        if !noBaseline {
            report.baseline = try TesseractCommandBaseline().run(files)
            report.speedup = report.baseline.map { $0.secondsPerPage / rpa.secondsPerPage }
        }
        if json { try printJSON(report) } else { print(report.table) }
    }
}
