import Foundation

/// Finds the scans in a folder: files ending in a scan extension, hidden files left out.
public enum FileDiscovery {
    public static let extensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff", "pdf"]

    /// The scans (sorted by path) and the other files that were passed over.
    public static func scans(in folder: URL, recursive: Bool) throws -> (scans: [URL], ignored: [URL]) {
        var scans: [URL] = []
        var ignored: [URL] = []
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BatchError.notAFolder(folder.relativePath)
        }
        let names = try manager.contentsOfDirectory(atPath: folder.path).sorted()
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var childIsDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: url.path, isDirectory: &childIsDirectory)
            let type = (try? manager.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if childIsDirectory.boolValue {
                // Linked folders are not followed: a link to a parent would never end.
                if recursive && type != .typeSymbolicLink {
                    let inner = try FileDiscovery.scans(in: url, recursive: true)
                    scans += inner.scans
                    ignored += inner.ignored
                }
            } else if extensions.contains(url.pathExtension.lowercased()) {
                scans.append(url)
            } else {
                ignored.append(url)
            }
        }
        return (scans, ignored)
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
