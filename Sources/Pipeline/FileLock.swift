import Foundation

/// An exclusive advisory lock on a file (flock), held until `unlock()`.
struct FileLock {
    private let descriptor: Int32

    init(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        descriptor = open(url.path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw BatchError.outputNotWritable(url.path, String(cString: strerror(errno)))
        }
        flock(descriptor, LOCK_EX)
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
