import Foundation

/// One scan found in a folder, checked before a byte of it was read.
public struct ScanFile: Sendable, Equatable {
    /// Where it is read from (for a link, the link; its content is the target's).
    public var url: URL
    /// Its name relative to the scanned folder, as summaries and the outputs show it.
    public var file: String
    /// Its size in bytes, from `lstat`/`stat` before opening.
    public var size: Int
    /// Device and inode of the content, so a link and its target are one document.
    var identity: FileIdentity
}

/// Device and inode: the same file however it is reached.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Finds the scans in a folder safely: names listed without following links out of the folder,
/// `lstat` first, anything that is not a regular file refused with one line (pipes, devices,
/// sockets), sizes checked before reading, and a link to a scan in the folder read once, as its
/// target. Hidden files are left out.
public enum FileDiscovery {
    public static let extensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff", "pdf"]
    /// The largest scan file accepted; checked from `lstat` before the file is opened.
    public static let maxFileBytes = 256 * 1024 * 1024

    /// What a folder holds, sorted by path.
    public struct Listing: Sendable {
        /// Scans to read.
        public var scans: [ScanFile] = []
        /// Files passed over: not scans, or links read as their target.
        public var ignored: [String] = []
        /// Files and folders refused, each with the reason; nothing of them was read.
        public var refused: [FileProblem] = []
    }

    /// The scans in `folder` (and its sub-folders when `recursive`).
    public static func scans(in folder: URL, recursive: Bool) throws -> Listing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { throw BatchError.notAFolder(folder.relativePath) }
        let root = URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path
        var listing = Listing()
        var links: [(ScanFile, target: String)] = []
        try walk(folder, relative: "", root: root, recursive: recursive, into: &listing, links: &links)
        // A link to a scan in the folder is the same document: read once, under the target's name.
        var seen = Set(listing.scans.map(\.identity))
        for (link, target) in links {
            if seen.insert(link.identity).inserted {
                listing.scans.append(link)
            } else {
                listing.ignored.append("\(link.file) (a link to \(target), read as that file)")
            }
        }
        listing.scans.sort { $0.file < $1.file }
        return listing
    }

    private static func walk(
        _ folder: URL, relative: String, root: String, recursive: Bool, into listing: inout Listing,
        links: inout [(ScanFile, target: String)]
    ) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            guard !relative.isEmpty else { throw error }
            listing.refused.append(
                FileProblem(
                    file: relative, reason: "this folder cannot be read (\(reason(error))); it was skipped"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let file = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(url.path, &info) == 0 else {
                listing.refused.append(FileProblem(file: file, reason: "cannot be read (\(errnoText()))"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if recursive {
                    try walk(url, relative: file, root: root, recursive: true, into: &listing, links: &links)
                } else if isScan(name) {
                    listing.refused.append(FileProblem(file: file, reason: "is a folder, not a scan"))
                }
            case S_IFLNK:
                guard isScan(name) else {
                    listing.ignored.append(file)
                    continue
                }
                let target = url.resolvingSymlinksInPath().path
                guard target.hasPrefix(root + "/") else {
                    listing.refused.append(
                        FileProblem(
                            file: file,
                            reason: "is a link to something outside the scan folder; copy the scan in instead"
                        ))
                    continue
                }
                var targetInfo = stat()
                guard stat(url.path, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG else {
                    listing.refused.append(
                        FileProblem(file: file, reason: "is a link to something that is not a regular file"))
                    continue
                }
                if let problem = sizeProblem(targetInfo) {
                    listing.refused.append(FileProblem(file: file, reason: problem))
                    continue
                }
                let scan = ScanFile(
                    url: url, file: file, size: Int(targetInfo.st_size), identity: FileIdentity(targetInfo))
                links.append((scan, String(target.dropFirst(root.count + 1))))
            case S_IFREG:
                guard isScan(name) else {
                    listing.ignored.append(file)
                    continue
                }
                if let problem = sizeProblem(info) {
                    listing.refused.append(FileProblem(file: file, reason: problem))
                    continue
                }
                listing.scans.append(
                    ScanFile(url: url, file: file, size: Int(info.st_size), identity: FileIdentity(info)))
            default:
                guard isScan(name) else {
                    listing.ignored.append(file)
                    continue
                }
                listing.refused.append(
                    FileProblem(
                        file: file,
                        reason: "is not a regular file (\(kind(info.st_mode))); it was not opened"))
            }
        }
    }

    static func isScan(_ name: String) -> Bool {
        extensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased())
    }

    private static func sizeProblem(_ info: stat) -> String? {
        if info.st_size == 0 { return "the file is empty (0 bytes); scan it again" }
        if info.st_size > maxFileBytes {
            return "the file is \(info.st_size) bytes, over the limit of \(maxFileBytes); it was not read"
        }
        return nil
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    private static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, cocoa.code == .fileReadNoPermission {
            return "permission denied"
        }
        return (error as NSError).localizedFailureReason ?? "\(type(of: error))"
    }
}

/// Why a batch could not start.
public enum BatchError: Error, CustomStringConvertible {
    case notAFolder(String)
    case outputNotWritable(String, String)

    public var description: String {
        switch self {
        case .notAFolder(let path): return "\(path): not a folder of scans"
        case .outputNotWritable(let path, let reason): return "\(path): cannot write outputs (\(reason))"
        }
    }
}
