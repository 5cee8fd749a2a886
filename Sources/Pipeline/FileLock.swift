import Foundation
import Imaging

/// An exclusive advisory lock on a file (flock), held until `unlock()`.
struct FileLock {
    private let descriptor: Int32

    init(_ url: URL) throws {
        try PrivateFiles.makeFolder(url.deletingLastPathComponent())
        descriptor = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw BatchError.outputNotWritable(url.path, String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
