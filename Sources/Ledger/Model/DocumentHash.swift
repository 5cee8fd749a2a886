import Crypto
import Foundation

/// SHA-256 digests as the ledger stores them: 64 lowercase hexadecimal characters.
///
/// The ledger identifies a document only by the hash of its content, so no file name
/// or field value (personal data) ever enters it.
public enum DocumentHash {
    /// The SHA-256 of `data` as lowercase hex: what callers pass as a document hash.
    public static func sha256(of data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The SHA-256 of a UTF-8 string as lowercase hex (used for the ledger's own hash chain).
    public static func sha256(text: String) -> String {
        sha256(of: Data(text.utf8))
    }

    /// Checks that `value` is a SHA-256 hex digest and returns it in lowercase.
    public static func normalized(_ value: String) throws(LedgerError) -> String {
        let lower = value.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy(isHexDigit) else {
            throw .invalidDocumentHash(value)
        }
        return lower
    }

    /// The hash that stands before the first row of every chain.
    static let genesis = String(repeating: "0", count: 64)

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
