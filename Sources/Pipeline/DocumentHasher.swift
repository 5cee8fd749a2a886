import Crypto
import Foundation
import Imaging

/// SHA-256 of a scan's bytes: a document's identity however it is named.
public enum DocumentHasher {
    /// The hash of bytes read once (``ScanBytes``): a reader hashes exactly the bytes it decodes.
    public static func sha256(of bytes: Data) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads `url`, which must still be the regular file of at most `limit` bytes it was listed as,
    /// and hashes it.
    public static func sha256(of url: URL, limit: Int = FileDiscovery.maxFileBytes) throws(ImageLoadError)
        -> String
    {
        sha256(of: try ScanBytes.read(url, limit: limit).bytes)
    }
}
