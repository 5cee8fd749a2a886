import Foundation

/// Where Tesseract's trained models (`*.traineddata`) are, and which are installed.
public struct Tessdata: Sendable, Equatable {
    /// The folder holding the `.traineddata` files.
    public let directory: URL

    /// rpa's own folder, filled by `scripts/install-deps.sh`: the standard `jpn` model as `jpn_std`
    /// beside links to Debian's models, since Tesseract loads every language from one datapath.
    public static let privateDirectory = "/usr/local/share/rpa/tessdata"

    /// The language name of the standard `jpn` model (integerised from the best LSTM models, plus
    /// legacy): slower than Debian's fast `jpn`, read only to break ties on doubtful fields.
    public static let standardJapanese = "jpn_std"

    /// Folders searched when neither an override nor `TESSDATA_PREFIX` names one: rpa's own
    /// (a superset of Debian's when set up), then Debian's.
    public static let standardDirectories = [
        privateDirectory, "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
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

    /// The languages installed here, e.g. `["eng", "jpn", "osd"]` (a link to a removed model is not).
    public var installedLanguages: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".traineddata") && !$0.hasPrefix(".") }
            .filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
            .map { String($0.dropLast(".traineddata".count)) }.sorted()
    }

    /// The file a language's model is read from, links resolved (for `rpa doctor`).
    public func modelPath(_ language: String) -> String? {
        let file = directory.appendingPathComponent(language + ".traineddata")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return file.resolvingSymlinksInPath().path
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
