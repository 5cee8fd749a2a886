import Foundation

/// Cheap structural checks on encoded images, run before a decoder sees the bytes.
///
/// A truncated PNG or JPEG makes libpng and libjpeg print to stderr and, for JPEG, may yield a
/// half-grey page; checking that the file is whole first turns both into one clear error.
enum ImageStructure {
    enum Kind { case png, jpeg }

    /// True when the PNG's chunks are all present up to `IEND`, and each critical chunk (IHDR, PLTE,
    /// IDAT, IEND) has the CRC it carries: a damaged chunk is refused here instead of reaching libpng,
    /// which would print its own message to stderr.
    static func isCompletePNG(_ data: Data) -> Bool {
        // Read in place: a copy of a large file would double what it costs in memory.
        data.withUnsafeBytes { isCompletePNG($0) }
    }

    private static func isCompletePNG(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 8
        while offset + 12 <= bytes.count {
            let length =
                Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
            let next = offset + 12 + length
            guard length >= 0, next <= bytes.count else { return false }
            // Critical chunks have an upper-case first letter (bit 5 clear).
            if bytes[offset + 4] & 0x20 == 0 {
                let stored =
                    UInt32(bytes[next - 4]) << 24 | UInt32(bytes[next - 3]) << 16 | UInt32(bytes[next - 2])
                    << 8
                    | UInt32(bytes[next - 1])
                guard crc32(UnsafeRawBufferPointer(rebasing: bytes[(offset + 4)..<(next - 4)])) == stored
                else {
                    return false
                }
            }
            if Array(bytes[(offset + 4)..<(offset + 8)]) == Array("IEND".utf8) { return true }
            offset = next
        }
        return false
    }

    /// The CRC-32 (ISO 3309, as PNG uses) of `bytes`.
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    /// True when the JPEG ends with its end-of-image marker (trailing padding allowed).
    static func isCompleteJPEG(_ data: Data) -> Bool {
        var end = data.count
        let start = data.startIndex
        while end > 2 && data[start + end - 1] == 0 { end -= 1 }
        return end >= 4 && data[start + end - 2] == 0xFF && data[start + end - 1] == 0xD9
    }

    /// The width and height a PNG or JPEG header declares, without decoding.
    static func declaredSize(_ data: Data, format: Kind) -> (width: Int, height: Int)? {
        data.withUnsafeBytes { declaredSize($0, format: format) }
    }

    private static func declaredSize(_ bytes: UnsafeRawBufferPointer, format: Kind) -> (
        width: Int, height: Int
    )? {
        func big(_ at: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { $0 << 8 | Int(bytes[at + $1]) }
        }
        switch format {
        case .png:
            guard bytes.count >= 24 else { return nil }
            return (big(16, 4), big(20, 4))
        case .jpeg:
            var offset = 2
            while offset + 9 < bytes.count, bytes[offset] == 0xFF {
                // Any number of 0xFF fill bytes may come before a marker.
                if bytes[offset + 1] == 0xFF {
                    offset += 1
                    continue
                }
                let marker = bytes[offset + 1]
                let length = big(offset + 2, 2)
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return (big(offset + 7, 2), big(offset + 5, 2))
                }
                offset += 2 + length
            }
            return nil
        }
    }
}
