import Foundation

/// Where Tesseract's trained models (`*.traineddata`) are, and which are installed.
public struct Tessdata: Sendable, Equatable {
    /// The folder holding the `.traineddata` files.
    public let directory: URL

    /// Folders searched when neither an override nor `TESSDATA_PREFIX` names one (Debian first).
    public static let standardDirectories = [
        "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata", "/usr/local/share/tessdata", "/usr/local/share/tesseract-ocr/tessdata",
    ]

    public init(directory: URL) {
        self.directory = directory
    }

    /// Finds the tessdata folder: `override`, then `$TESSDATA_PREFIX`, then the standard folders;
    /// the first that holds any model wins.
    public static func discover(override: URL? = nil) throws(OCRError) -> Tessdata {
        if let override {
            let found = Tessdata(directory: override)
            guard !found.installedLanguages.isEmpty else {
                throw .tessdataNotFound(searched: [override.path])
            }
            return found
        }
        var candidates: [String] = []
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            candidates.append(prefix)
            candidates.append((prefix as NSString).appendingPathComponent("tessdata"))
        }
        candidates += standardDirectories
        for path in candidates {
            let found = Tessdata(directory: URL(fileURLWithPath: path, isDirectory: true))
            if !found.installedLanguages.isEmpty { return found }
        }
        throw .tessdataNotFound(searched: candidates)
    }

    /// The languages installed here, e.g. `["eng", "jpn", "osd"]`.
    public var installedLanguages: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".traineddata") }
            .map { String($0.dropLast(".traineddata".count)) }.sorted()
    }

    /// Throws naming the apt package for each language in `spec` ("jpn+eng") that is not installed.
    public func require(_ spec: String) throws(OCRError) {
        let installed = Set(installedLanguages)
        let missing = spec.split(separator: "+").map(String.init).filter { !installed.contains($0) }
        if !missing.isEmpty { throw .languageMissing(missing, tessdata: directory.path) }
    }

    /// The Debian package that installs a language's model.
    public static func package(for language: String) -> String {
        "tesseract-ocr-" + language.lowercased().replacingOccurrences(of: "_", with: "-")
    }
}
