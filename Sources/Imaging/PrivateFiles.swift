import FileNodes
import Foundation

/// Files that may hold personal data (outputs, run state, review items, crops): created 0600 in
/// folders made 0700, whatever the umask, and written atomically (a hidden temporary file in the
/// same folder, flushed, then renamed over the target), so a reader never sees half a file.
///
/// Every file rpa writes at a path goes through ``write(_:to:durable:)``, which replaces only what
/// is rpa's to replace: a missing file is created; a regular file is replaced only when it belongs
/// to the effective user; a symbolic link is followed and the file it leads to replaced under the
/// same rules (in that file's own folder); a device, pipe, socket or folder is refused without being
/// opened. Nothing rpa did not create is ever chmod-ed or chown-ed.
package enum PrivateFiles {
    /// Prefix of the temporary files; a run removes those a killed process left (``removeLeftovers(in:)``).
    package static let temporaryPrefix = ".rpa-tmp-"

    /// Creates `url` and any missing parent folders, each 0700; folders already there (or links to
    /// them) are used as they are, and anything else in the way is refused.
    package static func makeFolder(_ url: URL) throws {
        let path = url.standardizedFileURL.path
        var info = stat()
        if stat(path, &info) == 0 {
            guard FileNode(mode: info.st_mode) == .folder else {
                throw TargetRefusal.notAFolder(path: path, node: FileNode(mode: info.st_mode))
            }
            return
        }
        // ENOTDIR: a file further up is in the way, and the parent's turn names it.
        guard errno == ENOENT || errno == ENOTDIR else {
            throw FileFault(errno: errno, path: path, action: "reach")
        }
        let parent = url.standardizedFileURL.deletingLastPathComponent()
        if parent.path != path { try makeFolder(parent) }
        guard mkdir(path, 0o700) == 0 else {
            if errno == EEXIST { return try makeFolder(url) }  // made by another process meanwhile
            throw FileFault(errno: errno, path: path, action: "create")
        }
        // The umask may have taken bits away; this folder is ours, just made.
        chmod(path, 0o700)
    }

    /// The file a write to `path` replaces: `path` itself when nothing is there or it is a regular
    /// file of this user's, the file a link leads to under the same rules; anything else refused.
    private static func target(of path: String) throws -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw FileFault(errno: errno, path: path, action: "reach") }
            return path
        }
        var target = path
        var named = path
        if FileNode(mode: info.st_mode) == .link {
            guard let resolved = FileNode.resolved(path) else {
                guard errno == ENOENT else { throw FileFault(errno: errno, path: path, action: "follow") }
                throw TargetRefusal.linkToNothing(path: path)
            }
            target = resolved
            named = "\(path) (a link to \(resolved))"
            guard stat(target, &info) == 0 else {
                throw FileFault(errno: errno, path: named, action: "reach")
            }
        }
        let node = FileNode(mode: info.st_mode)
        guard node == .regular else { throw TargetRefusal.notAFile(path: named, node: node) }
        guard info.st_uid == geteuid() else { throw TargetRefusal.anotherUsers(path: named) }
        return target
    }

    /// Writes `data` to `url` as a 0600 file, atomically; flushed to disk before the rename unless
    /// `durable` is false (a review crop: losing one to a power cut costs nothing but the picture).
    package static func write(_ data: Data, to url: URL, durable: Bool = true) throws {
        let path = try target(of: url.path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try makeFolder(folder)
        let temporary = folder.appendingPathComponent(temporaryPrefix + UUID().uuidString)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileFault(errno: errno, path: url.path, action: "create") }
        var failure = writeAll(data, to: descriptor).map {
            FileFault(errno: $0, path: url.path, action: "write")
        }
        if failure == nil && durable && fsync(descriptor) != 0 {
            failure = FileFault(errno: errno, path: url.path, action: "write")
        }
        close(descriptor)
        if failure == nil && rename(temporary.path, path) != 0 {
            failure = FileFault(errno: errno, path: url.path, action: "replace")
        }
        if let failure {
            unlink(temporary.path)
            throw failure
        }
    }

    /// Appends `data` to the file at `url` under the same rules as ``write(_:to:durable:)``,
    /// creating it 0600 when missing (a calibration dump that grows run after run).
    package static func append(_ data: Data, to url: URL) throws {
        let path = try target(of: url.path)
        try makeFolder(URL(fileURLWithPath: path).deletingLastPathComponent())
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileFault(errno: errno, path: url.path, action: "open") }
        defer { close(descriptor) }
        if let code = writeAll(data, to: descriptor) {
            throw FileFault(errno: code, path: url.path, action: "write")
        }
    }

    /// Writes all of `data` to `descriptor`; the `errno` of a failure, nil when all was written.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
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
    /// A read-only place is a choice of where to write (73), like a permission.
    public var isIOFault: Bool { code == ENOSPC || code == EDQUOT || code == EIO }

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

/// A path rpa will not write: not its own to replace, or not the kind of thing asked for.
public enum TargetRefusal: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file was asked for, and `path` is a device, pipe, socket or folder: never opened.
    case notAFile(path: String, node: FileNode)
    /// A folder was asked for, and `path` is something else.
    case notAFolder(path: String, node: FileNode)
    /// A regular file that belongs to another user.
    case anotherUsers(path: String)
    /// A symbolic link whose target does not exist.
    case linkToNothing(path: String)

    public var description: String {
        switch self {
        case .notAFile(let path, let node):
            return "\(path) is \(node.words); choose a regular file"
        case .notAFolder(let path, let node):
            return
                "\(path) is not a folder (it is \(node.words)); choose a folder, or a path that does not exist yet"
        case .anotherUsers(let path):
            return "\(path) belongs to another user and is left alone; choose a path of your own"
        case .linkToNothing(let path):
            return "\(path) is a symbolic link to a file that does not exist; create that file, or choose "
                + "another path"
        }
    }
}
