import ArgumentParser
import Foundation
import Imaging
import Ledger
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

    @Option(help: "The ledger to check (default: $RPA_LEDGER, else ./rpa-ledger.sqlite).")
    var ledger: String?

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
        /// The Japanese models: fast jpn (first reading), Japanese script (second), standard jpn (tie-breaker).
        var japaneseModels: [JapaneseModel] = []
        /// What to do for a better but optional model (the workflows run without it).
        var advice: [String] = []
        /// Where documents are counted, and for a shared ledger whether its server answers.
        var ledger: String = ""
        /// The second, independent recognizer: ONNX Runtime and the model, each checked by its hash.
        var neural = Neural()
        var ok: Bool { fixes.isEmpty }
    }

    /// The neural recognizer as found: the runtime's version once loaded, the model and its hash.
    struct Neural: Codable {
        var runtime: String?
        var library = NeuralModel.installed.library.path
        var model = NeuralModel.installed.model.path
        var modelSHA256 = NeuralModel.installed.modelSHA256
        /// Why it cannot be used, or nil when it loaded.
        var problem: String?
    }

    /// One Japanese model: where it is, and what rpa uses it for.
    struct JapaneseModel: Codable {
        var language: String
        var role: String
        var path: String?
        var inUse: Bool
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
        var report = Report(
            tesseract: OCREngine.version, leptonica: Leptonica.version, tessdata: found?.directory.path,
            installedLanguages: installed, missingLanguages: missing, pdftoppm: pdftoppm,
            ompThreadLimit: ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"], fixes: fixes)
        let roles = [
            ("jpn", "fast jpn (Debian): the first reading of jpn fields"),
            ("Japanese", "Japanese script model (Debian): the second reading (ocr.verify)"),
            (
                Tessdata.standardJapanese,
                "standard jpn: the tie-breaker on doubtful jpn fields (ocr.tie_break)"
            ),
        ]
        report.japaneseModels = roles.map { language, role in
            let path = found?.modelPath(language)
            return JapaneseModel(language: language, role: role, path: path, inUse: path != nil)
        }
        if found?.modelPath(Tessdata.standardJapanese) == nil {
            report.advice.append(
                "the standard jpn model is missing: doubtful jpn fields go to review without a third reading"
                    + " (the workflows still run with the fast model); run `bash scripts/install-deps.sh`,"
                    + " which installs it into \(Tessdata.privateDirectory)"
                    + (found?.directory.path == Tessdata.privateDirectory
                        ? "" : ", a folder rpa uses when TESSDATA_PREFIX is unset"))
        }
        report.ledger = checkLedger(&report.fixes)
        do {
            _ = try NeuralRecognizer()
            report.neural.runtime = NeuralRecognizer.runtimeVersion
        } catch {
            report.neural.problem = "\(error)"
            report.fixes.append("bash scripts/install-deps.sh   # \(error)")
        }
        if json {
            try printJSON(report)
        } else {
            defer {
                if !report.advice.isEmpty {
                    print("\nTo read more forms straight through (optional):")
                    report.advice.forEach { print("  \($0)") }
                }
            }
            print("libtesseract  \(report.tesseract)")
            print("Leptonica     \(report.leptonica)")
            print("tessdata      \(report.tessdata ?? "not found")")
            print("languages     \(installed.isEmpty ? "none" : installed.joined(separator: ", "))")
            for language in needed {
                print("  \(installed.contains(language) ? "ok" : "MISSING")  \(language)")
            }
            print("Japanese models")
            for model in report.japaneseModels {
                print("  \(model.inUse ? "in use " : "MISSING")  \(model.language): \(model.role)")
                if let path = model.path { print("           \(path)") }
            }
            print("pdftoppm      \(pdftoppm ?? "MISSING (PDF scans cannot be read)")")
            let neural = report.neural
            print(
                "neural OCR    \(neural.runtime.map { "ONNX Runtime \($0)" } ?? "NOT USABLE")  \(neural.library)"
            )
            print("  model       \(neural.model)")
            print("              SHA-256 \(neural.modelSHA256)\(neural.problem == nil ? " (checked)" : "")")
            print("ledger        \(report.ledger)")
            print(
                "OpenMP        \(report.ompThreadLimit.map { "limited to \($0) thread(s)" } ?? "unlimited")")
            if report.fixes.isEmpty {
                print("\nEverything rpa needs is installed.")
            } else {
                print("\nTo fix:")
                report.fixes.forEach { print("  \($0)") }
            }
        }
        if !report.ok { throw ExitCodes.missingDependency }
    }

    /// The ledger's location; a shared one is opened, to say whether its server answers (the tables
    /// are made on first use, as by the first run).
    private func checkLedger(_ fixes: inout [String]) -> String {
        let location = ledger ?? Ledger.defaultPath()
        guard Ledger.isSharedLocation(location) else { return "\(location) (SQLite file on this machine)" }
        do {
            let shared = try Ledger(path: location)
            return "\(shared.path) (shared, PostgreSQL): reachable, \(try shared.documentCount()) documents"
        } catch {
            fixes.append("\(error)")
            return
                "\((try? PostgresAddress(location).redacted) ?? "postgresql://…") (shared, PostgreSQL): UNREACHABLE"
        }
    }
}
