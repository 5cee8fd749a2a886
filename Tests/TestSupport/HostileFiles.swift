import Foundation

/// Hostile scan files made in the test from small byte manipulations, so none has to be committed.
public enum HostileFiles {
    /// A fresh temporary folder for one test's files.
    public static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rpa-hostile-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: PNG

    /// The PNG with its IHDR width and height replaced, the chunk's CRC recomputed so that only the
    /// declared size is wrong.
    public static func png(_ data: Data, width: UInt32, height: UInt32) -> Data {
        var bytes = [UInt8](data)
        // Signature (8), IHDR length (4) and type (4), then width and height.
        bytes.replaceSubrange(16..<20, with: bigEndian(width))
        bytes.replaceSubrange(20..<24, with: bigEndian(height))
        let crc = crc32(bytes[12..<29])
        bytes.replaceSubrange(29..<33, with: bigEndian(crc))
        return Data(bytes)
    }

    // MARK: JPEG

    /// The JPEG with its frame header's width and height replaced.
    public static func jpeg(_ data: Data, width: UInt16, height: UInt16) -> Data? {
        var bytes = [UInt8](data)
        var offset = 2
        while offset + 9 < bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                bytes.replaceSubrange(
                    (offset + 5)..<(offset + 7), with: [UInt8(height >> 8), UInt8(height & 0xFF)])
                bytes.replaceSubrange(
                    (offset + 7)..<(offset + 9), with: [UInt8(width >> 8), UInt8(width & 0xFF)])
                return Data(bytes)
            }
            offset += 2 + length
        }
        return nil
    }

    // MARK: TIFF

    public struct TIFFPage {
        public var width: UInt32
        public var height: UInt32
        public var bitsPerSample: UInt16 = 8
        /// 1 none, 8 deflate.
        public var compression: UInt16 = 1
        public var strip: [UInt8]
        /// Where the strip is said to be; nil for where it really is.
        public var stripOffset: UInt32? = nil

        public init(
            width: UInt32, height: UInt32, bitsPerSample: UInt16 = 8, compression: UInt16 = 1, strip: [UInt8],
            stripOffset: UInt32? = nil
        ) {
            self.width = width
            self.height = height
            self.bitsPerSample = bitsPerSample
            self.compression = compression
            self.strip = strip
            self.stripOffset = stripOffset
        }
    }

    /// A little-endian TIFF of one strip per page. `firstIFD` overrides where the first directory is
    /// said to be; `loop` makes the last directory point back at the first.
    public static func tiff(_ pages: [TIFFPage], firstIFD: UInt32? = nil, loop: Bool = false) -> Data {
        var out: [UInt8] = [0x49, 0x49, 42, 0, 0, 0, 0, 0]
        var stripOffsets: [UInt32] = []
        for page in pages {
            stripOffsets.append(UInt32(out.count))
            out += page.strip
            if out.count % 2 == 1 { out.append(0) }
        }
        var ifdOffsets: [Int] = []
        for (index, page) in pages.enumerated() {
            ifdOffsets.append(out.count)
            let entries: [(UInt16, UInt16, UInt32)] = [
                (256, 4, page.width), (257, 4, page.height), (258, 3, UInt32(page.bitsPerSample)),
                (259, 3, UInt32(page.compression)), (262, 3, 1),
                (273, 4, page.stripOffset ?? stripOffsets[index]), (277, 3, 1), (278, 4, page.height),
                (279, 4, UInt32(page.strip.count)),
            ]
            out += littleEndian(UInt16(entries.count))
            for (tag, type, value) in entries {
                out += littleEndian(tag) + littleEndian(type) + littleEndian(UInt32(1))
                out += type == 3 ? littleEndian(UInt16(value)) + [0, 0] : littleEndian(value)
            }
            out += [0, 0, 0, 0]  // next directory, patched below
        }
        for (index, offset) in ifdOffsets.enumerated() {
            let nextField = offset + 2 + 9 * 12
            let next: UInt32 =
                index + 1 < ifdOffsets.count
                ? UInt32(ifdOffsets[index + 1]) : (loop ? UInt32(ifdOffsets[0]) : 0)
            out.replaceSubrange(nextField..<(nextField + 4), with: littleEndian(next))
        }
        let first = firstIFD ?? UInt32(ifdOffsets.first ?? 0)
        out.replaceSubrange(4..<8, with: littleEndian(first))
        return Data(out)
    }

    // MARK: PDF

    /// A PDF of `pages` blank pages with the given MediaBox width and height (written as given, so
    /// "1e14" and "100000000000000" are both possible), with a correct cross-reference table unless
    /// `badXref`.
    public static func pdf(
        pages: Int, width: String, height: String, badXref: Bool = false, extra: String = ""
    )
        -> Data
    {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        for _ in 0..<pages {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] \(extra)>>")
        }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            out += String(format: "%010d 00000 n \n", badXref ? offset * 7 + 13 : offset)
        }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n"
        out += "\(badXref ? xref * 3 : xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    // MARK: Bytes

    public static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    public static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

    public static func littleEndian(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    /// The CRC-32 PNG chunks carry.
    public static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// The process's peak resident memory so far, in bytes (VmHWM), or nil off Linux.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return nil
        }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
