import Foundation

/// Renders PDF pages to PNG files with poppler's `pdftoppm`, after checking page count and size with
/// `pdfinfo` so that a hostile PDF cannot make a huge bitmap.
public struct PDFRenderer: Sendable {
    /// Where poppler's tools are looked for, in order.
    public var searchPaths: [String] = ["/usr/bin", "/usr/local/bin", "/bin"]
    /// How long one PDF may take to render before it is given up.
    public var timeoutSeconds: Double = 120

    public init() {}

    /// The pages rendered into a temporary folder that the caller removes.
    public struct Rendered {
        public let directory: URL
        public let pages: [URL]
    }

    /// The path of a poppler tool, or nil when poppler-utils is not installed.
    public func tool(_ name: String) -> String? {
        searchPaths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func render(_ url: URL, dpi: Int, maxPixels: Int, maxPages: Int) throws(ImageLoadError)
        -> Rendered
    {
        let path = url.path
        guard let pdftoppm = tool("pdftoppm"), let pdfinfo = tool("pdfinfo") else {
            throw .pdfRendererMissing(path: path)
        }
        let info = try run(pdfinfo, ["-f", "1", "-l", String(maxPages + 1), path], for: path)
        let sizes = Self.pageSizes(info)
        guard !sizes.isEmpty else { throw .pdfFailed(path: path, reason: "no pages") }
        if sizes.count > maxPages {
            throw .tooManyPages(path: path, pages: sizes.count, limit: maxPages)
        }
        for size in sizes {
            let width = Int(size.width / 72 * Double(dpi))
            let height = Int(size.height / 72 * Double(dpi))
            if width * height > maxPixels {
                throw .tooManyPixels(path: path, width: width, height: height, limit: maxPixels)
            }
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rpa-pdf-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .pdfFailed(path: path, reason: "cannot create a temporary folder")
        }
        do {
            _ = try run(
                pdftoppm,
                ["-r", String(dpi), "-gray", "-png", path, directory.appendingPathComponent("p").path],
                for: path)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let files =
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".png") }.sorted()
            .map { directory.appendingPathComponent($0) }
        return Rendered(directory: directory, pages: files)
    }

    /// Page sizes in points from `pdfinfo` output ("Page    1 size: 595.28 x 841.89 pts (A4)").
    static func pageSizes(_ info: String) -> [(width: Double, height: Double)] {
        info.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Page "), let range = line.range(of: "size: ") else { return nil }
            let parts = line[range.upperBound...].split(separator: " ")
            guard parts.count >= 3, let w = Double(parts[0]), let h = Double(parts[2]) else { return nil }
            return (w, h)
        }
    }

    /// Runs a poppler tool with output sent to temporary files (pipes could fill up and stall it),
    /// ending it when it takes longer than the timeout.
    private func run(_ tool: String, _ arguments: [String], for path: String) throws(ImageLoadError)
        -> String
    {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("rpa-run-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out")
        let errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try? FileHandle(forWritingTo: outURL)
        process.standardError = try? FileHandle(forWritingTo: errURL)
        do { try process.run() } catch { throw .pdfRendererMissing(path: path) }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw .pdfFailed(path: path, reason: "took longer than \(Int(timeoutSeconds)) s")
            }
            usleep(5_000)
        }
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            let firstLine =
                message.split(separator: "\n").first.map(String.init)
                ?? "exit code \(process.terminationStatus)"
            throw .pdfFailed(path: path, reason: firstLine)
        }
        return output
    }
}
