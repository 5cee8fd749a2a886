import CZBar
import Foundation
import Imaging

/// Decodes the QR codes in a zone with ZBar, in-process: forms printed by online application systems
/// carry their data this way, and a decoded code is exact where OCR is a guess.
public struct QRCodeReader: Sendable {
    public init() {}

    /// The payload of each QR code found in `image` (any depth), as raw bytes (ZBar is told not to
    /// guess a text encoding); empty when none could be decoded (no code, or one too damaged).
    public func decode(_ image: Image) throws -> [Data] {
        let width = image.width
        let height = image.height
        let pixels = try image.grayBytes()
        guard width > 0, height > 0, pixels.count == width * height,
            let scanner = zbar_image_scanner_create()
        else { return [] }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
        guard let zimage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zimage) }
        // "Y800": one byte of gray per pixel.
        let y800 = UInt(0x59) | UInt(0x38) << 8 | UInt(0x30) << 16 | UInt(0x30) << 24
        zbar_image_set_format(zimage, y800)
        zbar_image_set_size(zimage, UInt32(width), UInt32(height))
        return pixels.withUnsafeBytes { buffer -> [Data] in
            // No clean-up handler: the buffer is Swift's and outlives the scan.
            zbar_image_set_data(zimage, buffer.baseAddress, UInt(buffer.count), nil)
            guard zbar_scan_image(scanner, zimage) > 0 else { return [] }
            var payloads: [Data] = []
            var symbol = zbar_image_first_symbol(zimage)
            while let current = symbol {
                if zbar_symbol_get_type(current) == ZBAR_QRCODE, let bytes = zbar_symbol_get_data(current) {
                    payloads.append(Data(bytes: bytes, count: Int(zbar_symbol_get_data_length(current))))
                }
                symbol = zbar_symbol_next(current)
            }
            // The buffer is about to go: ZBar must not keep a pointer to it.
            zbar_image_set_data(zimage, nil, 0, nil)
            return payloads
        }
    }
}
