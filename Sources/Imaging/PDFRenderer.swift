import Foundation

/// Renders PDF pages to PNG with poppler's `pdftoppm`, one page at a time, after `pdfinfo` has given
/// every page's size so that a hostile PDF is refused before anything is rendered.
///
/// A PDF is a tiny file that can declare any page size (a MediaBox of 10¹⁴ points fits in 351 bytes)
/// and any number of pages: sizes are therefore converted to pixels with every conversion checked,
/// and each render is cropped to the size checked beforehand, so it can never make a larger bitmap.
public struct PDFRenderer: Sendable {
    /// Where poppler's tools are looked for, in order.
    public var searchPaths: [String] = ["/usr/bin", "/usr/local/bin", "/bin"]
    /// How long one PDF may take in poppler's tools, all of its pages together, before it is given up.
    public var timeoutSeconds: Double = 120

    public init() {}

    /// The path of a poppler tool, or nil when poppler-utils is not installed.
    public func tool(_ name: String) -> String? {
        searchPaths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Every page's size in pixels at `dpi`, from `pdfinfo`, without rendering anything.
    ///
    /// Throws when the PDF has no pages or more than `maxPages`, or when a page size is not a finite
    /// positive number of points that fits a bitmap. `clock` is charged with the time taken. Errors
    /// name `path`.
    func pageSizes(_ url: URL, path: String, dpi: Int, maxPages: Int, clock: RenderClock)
        throws(ImageLoadError) -> [PixelSize]
    {
        guard let pdfinfo = tool("pdfinfo"), tool("pdftoppm") != nil else {
            throw .pdfRendererMissing(path: path)
        }
        let last = maxPages < Int.max ? maxPages + 1 : maxPages
        let info = try run(pdfinfo, ["-f", "1", "-l", String(last), url.path], for: path, clock: clock)
        let points = Self.pageSizes(info)
        guard !points.isEmpty else { throw .pdfFailed(path: path, reason: "no pages") }
        if points.count > maxPages {
            throw .tooManyPages(
                path: path, pages: Self.declaredPageCount(info) ?? points.count, limit: maxPages)
        }
        var sizes: [PixelSize] = []
        for (index, size) in points.enumerated() {
            guard let width = Self.pixels(points: size.width, dpi: dpi),
                let height = Self.pixels(points: size.height, dpi: dpi)
            else {
                throw .pdfFailed(
                    path: path,
                    reason: String(
                        format: "page %ld declares an impossible size of %g × %g pt", index + 1, size.width,
                        size.height))
            }
            sizes.append(PixelSize(width: width, height: height))
        }
        return sizes
    }

    /// Renders one page (numbered from 1) as gray PNG bytes, cropped to `size` so that the bitmap can
    /// never exceed what was checked. The temporary file is removed before returning. Errors name
    /// `path`.
    func renderPage(_ url: URL, path: String, page: Int, dpi: Int, size: PixelSize, clock: RenderClock)
        throws(ImageLoadError) -> Data
    {
        guard let pdftoppm = tool("pdftoppm") else { throw .pdfRendererMissing(path: path) }
        // A rendered page is a whole form: it lives in this process's private folder (0700), which is
        // removed even when the run is interrupted.
        let directory: URL
        do {
            directory = try TemporaryFolder.url()
                .appendingPathComponent("pdf-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .pdfFailed(path: path, reason: "cannot create a temporary folder")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let prefix = directory.appendingPathComponent("page")
        _ = try run(
            pdftoppm,
            [
                "-f", String(page), "-l", String(page), "-singlefile", "-r", String(dpi), "-gray", "-png",
                "-x", "0", "-y", "0", "-W", String(size.width), "-H", String(size.height), url.path,
                prefix.path,
            ],
            for: path, clock: clock)
        guard let data = FileManager.default.contents(atPath: prefix.appendingPathExtension("png").path),
            !data.isEmpty
        else {
            throw .pdfFailed(path: path, reason: "page \(page) did not render")
        }
        return data
    }

    /// Page sizes in points from `pdfinfo` output ("Page    1 size: 595.28 x 841.89 pts (A4)"), as
    /// rendered: a page turned a quarter ("Page    1 rot:   90") has its width and height swapped.
    static func pageSizes(_ info: String) -> [(width: Double, height: Double)] {
        var sizes: [(width: Double, height: Double)] = []
        for line in info.split(separator: "\n") where line.hasPrefix("Page ") {
            if let range = line.range(of: "size: ") {
                let parts = line[range.upperBound...].split(separator: " ")
                guard parts.count >= 3, let w = Double(parts[0]), let h = Double(parts[2]) else { continue }
                sizes.append((w, h))
            } else if let range = line.range(of: "rot: "), let last = sizes.last,
                let degrees = Int(line[range.upperBound...].trimmingCharacters(in: .whitespaces)),
                degrees % 180 != 0
            {
                sizes[sizes.count - 1] = (last.height, last.width)
            }
        }
        return sizes
    }

    /// The page count `pdfinfo` reports ("Pages:  20"), if it printed one.
    static func declaredPageCount(_ info: String) -> Int? {
        for line in info.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A length in points as whole pixels at `dpi` (rounded up, as pdftoppm does), or nil when it is
    /// not finite, not positive, or too large for a bitmap (over 2³¹ − 1 pixels on a side).
    static func pixels(points: Double, dpi: Int) -> Int? {
        let value = (points / 72 * Double(dpi)).rounded(.up)
        guard value.isFinite, value >= 1, value <= Double(Int32.max) else { return nil }
        return Int(value)
    }

    /// Runs a poppler tool with output sent to temporary files (pipes could fill up and stall it),
    /// ending it when the document's time is used up.
    private func run(_ tool: String, _ arguments: [String], for path: String, clock: RenderClock)
        throws(ImageLoadError) -> String
    {
        let base = (try? TemporaryFolder.url()) ?? FileManager.default.temporaryDirectory
        let scratch = base.appendingPathComponent("run-\(UUID().uuidString)")
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
        let started = Date()
        defer { clock.used += Date().timeIntervalSince(started) }
        let deadline = started.addingTimeInterval(max(0, timeoutSeconds - clock.used))
        do { try process.run() } catch { throw .pdfRendererMissing(path: path) }
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

/// A PDF's bytes as read, in a file of this process's private folder (mode 0600) for poppler's tools,
/// which read a path: they render what was read and hashed, not whatever the scan's path holds by
/// then. Removed when the document is let go.
final class PrivateCopy {
    let url: URL

    init(_ data: Data, path: String) throws(ImageLoadError) {
        let url: URL
        do {
            url = try TemporaryFolder.url().appendingPathComponent("scan-\(UUID().uuidString).pdf")
        } catch {
            throw .pdfFailed(path: path, reason: "cannot create a temporary folder")
        }
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .pdfFailed(path: path, reason: "cannot write a temporary copy") }
        defer { close(descriptor) }
        var written = 0
        while written < data.count {
            let count = data.withUnsafeBytes {
                write(descriptor, $0.baseAddress?.advanced(by: written), $0.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                unlink(url.path)
                throw .pdfFailed(path: path, reason: "cannot write a temporary copy")
            }
            written += count
        }
        self.url = url
    }

    deinit { unlink(url.path) }
}

/// The time one document has spent in poppler's tools so far, shared by all of its pages.
final class RenderClock {
    var used: Double = 0
}
