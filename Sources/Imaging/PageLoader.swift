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

/// A page's size in pixels, as a header declares it.
public struct PixelSize: Sendable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// width × height, or nil when either side is not positive or the product overflows.
    public var pixels: Int? {
        guard width > 0, height > 0 else { return nil }
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? nil : product
    }
}

/// Reads scans (PNG, JPEG, single- and multi-page TIFF, PDF) into pages, refusing hostile files
/// before decoding them.
///
/// Every limit is checked from the file's headers (for PDF, from `pdfinfo`) when the file is opened,
/// before a single page is decoded: a 30000×30000 image, or forty 9990×9990 pages deflated into a
/// few megabytes, is refused without allocating it. Pages are then decoded one at a time
/// (`open(_:)` and `ScanDocument.load(page:)`), so reading a document holds one decoded page plus what
/// the caller keeps, and what the caller can keep is capped by `maxDocumentPixels`.
public struct PageLoader: Sendable {
    /// The largest page accepted, in pixels (width × height): 40 million, an A4 page at 600 dpi
    /// (34.8 million) or an A3 page at 400 dpi. Decoding such a page in colour costs up to about
    /// 8 bytes a pixel for a moment (the decoder's buffer and the 32-bit page), about 340 MB.
    public var maxPixels: Int = 40_000_000
    /// The most pixels all pages of one document may hold together: 100 million, eleven A4 pages at
    /// 300 dpi (8.7 million each). This is what bounds the memory of a document's prepared pages.
    public var maxDocumentPixels: Int = 100_000_000
    /// The largest file accepted, in bytes.
    public var maxFileBytes: Int = 256 * 1024 * 1024
    /// The most pages accepted in one file.
    public var maxPages: Int = 500
    /// The resolution assumed for files that do not record one, and used to render PDF pages.
    public var assumedDPI: Int = 300
    /// Renders PDF pages (poppler's pdftoppm by default).
    public var pdfRenderer: PDFRenderer = PDFRenderer()

    public init() {}

    /// Opens the file at `url`: reads it once (``ScanBytes``), then as ``open(_:)-(ScanBytes)``.
    public func open(_ url: URL) throws(ImageLoadError) -> ScanDocument {
        try open(ScanBytes.read(url, limit: maxFileBytes))
    }

    /// Opens a scan from the bytes read: identifies its format, counts its pages and checks every
    /// page's declared size against the limits, decoding nothing. Throws the first limit broken.
    /// Pages are decoded from these bytes only, never from the file again.
    public func open(_ scan: ScanBytes) throws(ImageLoadError) -> ScanDocument {
        Leptonica.silence()
        let path = scan.path
        let data = scan.bytes
        if data.count > maxFileBytes {
            throw .fileTooLarge(path: path, bytes: data.count, limit: maxFileBytes)
        }
        let format = try sniff(data, path: path)
        let source: ScanDocument.Source
        let sizes: [PixelSize]
        switch format {
        case .png, .jpeg:
            let complete =
                format == .png ? ImageStructure.isCompletePNG(data) : ImageStructure.isCompleteJPEG(data)
            guard complete else { throw .damaged(path: path, format: format.rawValue) }
            let declared = ImageStructure.declaredSize(data, format: format == .png ? .png : .jpeg)
            guard let declared else { throw .damaged(path: path, format: format.rawValue) }
            sizes = [PixelSize(width: declared.width, height: declared.height)]
            source = .encoded(data, format)
        case .tiff:
            sizes = try tiffPageSizes(data, path: path)
            source = .tiff(data)
        case .pdf:
            // poppler reads a path: it is given a private copy of the bytes read, not the file.
            let copy = try PrivateCopy(data, path: path)
            let clock = RenderClock()
            sizes = try pdfRenderer.pageSizes(
                copy.url, path: path, dpi: assumedDPI, maxPages: maxPages, clock: clock)
            source = .pdf(copy, clock)
        }
        let total = try checkBudget(path, sizes)
        return ScanDocument(
            url: scan.url, path: path, format: format, pageSizes: sizes, totalPixels: total, loader: self,
            source: source)
    }

    /// Loads every page of the file at `url` at once, within the same limits as `open(_:)`.
    ///
    /// For a template or a one-page tool; a reader of documents should `open` the file and load its
    /// pages one at a time, so that it never holds more than one decoded page.
    public func load(_ url: URL) throws(ImageLoadError) -> [LoadedPage] {
        let document = try open(url)
        var pages: [LoadedPage] = []
        for index in 0..<document.pageCount {
            pages.append(try document.load(page: index))
        }
        return pages
    }

    /// Checks each page against `maxPixels`, the count against `maxPages` and the sum against
    /// `maxDocumentPixels`; returns the sum.
    private func checkBudget(_ path: String, _ sizes: [PixelSize]) throws(ImageLoadError) -> Int {
        if sizes.count > maxPages { throw .tooManyPages(path: path, pages: sizes.count, limit: maxPages) }
        var total = 0
        for size in sizes {
            let pixels = try checkSize(path, size)
            let (sum, overflow) = total.addingReportingOverflow(pixels)
            total = overflow ? Int.max : sum
        }
        if total > maxDocumentPixels {
            throw .documentTooLarge(path: path, pages: sizes.count, pixels: total, limit: maxDocumentPixels)
        }
        return total
    }

    /// One page's pixels, refusing a side that is not positive and a page over `maxPixels` (an
    /// overflowing product counts as over).
    private func checkSize(_ path: String, _ size: PixelSize) throws(ImageLoadError) -> Int {
        guard size.width > 0, size.height > 0 else { throw .damaged(path: path, format: "image header") }
        guard let pixels = size.pixels, pixels <= maxPixels else {
            throw .tooManyPixels(path: path, width: size.width, height: size.height, limit: maxPixels)
        }
        return pixels
    }

    enum Format: String, Sendable { case png = "PNG", jpeg = "JPEG", tiff = "TIFF", pdf = "PDF" }

    /// Identifies the format from the first bytes, never from the file name.
    private func sniff(_ data: Data, path: String) throws(ImageLoadError) -> Format {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return .tiff
        }
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        throw .notAnImage(path: path)
    }

    /// Every page's size from its TIFF directory, stopping at the first limit broken.
    private func tiffPageSizes(_ data: Data, path: String) throws(ImageLoadError) -> [PixelSize] {
        var count: Int32 = 0
        let counted = data.withUnsafeBytes { raw -> Int32 in
            guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress,
                let file = fopenReadFromMemory(bytes, raw.count)
            else { return 1 }
            defer { fclose(file) }
            return tiffGetCount(file, &count)
        }
        guard counted == 0, count > 0 else { throw .damaged(path: path, format: "TIFF") }
        if Int(count) > maxPages { throw .tooManyPages(path: path, pages: Int(count), limit: maxPages) }
        var sizes: [PixelSize] = []
        var total = 0
        for index in 0..<count {
            var width: Int32 = 0
            var height: Int32 = 0
            var bps: Int32 = 0
            var spp: Int32 = 0
            var res: Int32 = 0
            var cmap: Int32 = 0
            var format: Int32 = 0
            let read = data.withUnsafeBytes { raw in
                readHeaderMemTiff(
                    raw.bindMemory(to: UInt8.self).baseAddress, raw.count, index, &width, &height, &bps, &spp,
                    &res, &cmap, &format)
            }
            guard read == 0 else { throw .damaged(path: path, format: "TIFF") }
            let size = PixelSize(width: Int(width), height: Int(height))
            // Refuse as soon as the sum is over, without reading the remaining directories.
            let (sum, overflow) = total.addingReportingOverflow(try checkSize(path, size))
            total = overflow ? Int.max : sum
            sizes.append(size)
            if total > maxDocumentPixels {
                throw .documentTooLarge(
                    path: path, pages: Int(count), pixels: total, limit: maxDocumentPixels)
            }
        }
        return sizes
    }

    /// Decodes PNG or JPEG bytes whose header has been checked; nil when the data is damaged.
    func decodeSingle(_ data: Data, format: Format, size: PixelSize) -> UnsafeMutablePointer<PIX>? {
        data.withUnsafeBytes { raw -> UnsafeMutablePointer<PIX>? in
            guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var kind: Int32 = 0
            var width: Int32 = 0
            var height: Int32 = 0
            var bps: Int32 = 0
            var spp: Int32 = 0
            var colormap: Int32 = 0
            // Leptonica's own reading of the header must agree with the one checked.
            guard pixReadHeaderMem(bytes, data.count, &kind, &width, &height, &bps, &spp, &colormap) == 0,
                Int(width) == size.width, Int(height) == size.height
            else { return nil }
            let decoded =
                format == .jpeg ? decodeJPEG(bytes, count: data.count) : pixReadMem(bytes, data.count)
            guard let pix = decoded else { return nil }
            guard Int(pixGetWidth(pix)) == size.width, Int(pixGetHeight(pix)) == size.height else {
                var destroyed: UnsafeMutablePointer<PIX>? = pix
                pixDestroy(&destroyed)
                return nil
            }
            return pix
        }
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

    /// The page with its resolution: the file's when plausible, else the assumed one.
    func page(_ image: Image, index: Int) -> LoadedPage {
        let stored = image.resolution
        // Scanners write 72 or 96 when they mean "unknown"; treat anything implausible as absent.
        let plausible = (100...1200).contains(stored)
        let dpi = plausible ? stored : assumedDPI
        if !plausible { image.setResolution(dpi) }
        return LoadedPage(image: image, index: index, dpi: dpi, dpiWasAssumed: !plausible)
    }
}

/// A scan file opened by `PageLoader.open(_:)`: its pages counted and their declared sizes checked
/// against the loader's limits, none decoded yet.
///
/// `load(page:)` decodes one page each time it is called, and nothing is cached: a caller that lets
/// each page go before loading the next holds one decoded page at a time. Not thread-safe (it owns
/// the PDF's render clock); use it from the thread that opened it.
public final class ScanDocument {
    enum Source {
        case encoded(Data, PageLoader.Format)
        case tiff(Data)
        case pdf(PrivateCopy, RenderClock)
    }

    /// The file, as given.
    public let url: URL
    /// The file's path as errors name it.
    public let path: String
    /// Each page's size in pixels as declared by the file (for a PDF, at the render resolution).
    public let pageSizes: [PixelSize]
    /// All pages' pixels together, within the loader's `maxDocumentPixels`.
    public let totalPixels: Int
    let format: PageLoader.Format
    let loader: PageLoader
    let source: Source

    init(
        url: URL, path: String, format: PageLoader.Format, pageSizes: [PixelSize], totalPixels: Int,
        loader: PageLoader, source: Source
    ) {
        self.url = url
        self.path = path
        self.format = format
        self.pageSizes = pageSizes
        self.totalPixels = totalPixels
        self.loader = loader
        self.source = source
    }

    /// The number of pages.
    public var pageCount: Int { pageSizes.count }

    /// Decodes page `index` (from 0). The decoded page must have the size its header declared; a
    /// page that decodes to anything else, or not at all, is refused as damaged.
    public func load(page index: Int) throws(ImageLoadError) -> LoadedPage {
        guard pageSizes.indices.contains(index) else {
            throw .pageMissing(path: path, page: index + 1, pages: pageCount)
        }
        let size = pageSizes[index]
        switch source {
        case .encoded(let data, let format):
            guard let pix = loader.decodeSingle(data, format: format, size: size) else {
                throw .damaged(path: path, format: format.rawValue)
            }
            return loader.page(Image(owning: pix), index: index)
        case .tiff(let data):
            let pix = data.withUnsafeBytes { raw in
                pixReadMemTiff(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, Int32(index))
            }
            guard let pix else {
                throw .damaged(path: path, format: "TIFF")
            }
            let image = Image(owning: pix)
            guard image.width == size.width, image.height == size.height else {
                throw .damaged(path: path, format: "TIFF")
            }
            return loader.page(image, index: index)
        case .pdf(let copy, let clock):
            let dpi = loader.assumedDPI
            let png = try loader.pdfRenderer.renderPage(
                copy.url, path: path, page: index + 1, dpi: dpi, size: size, clock: clock)
            // The render is cropped to `size`; it may come out a pixel or two smaller, never larger.
            guard let declared = ImageStructure.declaredSize(png, format: .png),
                declared.width <= size.width, declared.height <= size.height,
                let pix = loader.decodeSingle(
                    png, format: .png, size: PixelSize(width: declared.width, height: declared.height))
            else {
                throw .pdfFailed(path: path, reason: "page \(index + 1) did not render")
            }
            let image = Image(owning: pix)
            image.setResolution(dpi)
            return LoadedPage(image: image, index: index, dpi: dpi, dpiWasAssumed: false)
        }
    }
}
