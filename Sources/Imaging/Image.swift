import CLeptonica
import Foundation

/// A raster image owned by Swift: one reference to a Leptonica `PIX`.
///
/// Images are not `Sendable`: each belongs to the thread (worker) that made it, which matches how
/// Leptonica and Tesseract are used here, one page per worker at a time.
public final class Image {
    /// The underlying Leptonica image. Treated as opaque, so the code survives Leptonica 1.83+.
    public let pix: UnsafeMutablePointer<PIX>

    /// Takes ownership of a `PIX` reference; it is destroyed when the image is released.
    public init(owning pix: UnsafeMutablePointer<PIX>) {
        self.pix = pix
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }

    /// Width in pixels.
    public var width: Int { Int(pixGetWidth(pix)) }
    /// Height in pixels.
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Bits per pixel: 1 (black and white), 8 (gray) or 32 (colour).
    public var depth: Int { Int(pixGetDepth(pix)) }
    /// Horizontal resolution in dots per inch as stored in the file, or 0 when the file did not say.
    public var resolution: Int { Int(pixGetXRes(pix)) }

    /// Records the resolution (both axes), which Tesseract needs to judge text size.
    public func setResolution(_ dpi: Int) {
        pixSetResolution(pix, Int32(dpi), Int32(dpi))
    }

    /// The whole image as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// A new image holding a copy of the pixels.
    public func copy() throws -> Image {
        try Image.wrap(pixCopy(nil, pix), "copy")
    }

    /// Wraps a freshly made `PIX`, or throws when Leptonica returned nothing.
    static func wrap(_ pointer: UnsafeMutablePointer<PIX>?, _ operation: String) throws -> Image {
        guard let pointer else { throw ImagingError.operationFailed(operation) }
        return Image(owning: pointer)
    }

    /// Encodes the image as PNG bytes (for review crops and previews).
    public func pngData() throws -> Data {
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemPng(&bytes, &size, pix, 0) == 0, let bytes else {
            throw ImagingError.operationFailed("PNG encoding")
        }
        defer { free(bytes) }
        return Data(bytes: bytes, count: size)
    }

    /// Writes the image as a PNG file, atomically and readable by its owner only (mode 0600): a
    /// scan, a preview or a zone crop shows personal data.
    public func writePNG(to url: URL) throws {
        try PrivateFiles.write(pngData(), to: url)
    }
}

/// Failures of an image operation after loading (rare: out of memory, impossible geometry).
public enum ImagingError: Error, CustomStringConvertible, Equatable {
    /// Leptonica could not perform the named operation.
    case operationFailed(String)

    public var description: String {
        switch self {
        case .operationFailed(let operation):
            return "image operation failed: \(operation) (the page may be too large or damaged)"
        }
    }
}
