import Foundation

/// Mean figures over pages.
struct Summary: Codable {
    var pages: Int
    var secondsPerPage: Double
    var loadSeconds: Double
    var prepareSeconds: Double
    var registerSeconds: Double
    var zoneCleanupSeconds: Double
    var tesseractSeconds: Double
    /// Share of the time spent outside libtesseract (loading, clean-up, registration, crops).
    var outsideTesseractShare: Double

    init(_ timings: [PageTiming]) {
        pages = timings.count
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
    /// The same figures for each file format (by extension: tif, jpg, png, pdf).
    var byFormat: [String: Summary] = [:]

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
        ]
        for (format, summary) in byFormat.sorted(by: { $0.key < $1.key }) {
            let outside = (summary.secondsPerPage - summary.tesseractSeconds) * 1000
            lines.append(
                "    \(format): \(summary.pages) pages, "
                    + String(
                        format: "%.1f%% outside (%.1f ms of %.1f ms)", summary.outsideTesseractShare * 100,
                        outside,
                        summary.secondsPerPage * 1000))
        }
        lines.append(String(format: "memory: %.0f MiB resident, %.0f MiB peak", residentMiB, peakMiB))
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
