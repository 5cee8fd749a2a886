import CImaging
import CLeptonica
import Foundation

/// One page of a scan as decoded from its file, before any clean-up.
public struct LoadedPage {
    /// The decoded pixels, at the file's own resolution.
    public let image: Image
    /// Zero-based page number within the file.
    public let index: Int
    /// The resolution the pixels are at: from the file, or `assumedDPI` when the file did not say.
    public let dpi: Int
    /// True when the file carried no resolution and `dpi` is the loader's assumption.
    public let dpiWasAssumed: Bool

    public init(image: Image, index: Int, dpi: Int, dpiWasAssumed: Bool) {
        self.image = image
        self.index = index
        self.dpi = dpi
        self.dpiWasAssumed = dpiWasAssumed
    }
}

/// Reads scans (PNG, JPEG, single- and multi-page TIFF, PDF) into pages, refusing hostile files
/// before decoding them.
///
/// Limits are checked from the file's header, so a 30000×30000 image is refused without allocating it.
public struct PageLoader: Sendable {
    /// The largest page accepted, in pixels (width × height).
    public var maxPixels: Int = 100_000_000
    /// The largest file accepted, in bytes.
    public var maxFileBytes: Int = 256 * 1024 * 1024
    /// The most pages accepted in one file.
    public var maxPages: Int = 500
    /// The resolution assumed for files that do not record one, and used to render PDF pages.
    public var assumedDPI: Int = 300
    /// Renders PDF pages (poppler's pdftoppm by default).
    public var pdfRenderer: PDFRenderer = PDFRenderer()

    public init() {}

    /// Loads every page of the file at `url`.
    public func load(_ url: URL) throws(ImageLoadError) -> [LoadedPage] {
        Leptonica.silence()
        let path = url.relativePath
        try checkFile(path)
        let format = try sniff(path)
        switch format {
        case .pdf:
            return try loadPDF(url)
        case .tiff:
            return try loadTIFF(path)
        case .png, .jpeg:
            return [try loadSingle(path, format: format)]
        }
    }

    /// PNG and JPEG: read into memory, check the structure is complete (so libpng and libjpeg never
    /// meet a truncated file), check the size from the header, then decode.
    private func loadSingle(_ path: String, format: Format) throws(ImageLoadError) -> LoadedPage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot open")
        }
        let complete =
            format == .png ? ImageStructure.isCompletePNG(data) : ImageStructure.isCompleteJPEG(data)
        guard complete else { throw .damaged(path: path, format: format.rawValue) }
        let pix: UnsafeMutablePointer<PIX>? = data.withUnsafeBytes { raw -> UnsafeMutablePointer<PIX>? in
            guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var kind: Int32 = 0
            var width: Int32 = 0
            var height: Int32 = 0
            var bps: Int32 = 0
            var spp: Int32 = 0
            var colormap: Int32 = 0
            guard pixReadHeaderMem(bytes, data.count, &kind, &width, &height, &bps, &spp, &colormap) == 0,
                width > 0, height > 0, Int(width) * Int(height) <= maxPixels
            else { return nil }
            if format == .jpeg { return decodeJPEG(bytes, count: data.count) }
            return pixReadMem(bytes, data.count)
        }
        guard let pix else {
            // Say why: an oversized image is refused from its header, before any decoding.
            let size = ImageStructure.declaredSize(data, format: format == .png ? .png : .jpeg)
            if let size, size.width * size.height > maxPixels {
                throw .tooManyPixels(path: path, width: size.width, height: size.height, limit: maxPixels)
            }
            throw .damaged(path: path, format: format.rawValue)
        }
        return page(Image(owning: pix), index: 0)
    }

    /// A JPEG as 8-bit gray (pages are read in gray; colour is never used), straight from libjpeg;
    /// CMYK JPEGs, which libjpeg cannot turn into gray, go through Leptonica.
    private func decodeJPEG(_ bytes: UnsafePointer<UInt8>, count: Int) -> UnsafeMutablePointer<PIX>? {
        var status = RPA_JPEG_OK
        var warnings: Int32 = 0
        let pix = rpa_jpeg_read_gray(bytes, count, Int64(maxPixels), &status, &warnings)
        guard status == RPA_JPEG_UNSUPPORTED else { return pix }
        return pixReadMemJpeg(bytes, count, 0, 1, &warnings, 0)
    }

    private enum Format: String { case png = "PNG", jpeg = "JPEG", tiff = "TIFF", pdf = "PDF" }

    private func checkFile(_ path: String) throws(ImageLoadError) {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: "no access")
        }
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            throw .unreadable(path: path, reason: "not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size == 0 { throw .emptyFile(path: path) }
        if size > maxFileBytes { throw .fileTooLarge(path: path, bytes: size, limit: maxFileBytes) }
    }

    /// Identifies the format from the first bytes, never from the file name.
    private func sniff(_ path: String) throws(ImageLoadError) -> Format {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "cannot open")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return .tiff
        }
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        throw .notAnImage(path: path)
    }

    private func checkSize(_ path: String, width: Int, height: Int) throws(ImageLoadError) {
        guard width > 0, height > 0 else { throw .damaged(path: path, format: "image header") }
        if width * height > maxPixels {
            throw .tooManyPixels(path: path, width: width, height: height, limit: maxPixels)
        }
    }

    private func loadTIFF(_ path: String) throws(ImageLoadError) -> [LoadedPage] {
        guard let file = fopen(path, "rb") else { throw .unreadable(path: path, reason: "cannot open") }
        var count: Int32 = 0
        let counted = tiffGetCount(file, &count)
        fclose(file)
        guard counted == 0, count > 0 else { throw .damaged(path: path, format: "TIFF") }
        if Int(count) > maxPages { throw .tooManyPages(path: path, pages: Int(count), limit: maxPages) }
        var pages: [LoadedPage] = []
        for index in 0..<count {
            var width: Int32 = 0
            var height: Int32 = 0
            var bps: Int32 = 0
            var spp: Int32 = 0
            var res: Int32 = 0
            var cmap: Int32 = 0
            var format: Int32 = 0
            guard readHeaderTiff(path, index, &width, &height, &bps, &spp, &res, &cmap, &format) == 0 else {
                throw .damaged(path: path, format: "TIFF")
            }
            try checkSize(path, width: Int(width), height: Int(height))
            guard let pix = pixReadTiff(path, index) else { throw .damaged(path: path, format: "TIFF") }
            pages.append(page(Image(owning: pix), index: Int(index)))
        }
        return pages
    }

    private func loadPDF(_ url: URL) throws(ImageLoadError) -> [LoadedPage] {
        let rendered = try pdfRenderer.render(
            url, dpi: assumedDPI, maxPixels: maxPixels, maxPages: maxPages)
        defer { try? FileManager.default.removeItem(at: rendered.directory) }
        var pages: [LoadedPage] = []
        for (index, file) in rendered.pages.enumerated() {
            guard let pix = pixRead(file.path) else {
                throw .pdfFailed(path: url.path, reason: "page \(index + 1) did not render")
            }
            let image = Image(owning: pix)
            image.setResolution(assumedDPI)
            pages.append(LoadedPage(image: image, index: index, dpi: assumedDPI, dpiWasAssumed: false))
        }
        return pages
    }

    private func page(_ image: Image, index: Int) -> LoadedPage {
        let stored = image.resolution
        // Scanners write 72 or 96 when they mean "unknown"; treat anything implausible as absent.
        let plausible = (100...1200).contains(stored)
        let dpi = plausible ? stored : assumedDPI
        if !plausible { image.setResolution(dpi) }
        return LoadedPage(image: image, index: index, dpi: dpi, dpiWasAssumed: !plausible)
    }
}
