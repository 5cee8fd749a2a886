import ArgumentParser
import Foundation
import Imaging
import Pipeline
import Samples
import Workflow

/// `rpa bench forms`: accuracy, silent errors, straight-through rate and throughput of `rpa run` on
/// sample batches with ground truth, against the whole-page `tesseract` script on the same pages.
struct FormsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "Run workflows over sample batches and score them against their ground truth.",
        discussion: """
            Each batch folder holds scans and ground_truth.json (tools/samplegen); its workflow is \
            workflows/<form>.yml. The batches are run with 1 worker and with every core; the baseline \
            is tools/baseline/wholepage.py (tesseract on each whole page plus label regexes).
            """)

    @Argument(help: "Batch folders (default: the committed sample batches).")
    var batches: [String] = [
        "samples/juminhyo/batch-01", "samples/jidoteate/batch-01", "samples/tennyu/batch-01",
    ]

    @Option(help: "Folder holding the workflows.")
    var workflows = "workflows"

    @Flag(help: "Skip the whole-page tesseract baseline.")
    var noBaseline = false

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Write each text field's readings as a JSON line to this file, for calibrating the gate.",
            visibility: .hidden))
    var fields: String?

    @Option(
        parsing: .upToNextOption,
        help:
            "Worker counts to run the batches with (default: 1 and every core); figures are scored on the first."
    )
    var workers: [Int] = []

    func run() async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let counts = workers.isEmpty ? Array(Set([1, cores])).sorted() : workers
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rpa-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var score = Score()
        var timings: [Int: (seconds: Double, pages: Int)] = [:]
        for workers in counts {
            var seconds = 0.0
            var pages = 0
            for (index, batch) in batches.enumerated() {
                let folder = URL(fileURLWithPath: batch, isDirectory: true)
                let truth = try GroundTruth.load(folder)
                let workflow = try WorkflowLoader().load(
                    URL(fileURLWithPath: "\(workflows)/\(truth.form).yml"))
                let root = scratch.appendingPathComponent("w\(workers)-\(index)", isDirectory: true)
                var options = BatchOptions(outputRoot: root)
                options.workers = workers
                options.ledgerPath = root.appendingPathComponent("ledger.sqlite").path
                let summary = try await BatchRunner(workflow: workflow, options: options).run(folder)
                seconds += summary.elapsedSeconds
                pages += summary.pages
                if workers == counts.first {
                    let results = ResultStore(root: root, workflow: workflow.id, version: workflow.version)
                        .all()
                    let types = Dictionary(
                        workflow.fields.map { ($0.name, $0.type.rawValue) }, uniquingKeysWith: { a, _ in a })
                    let evaluator = FieldEvaluator(workflow: workflow)
                    score.add(results, truth: truth, failed: summary.failed, types: types) {
                        name, raw, neural in
                        guard let spec = workflow.field(name) else { return nil }
                        return neural ? evaluator.neuralValue(spec, raw) : evaluator.readingValue(spec, raw)
                    }
                    if let fields {
                        try FieldDump.append(results, truth: truth, workflow: workflow, to: fields)
                    }
                }
            }
            timings[workers] = (seconds, pages)
        }
        var report = FormsBenchReport(
            machine: MachineInfo.current, score: score,
            pagesPerMinuteOneWorker: timings[1].map { Double($0.pages) / $0.seconds * 60 } ?? 0,
            pagesPerMinuteAllCores: timings[cores].map { Double($0.pages) / $0.seconds * 60 } ?? 0,
            cores: cores,
            peakMiB: ProcessMemory.peakMiB)
        if !noBaseline { report.baseline = try WholePageBaseline.run(batches) }
        if json { try printJSON(report) } else { print(report.table) }
    }
}

/// Calibration data: one JSON line per text field, with its readings and reasons and whether
/// its value is right. Generated forms only (no real personal data).
enum FieldDump {
    struct Line: Codable {
        var file: String
        var field: String
        var right: Bool
        var value: String
        var raw: String
        var second: String?
        var third: String?
        var thirdConfidence: Double?
        var neural: String?
        var neuralProbability: Double?
        /// The neural reading folded and normalised, when it is a valid value of the field.
        var neuralValue: String?
        /// Whether the neural reading, normalised, is the true value.
        var neuralRight: Bool?
        /// Whether it agrees with the first (Tesseract) reading, and with the second.
        var neuralAgreesFirst: Bool?
        var neuralAgreesSecond: Bool?
        var confidence: Double
        var reasons: [String]
        /// Whether the second reading says the same as the first after normalisation.
        var agree: Bool?
        var type: String
    }

    static func append(
        _ results: [DocumentResult], truth: GroundTruth, workflow: Workflow, to path: String
    ) throws {
        let evaluator = FieldEvaluator(workflow: workflow)
        var text = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for result in results {
            guard let expected = truth.files.first(where: { $0.file == result.file }) else { continue }
            for field in result.fields where field.options == nil {
                guard let spec = workflow.field(field.name) else { continue }
                // A sensitive value (個人番号) is written masked, like everywhere outside the outputs.
                let shown = field.masked
                let line = Line(
                    file: result.file, field: field.name,
                    right: expected.values[field.name]?.matches(field) ?? false, value: shown.value,
                    raw: shown.raw, second: shown.second, third: field.third,
                    thirdConfidence: field.thirdConfidence, neural: field.neural,
                    neuralProbability: field.neuralProbability,
                    neuralValue: field.neural.flatMap {
                        spec.sensitive ? nil : evaluator.neuralValue(spec, $0)
                    },
                    neuralRight: field.neural.map { neural in
                        var read = field
                        read.value = evaluator.neuralValue(spec, neural) ?? "\u{FFFD}"
                        return expected.values[field.name]?.matches(read) ?? false
                    },
                    neuralAgreesFirst: field.neural.map { evaluator.neuralAgrees(spec, field.raw, $0) },
                    neuralAgreesSecond: field.neural.flatMap { neural in
                        field.second.map { evaluator.neuralAgrees(spec, $0, neural) }
                    },
                    confidence: field.confidence,
                    reasons: field.reasons.map(\.code),
                    agree: field.second.map { evaluator.readingsAgree(spec, field.raw, $0) },
                    type: spec.type.rawValue)
                text += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
            }
        }
        // The readings are names and addresses, even generated ones: readable by the owner only.
        try PrivateFiles.append(Data(text.utf8), to: URL(fileURLWithPath: path))
    }
}

/// The whole-page script baseline, run as a subprocess on the same pages.
enum WholePageBaseline {
    struct Result: Codable {
        var text_accuracy_pct: Double
        var accuracy_pct: Double
        var mean_seconds_per_page: Double?
        var pages_per_minute: Double?
    }

    static func run(_ batches: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "tools/baseline/wholepage.py", "--json"] + batches
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(Result.self, from: data)
    }
}

/// Everything `rpa bench forms` measured.
struct FormsBenchReport: Codable {
    var machine: MachineInfo
    var score: Score
    var pagesPerMinuteOneWorker: Double
    var pagesPerMinuteAllCores: Double
    var cores: Int

    /// The throughput of each worker count that was run (0 stands for one not run), and their ratio
    /// when both were.
    var throughputLine: String {
        var runs: [String] = []
        if pagesPerMinuteOneWorker > 0 {
            runs.append(String(format: "%.0f pages/min with 1 worker", pagesPerMinuteOneWorker))
        }
        if pagesPerMinuteAllCores > 0 && cores != 1 {
            runs.append(
                String(
                    format: runs.isEmpty ? "%.0f pages/min with %d workers" : "%.0f with %d",
                    pagesPerMinuteAllCores, cores))
        }
        let ratio =
            runs.count == 2
            ? String(format: " (%.2f×)", pagesPerMinuteAllCores / pagesPerMinuteOneWorker) : ""
        return "throughput: " + runs.joined(separator: ", ") + ratio
    }
    var peakMiB: Double
    var baseline: WholePageBaseline.Result?

    var table: String {
        let s = score
        func pct(_ a: Int, _ b: Int) -> String {
            b == 0 ? "n/a" : String(format: "%.1f%%", Double(a) / Double(b) * 100)
        }
        var lines = [
            "machine: \(machine.cpu), \(machine.cores) cores, \(machine.memoryGiB) GiB, \(machine.date)",
            "documents: \(s.documents) (\(s.pages) pages; \(s.invalidDocuments) invalid on purpose), failed \(s.failed)",
            "accepted: \(s.accepted), to review: \(s.review)",
            "accuracy of accepted fields: \(pct(s.acceptedFieldsCorrect, s.acceptedFields)) (\(s.acceptedFieldsCorrect)/\(s.acceptedFields))",
            "silent errors (accepted but wrong): \(pct(s.silentDocuments, s.documents)) of documents (\(s.silentDocuments))",
            "straight-through rate: \(pct(s.accepted, s.documents)) of all, \(pct(s.validAccepted, s.validDocuments)) of valid forms",
            "review items with a real problem: \(pct(s.reviewWithRealProblem, s.review))",
            "fields flagged although read right: \(pct(s.flaggedFieldsRight, s.fields)) of all fields (\(s.flaggedFieldsRight) of \(s.flaggedFields) flagged, \(s.fields) fields)",
            "  by type: "
                + s.byType.sorted { $0.key < $1.key }.map {
                    "\($0.key) \(pct($0.value.flaggedRight, $0.value.fields))"
                }.joined(separator: ", "),
            "invalid forms sent to review: \(pct(s.invalidCaught, s.invalidDocuments))",
            throughputLine,
            {
                let engines = s.engineAccuracy
                return
                    "text fields read exactly right before the gate: Tesseract \(pct(engines.tesseract, engines.of)), "
                    + "neural \(pct(engines.neural, engines.of)), the better engine per type \(pct(engines.better, engines.of)) "
                    + "(of \(engines.of))"
            }(),
            "  by type (Tesseract / neural): "
                + s.byType.sorted { $0.key < $1.key }.filter { $0.value.read > 0 }.map {
                    "\($0.key) \(pct($0.value.tesseractRight, $0.value.read)) / \(pct($0.value.neuralRight, $0.value.read))"
                }.joined(separator: ", "),
            String(
                format:
                    "per page: %.0f ms inside libtesseract, %.0f ms inside ONNX Runtime, of %.0f ms",
                s.ocrSeconds / Double(max(s.pages, 1)) * 1000,
                s.neuralSeconds / Double(max(s.pages, 1)) * 1000,
                s.machineSeconds / Double(max(s.pages, 1)) * 1000),
            String(format: "peak memory: %.0f MiB", peakMiB),
        ]
        if let b = baseline, let ppm = b.pages_per_minute {
            lines.append(
                String(
                    format:
                        "baseline (tesseract whole page + label regexes, 1 core): %.1f%% of text fields, %.0f pages/min",
                    b.text_accuracy_pct, ppm))
            lines.append(
                String(
                    format: "rpa throughput vs baseline: %.1f× (1 worker each)", pagesPerMinuteOneWorker / ppm
                ))
        }
        if !s.silentExamples.isEmpty {
            lines.append("silent errors: " + s.silentExamples.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}
