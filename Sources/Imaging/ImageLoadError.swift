import Foundation

/// Why a scan could not be loaded. Each case names the file and says what to do next; none carries
/// page content, so these messages are safe to log.
public enum ImageLoadError: Error, CustomStringConvertible, Equatable, Sendable {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    case notAnImage(path: String)
    case tooManyPixels(path: String, width: Int, height: Int, limit: Int)
    case tooManyPages(path: String, pages: Int, limit: Int)
    /// All pages together declare more pixels than one document may hold.
    case documentTooLarge(path: String, pages: Int, pixels: Int, limit: Int)
    /// A page number past the end of the file was asked for (numbered from 1).
    case pageMissing(path: String, page: Int, pages: Int)
    case damaged(path: String, format: String)
    case pdfRendererMissing(path: String)
    case pdfFailed(path: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .notFound(let path), .unreadable(let path, _), .emptyFile(let path),
            .fileTooLarge(let path, _, _), .notAnImage(let path), .tooManyPixels(let path, _, _, _),
            .tooManyPages(let path, _, _), .documentTooLarge(let path, _, _, _), .pageMissing(let path, _, _),
            .damaged(let path, _), .pdfRendererMissing(let path),
            .pdfFailed(let path, _):
            return path
        }
    }

    /// The reason alone, without the file name.
    public var reason: String {
        switch self {
        case .notFound:
            return "no such file"
        case .unreadable(_, let reason):
            return "cannot be read (\(reason)); check its permissions"
        case .emptyFile:
            return "the file is empty (0 bytes); scan the page again"
        case .fileTooLarge(_, let bytes, let limit):
            return "the file is \(bytes) bytes, over the limit of \(limit); split or rescan it"
        case .notAnImage:
            return "not a PNG, JPEG, TIFF or PDF file; remove it from the scan folder"
        case .tooManyPixels(_, let width, let height, let limit):
            return
                "the image is \(width)×\(height) pixels, over the limit of \(limit) pixels; rescan at 300 dpi"
        case .tooManyPages(_, let pages, let limit):
            return "the file has \(pages) pages, over the limit of \(limit); split it"
        case .documentTooLarge(_, let pages, let pixels, let limit):
            return
                "its \(pages) page(s) declare at least \(pixels) pixels together, over the limit of \(limit) for one document; split it or rescan at 300 dpi"
        case .pageMissing(_, let page, let pages):
            return "the file has \(pages) page(s); page \(page) does not exist"
        case .damaged(_, let format):
            return "the \(format) data is truncated or damaged; scan the page again"
        case .pdfRendererMissing:
            return "PDF pages need poppler's pdftoppm: run `sudo apt-get install poppler-utils`"
        case .pdfFailed(_, let reason):
            return "the PDF could not be rendered (\(reason)); export it again or scan the paper"
        }
    }

    public var description: String { "\(path): \(reason)" }
}
