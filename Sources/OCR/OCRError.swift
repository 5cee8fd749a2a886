import Foundation

/// Why text could not be read. Messages name what to install or change; none carries page content.
public enum OCRError: Error, CustomStringConvertible, Equatable, Sendable {
    case tessdataNotFound(searched: [String])
    case languageMissing([String], tessdata: String)
    case initFailed(language: String, tessdata: String)
    case recognitionFailed(String)
    case poolStopped
    /// A file of the neural recognizer (ONNX Runtime's library, the model) is not installed.
    case neuralMissing(String)
    /// A file of the neural recognizer does not have the SHA-256 it was installed with.
    case neuralAltered(String)
    /// ONNX Runtime refused the library or the model.
    case neuralFailed(String)

    public var description: String {
        switch self {
        case .tessdataNotFound(let searched):
            return "no Tesseract models found (looked in \(searched.joined(separator: ", "))); "
                + "run `sudo apt-get install tesseract-ocr-jpn tesseract-ocr-eng` or set TESSDATA_PREFIX"
        case .languageMissing(let languages, let tessdata):
            let packages = languages.map(Tessdata.package(for:)).joined(separator: " ")
            return "Tesseract language \(languages.joined(separator: ", ")) is not installed in \(tessdata); "
                + "run `sudo apt-get install \(packages)`"
        case .initFailed(let language, let tessdata):
            return "Tesseract could not load \(language) from \(tessdata); reinstall its package "
                + "(\(language.split(separator: "+").map { Tessdata.package(for: String($0)) }.joined(separator: " ")))"
        case .recognitionFailed(let reason):
            return "recognition failed: \(reason)"
        case .poolStopped:
            return "the OCR workers have stopped"
        case .neuralMissing(let path):
            return "the neural recognizer is not installed (\(path) is missing); run `make deps` "
                + "(scripts/install-deps.sh)"
        case .neuralAltered(let path):
            return "\(path) is not the file rpa was set up with (its SHA-256 differs); it was not loaded. "
                + "Run `make deps` (scripts/install-deps.sh) to install it again"
        case .neuralFailed(let reason):
            return "the neural recognizer could not start: \(reason); run `make deps` to install it again"
        }
    }
}
