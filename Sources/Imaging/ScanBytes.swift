import Foundation

/// A scan's bytes, read once through one descriptor: what is hashed and what is decoded are the same
/// bytes, even when the file is replaced while it is read (a scanner's folder, a sync tool).
public struct ScanBytes: Sendable {
    /// The file, as given.
    public let url: URL
    /// The file's path as errors name it.
    public let path: String
    /// The whole file as it was read.
    public let bytes: Data

    /// Reads the file at `url`, which must be a regular file of 1 to `limit` bytes: opened without
    /// blocking (a pipe swapped in since the file was listed never hangs), checked with `fstat` on
    /// the same descriptor, and never read past `limit` (the file may grow while it is read).
    public static func read(_ url: URL, limit: Int) throws(ImageLoadError) -> ScanBytes {
        let path = url.relativePath
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(path: path, reason: "not a regular file")
        }
        let declared = Int(info.st_size)
        if declared == 0 { throw .emptyFile(path: path) }
        if declared > limit { throw .fileTooLarge(path: path, bytes: declared, limit: limit) }
        var bytes = Data(count: declared)
        var total = 0
        while true {
            // One byte past the size seen, so that a file grown since `fstat` is noticed.
            if total == bytes.count { bytes.count = min(limit + 1, max(bytes.count * 2, total + 1)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress?.advanced(by: total), buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
            if total > limit { throw .fileTooLarge(path: path, bytes: total, limit: limit) }
        }
        if total == 0 { throw .emptyFile(path: path) }
        bytes.count = total
        return ScanBytes(url: url, path: path, bytes: bytes)
    }
}
