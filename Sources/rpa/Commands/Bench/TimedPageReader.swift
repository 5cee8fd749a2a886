import Foundation
import Imaging
import OCR
import Pipeline
import Workflow

/// Where one page's time went.
struct PageTiming {
    var load = 0.0
    var prepare = 0.0
    var register = 0.0
    var zones = 0.0
    var tesseract = 0.0
    var total = 0.0
}

/// Reads every field of a workflow on a page with the pipeline's reader, timing each stage.
struct TimedPageReader {
    let reader: FormReader

    func read(_ file: URL, engine: OCREngine) throws -> PageTiming {
        var timing = PageTiming()
        let start = now()
        var loader = PageLoader()
        loader.assumedDPI = reader.workflow.template.dpi
        let loaded = try loader.load(file)[0]
        timing.load = now() - start
        let page = try ScannedPage(loaded)
        timing.prepare = now() - start - timing.load
        let alignment = Registration().align(page, to: reader.geometry)
        timing.register = now() - start - timing.load - timing.prepare
        let readings = try reader.read([RegisteredPage(page: page, alignment: alignment)], engine: engine)
        timing.tesseract = readings.reduce(0) { $0 + $1.ocrSeconds }
        timing.total = now() - start
        timing.zones = timing.total - timing.load - timing.prepare - timing.register - timing.tesseract
        return timing
    }
}

extension Workflow {
    var textZoneCount: Int { fields.filter { if case .zone = $0.reader { true } else { false } }.count }
    var checkboxCount: Int {
        fields.reduce(0) { count, field in
            if case .boxes(let options) = field.reader { return count + options.count }
            return count
        }
    }
}

/// Mean figures over pages.
struct Summary: Codable {
    var secondsPerPage: Double
    var loadSeconds: Double
    var prepareSeconds: Double
    var registerSeconds: Double
    var zoneCleanupSeconds: Double
    var tesseractSeconds: Double
    /// Share of the time spent outside libtesseract (loading, clean-up, registration, crops).
    var outsideTesseractShare: Double

    init(_ timings: [PageTiming]) {
        let n = Double(max(1, timings.count))
        func mean(_ key: KeyPath<PageTiming, Double>) -> Double {
            timings.map { $0[keyPath: key] }.reduce(0, +) / n
        }
        secondsPerPage = mean(\.total)
        loadSeconds = mean(\.load)
        prepareSeconds = mean(\.prepare)
        registerSeconds = mean(\.register)
        zoneCleanupSeconds = mean(\.zones)
        tesseractSeconds = mean(\.tesseract)
        outsideTesseractShare = secondsPerPage > 0 ? 1 - tesseractSeconds / secondsPerPage : 0
    }
}

/// The `tesseract` command on each whole page, as a user's script would run it.
struct TesseractCommandBaseline {
    struct Result: Codable {
        var command: String
        var secondsPerPage: Double
        var pages: Int
    }

    func run(_ files: [URL]) throws -> Result {
        guard
            let tesseract = ["/usr/bin/tesseract", "/usr/local/bin/tesseract"].first(
                where: FileManager.default.isExecutableFile)
        else {
            throw OCRError.recognitionFailed(
                "the tesseract command is missing: sudo apt-get install tesseract-ocr")
        }
        var total = 0.0
        for file in files {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tesseract)
            process.arguments = [file.path, "stdout", "-l", "jpn", "--psm", "3"]
            var environment = ProcessInfo.processInfo.environment
            environment["OMP_THREAD_LIMIT"] = "1"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = now()
            try process.run()
            process.waitUntilExit()
            total += now() - start
        }
        return Result(
            command: "OMP_THREAD_LIMIT=1 tesseract PAGE stdout -l jpn --psm 3",
            secondsPerPage: total / Double(files.count),
            pages: files.count)
    }
}

/// The machine the figures were measured on.
struct MachineInfo: Codable {
    var cores: Int
    var memoryGiB: Double
    var cpu: String
    var date: String

    static var current: MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map {
                String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces)
            }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return MachineInfo(
            cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryGiB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
            cpu: model ?? "unknown", date: formatter.string(from: Date()))
    }
}

/// Everything `rpa bench ocr` measured.
struct OCRBenchReport: Codable {
    var machine: MachineInfo
    var pages: Int
    var textZones: Int
    var checkboxes: Int
    var engineInitSeconds: Double
    var rpa: Summary
    var residentMiB: Double
    var peakMiB: Double
    var engineMiB: Double
    var baseline: TesseractCommandBaseline.Result?
    var speedup: Double?

    var table: String {
        func ms(_ s: Double) -> String { String(format: "%7.1f ms", s * 1000) }
        var lines = [
            "machine: \(machine.cpu), \(machine.cores) cores, \(machine.memoryGiB) GiB, \(machine.date)",
            "pages: \(pages), each with \(textZones) text zones and \(checkboxes) checkboxes",
            "engine start (jpn+eng): \(ms(engineInitSeconds))",
            "",
            "rpa, one warm engine, per page:",
            "  load              \(ms(rpa.loadSeconds))",
            "  clean-up, skew    \(ms(rpa.prepareSeconds))",
            "  registration      \(ms(rpa.registerSeconds))",
            "  zone crops        \(ms(rpa.zoneCleanupSeconds))",
            "  libtesseract      \(ms(rpa.tesseractSeconds))",
            "  total             \(ms(rpa.secondsPerPage))",
            String(format: "  outside libtesseract: %.1f%%", rpa.outsideTesseractShare * 100),
            String(format: "memory: %.0f MiB resident, %.0f MiB peak", residentMiB, peakMiB),
        ]
        if let baseline, let speedup {
            lines += [
                "",
                "\(baseline.command): \(ms(baseline.secondsPerPage)) per page",
                String(format: "rpa is %.1f× faster per page", speedup),
            ]
        }
        return lines.joined(separator: "\n")
    }
}
