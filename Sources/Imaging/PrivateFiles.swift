import Foundation

/// Files that may hold personal data (outputs, run state, review items, crops): created 0600 in
/// folders made 0700, whatever the umask, and written atomically (a hidden temporary file in the
/// same folder, flushed, then renamed over the target), so a reader never sees half a file.
package enum PrivateFiles {
    /// Prefix of the temporary files; a run removes those a killed process left (``removeLeftovers(in:)``).
    package static let temporaryPrefix = ".rpa-tmp-"

    /// Creates `url` and any missing parent folders, each 0700.
    package static func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Writes `data` to `url` as a 0600 file, atomically; flushed to disk before the rename unless
    /// `durable` is false (a review crop: losing one to a power cut costs nothing but the picture).
    package static func write(_ data: Data, to url: URL, durable: Bool = true) throws {
        let folder = url.deletingLastPathComponent()
        try makeFolder(folder)
        let temporary = folder.appendingPathComponent(temporaryPrefix + UUID().uuidString)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileFault(errno: errno, path: url.path, action: "create") }
        var failure: FileFault?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FileFault(errno: errno, path: url.path, action: "write")
                    return
                }
                offset += written
            }
        }
        if failure == nil && durable && fsync(descriptor) != 0 {
            failure = FileFault(errno: errno, path: url.path, action: "write")
        }
        close(descriptor)
        if failure == nil && rename(temporary.path, url.path) != 0 {
            failure = FileFault(errno: errno, path: url.path, action: "replace")
        }
        if let failure {
            unlink(temporary.path)
            throw failure
        }
    }

    /// Removes temporary files a killed process left in `folder` (older than a minute, so that a
    /// write in progress in another process is left alone).
    package static func removeLeftovers(in folder: URL) {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        let cutoff = Date().addingTimeInterval(-60)
        for name in names where name.hasPrefix(temporaryPrefix) || name.hasPrefix(".dat.nosync") {
            let url = folder.appendingPathComponent(name)
            let modified = (try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
            if (modified ?? .distantPast) < cutoff { try? manager.removeItem(at: url) }
        }
    }
}

/// A file system call that failed: what, where, and why in words (disk full, permission denied).
public struct FileFault: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let path: String
    public let action: String

    package init(errno code: Int32, path: String, action: String) {
        self.code = code
        self.path = path
        self.action = action
    }

    /// True when the disk or quota is full, or the device failed: an I/O fault, not a setting.
    public var isIOFault: Bool { code == ENOSPC || code == EDQUOT || code == EIO || code == EROFS }

    /// The cause in words (`No space left on device`).
    public var reason: String { String(cString: strerror(code)) }

    public var description: String {
        let why = reason
        let next: String
        switch code {
        case ENOSPC, EDQUOT: next = "free some space and run again; nothing was half-written"
        case EACCES, EPERM, EROFS:
            next = "make the folder writable for this user, or choose another with --output"
        default: next = "check the disk and run again"
        }
        return "\(path): cannot \(action) (\(why)); \(next)"
    }
}
