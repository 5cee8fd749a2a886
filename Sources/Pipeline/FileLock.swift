import Foundation
import Imaging

/// An exclusive advisory lock on a file (flock), held until `unlock()` or the process ends (even by
/// kill -9: the kernel releases it with the descriptor).
struct FileLock {
    private let descriptor: Int32

    /// Waits for the lock.
    init(_ url: URL) throws {
        descriptor = try Self.open(url)
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    private init(holding descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The lock if nobody holds it now, with this process's id written in the file for those it
    /// turns away (``holder(of:)``) when `markingHolder`; nil when another open file holds it.
    static func attempt(_ url: URL, markingHolder: Bool = true) throws -> FileLock? {
        let descriptor = try open(url)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        let pid = Array("\(getpid())\n".utf8)
        if markingHolder, ftruncate(descriptor, 0) == 0 { _ = pwrite(descriptor, pid, pid.count, 0) }
        return FileLock(holding: descriptor)
    }

    /// The process id ``attempt(_:)`` wrote in the lock file, if any.
    static func holder(of url: URL) -> Int32? {
        FileManager.default.contents(atPath: url.path).flatMap {
            Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    private static func open(_ url: URL) throws -> Int32 {
        try PrivateFiles.makeFolder(url.deletingLastPathComponent())
        let descriptor = Foundation.open(url.path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw BatchError.outputNotWritable(url.path, String(cString: strerror(errno)))
        }
        return descriptor
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
