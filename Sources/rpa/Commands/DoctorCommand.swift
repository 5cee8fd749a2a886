import ArgumentParser
import Foundation
import Imaging
import OCR

/// `rpa doctor`: what this machine has for reading forms, and the command that fixes what is missing.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the OCR libraries, language models and tools, and say how to fix what is missing.")

    @Option(help: "The tessdata folder to check instead of the discovered one.")
    var tessdata: String?

    @Option(help: "Languages the workflows need, joined with +.")
    var lang: String = "jpn+eng"

    @Flag(help: "Print the report as JSON.")
    var json = false

    struct Report: Codable {
        var tesseract: String
        var leptonica: String
        var tessdata: String?
        var installedLanguages: [String]
        var missingLanguages: [String]
        var pdftoppm: String?
        var ompThreadLimit: String?
        var fixes: [String]
        var ok: Bool { fixes.isEmpty }
    }

    func run() throws {
        let found = try? Tessdata.discover(override: tessdata.map { URL(fileURLWithPath: $0) })
        let installed = found?.installedLanguages ?? []
        let needed = lang.split(separator: "+").map(String.init)
        let missing = needed.filter { !installed.contains($0) }
        let pdftoppm = PDFRenderer().tool("pdftoppm")
        // The Japanese script model is the second opinion on jpn fields (ocr.verify); without it they
        // are checked at a second scale only, which catches fewer misreads.
        let scriptModel = installed.contains("Japanese")
        var packages = missing.map(Tessdata.package(for:))
        if !scriptModel { packages.append("tesseract-ocr-script-jpan") }
        if pdftoppm == nil { packages.append("poppler-utils") }
        var fixes: [String] = []
        if !packages.isEmpty { fixes.append("sudo apt-get install -y " + packages.joined(separator: " ")) }
        let report = Report(
            tesseract: OCREngine.version, leptonica: Leptonica.version, tessdata: found?.directory.path,
            installedLanguages: installed, missingLanguages: missing, pdftoppm: pdftoppm,
            ompThreadLimit: ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"], fixes: fixes)
        if json {
            try printJSON(report)
        } else {
            print("libtesseract  \(report.tesseract)")
            print("Leptonica     \(report.leptonica)")
            print("tessdata      \(report.tessdata ?? "not found")")
            print("languages     \(installed.isEmpty ? "none" : installed.joined(separator: ", "))")
            for language in needed {
                print("  \(installed.contains(language) ? "ok" : "MISSING")  \(language)")
            }
            print(
                "  \(scriptModel ? "ok" : "MISSING")  Japanese (script model: the second reading of jpn fields)"
            )
            print("pdftoppm      \(pdftoppm ?? "MISSING (PDF scans cannot be read)")")
            print(
                "OpenMP        \(report.ompThreadLimit.map { "limited to \($0) thread(s)" } ?? "unlimited")")
            if fixes.isEmpty {
                print("\nEverything rpa needs is installed.")
            } else {
                print("\nTo fix:")
                fixes.forEach { print("  \($0)") }
            }
        }
        if !report.ok { throw ExitCodes.missingDependency }
    }
}
