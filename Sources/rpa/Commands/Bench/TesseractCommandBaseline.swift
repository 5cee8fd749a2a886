import Foundation
import OCR

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
