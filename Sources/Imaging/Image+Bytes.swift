import CLeptonica
import Foundation

extension Image {
    /// The pixels of an 8-bit gray image, row after row with no padding, for libraries that take a
    /// plain buffer (ZBar); other depths are converted to gray first.
    public func grayBytes() throws -> [UInt8] {
        let gray = depth == 8 ? self : try grayscale()
        let width = gray.width
        let height = gray.height
        guard let data = pixGetData(gray.pix) else { return [] }
        let wordsPerLine = Int(pixGetWpl(gray.pix))
        var bytes = [UInt8](repeating: 0, count: width * height)
        bytes.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = UnsafeRawPointer(data + y * wordsPerLine)
                for x in 0..<width {
                    // Leptonica keeps each 32-bit word's first pixel in its most significant byte.
                    let word = row.load(fromByteOffset: (x / 4) * 4, as: UInt32.self)
                    out[y * width + x] = UInt8(truncatingIfNeeded: word >> (24 - 8 * (x % 4)))
                }
            }
        }
        return bytes
    }
}
