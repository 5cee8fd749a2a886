import ArgumentParser
import Foundation
import Imaging
import OCR

/// `rpa bench ocr`: zone reading in process against the `tesseract` command on the whole page.
struct OCRBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Time rpa's zone reading against the tesseract command on the same pages.",
        discussion: """
            Reads every zone of a form's layout on each page of a sample batch with one warm engine,
            then runs `tesseract PAGE stdout -l jpn --psm 3` (OMP_THREAD_LIMIT=1, its fastest
            setting) on the same pages, and prints both with their ratio.
            """)

    @Option(help: "The blank form's layout (zones in template pixels).")
    var layout = "workflows/templates/juminhyo.layout.json"

    @Option(help: "The blank form image.")
    var template = "workflows/templates/juminhyo.png"

    @Option(help: "The folder of sample pages.")
    var pages = "samples/juminhyo/batch-01"

    @Option(help: "How many times each page is read by rpa (the fastest run counts).")
    var repeats = 3

    @Flag(help: "Skip the tesseract command baseline.")
    var noBaseline = false

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() throws {
        let form = try JSONDecoder().decode(
            BenchLayout.self, from: Data(contentsOf: URL(fileURLWithPath: layout)))
        let files = try FileManager.default.contentsOfDirectory(atPath: pages)
            .filter {
                [".tif", ".tiff", ".png", ".jpg", ".jpeg", ".pdf"].contains(where: $0.lowercased().hasSuffix)
            }
            .sorted().map { URL(fileURLWithPath: pages).appendingPathComponent($0) }
        guard !files.isEmpty else { throw ValidationError("no pages in \(pages)") }

        let memoryBefore = ProcessMemory.residentMiB
        let initStart = now()
        let engine = try OCREngine(configuration: OCRConfiguration(languages: ["jpn", "eng"]))
        let initSeconds = now() - initStart
        let geometry = try TemplateGeometry(
            template: ScannedPage(PageLoader().load(URL(fileURLWithPath: template))[0]))
        let reader = FormPageReader(layout: form, geometry: geometry)
        _ = try reader.read(files[0], engine: engine)  // warm-up: first-use allocations

        var best: [String: PageTiming] = [:]
        for _ in 0..<max(1, repeats) {
            for file in files {
                let timing = try reader.read(file, engine: engine)
                if let previous = best[file.path], previous.total <= timing.total { continue }
                best[file.path] = timing
            }
        }
        let timings = files.compactMap { best[$0.path] }
        let rpa = Summary(timings)
        var report = OCRBenchReport(
            machine: MachineInfo.current, pages: files.count, textZones: form.textFields.count,
            checkboxes: form.checkboxCount, engineInitSeconds: initSeconds, rpa: rpa,
            residentMiB: ProcessMemory.residentMiB, peakMiB: ProcessMemory.peakMiB,
            engineMiB: ProcessMemory.residentMiB - memoryBefore)
        if !noBaseline {
            report.baseline = try TesseractCommandBaseline().run(files)
            report.speedup = report.baseline.map { $0.secondsPerPage / rpa.secondsPerPage }
        }
        if json { try printJSON(report) } else { print(report.table) }
    }
}
