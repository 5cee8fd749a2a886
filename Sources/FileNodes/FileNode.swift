#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path names, as the file system says. rpa reads and replaces only regular files: a device,
/// a pipe, a socket or a folder given where a file belongs is refused before it is opened (opening
/// a pipe waits for a writer; replacing a device breaks every program that uses it).
public enum FileNode: Sendable, Equatable {
    case regular, folder, link, device, pipe, socket

    /// The kind in a file's `st_mode`.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .link
        case S_IFIFO: self = .pipe
        case S_IFSOCK: self = .socket
        default: self = .device
        }
    }

    /// The kind in words, for a message: "a device", "a pipe".
    public var words: String {
        switch self {
        case .regular: return "a regular file"
        case .folder: return "a folder"
        case .link: return "a symbolic link"
        case .device: return "a device"
        case .pipe: return "a pipe"
        case .socket: return "a socket"
        }
    }

    /// The absolute path `path` leads to with every link followed (`realpath`), or nil with `errno`
    /// set (ENOENT for a link to nothing).
    public static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Opens `path` for reading only if it is a regular file, and returns the descriptor (the
    /// caller closes it). Anything else is refused before it is opened; a final link is not
    /// followed (resolve first), a pipe is never waited on, and the kind is checked again on the
    /// open descriptor, so nothing can be swapped in between.
    public static func openRegularFile(_ path: String) throws(Refusal) -> Int32 {
        var info = stat()
        if lstat(path, &info) == 0, FileNode(mode: info.st_mode) != .regular {
            throw .notAFile(FileNode(mode: info.st_mode))
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .failed(errno: errno) }
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .failed(errno: code)
        }
        guard FileNode(mode: info.st_mode) == .regular else {
            close(descriptor)
            throw .notAFile(FileNode(mode: info.st_mode))
        }
        return descriptor
    }

    /// Why ``openRegularFile(_:)`` refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// Something other than a regular file is there.
        case notAFile(FileNode)
        /// The open failed (`errno`: ENOENT, EACCES…).
        case failed(errno: Int32)
    }
}
