import Crypto
import Foundation
import Imaging

/// SHA-256 of a file's content, read in chunks: a document's identity however it is named.
public enum DocumentHasher {
    /// Hashes `url`, which must still be the regular file of at most `limit` bytes it was listed as:
    /// opened without blocking (a pipe swapped in since the listing never hangs), checked with
    /// `fstat`, and never read past `limit`.
    public static func sha256(of url: URL, limit: Int = FileDiscovery.maxFileBytes) throws -> String {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileFault(errno: errno, path: url.lastPathComponent, action: "open")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= limit else {
            throw FileFault(errno: EINVAL, path: url.lastPathComponent, action: "read a regular scan file")
        }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileFault(errno: errno, path: url.lastPathComponent, action: "read")
            }
            if count == 0 { break }
            total += count
            guard total <= limit else {
                throw FileFault(errno: EFBIG, path: url.lastPathComponent, action: "read")
            }
            hasher.update(data: buffer[..<count])
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
