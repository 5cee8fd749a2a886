import CLeptonica
import Foundation

extension Image {
    /// The pixels as 8-bit gray, row after row with no padding, for libraries that take a plain buffer
    /// (ZBar); other depths are converted to gray first. Leptonica's own raster export does the packing.
    public func grayBytes() throws -> [UInt8] {
        let gray = depth == 8 ? self : try grayscale()
        var data: UnsafeMutablePointer<UInt8>?
        var count = 0
        guard pixGetRasterData(gray.pix, &data, &count) == 0, let data else {
            throw ImagingError.operationFailed("the zone's pixels could not be read")
        }
        defer { lept_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: count))
    }
}
