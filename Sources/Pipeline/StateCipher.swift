import Crypto
import FileNodes
import Foundation
import Imaging

/// Seals sensitive values (My Number) in the run state, which keeps them to rewrite the outputs.
///
/// AES-GCM with a 256-bit key made on first use and kept beside the run state in `.rpa/state.key`
/// (mode 0600), or in the file `RPA_STATE_KEY` names: keep the key on another disk, or out of
/// backups, so a copy of the run state alone reveals nothing. A sealed value reads
/// `sealed:v1:<base64 of nonce, ciphertext and tag>`.
struct StateCipher {
    static let prefix = "sealed:v1:"
    let key: SymmetricKey

    /// The key for the run state under `stateFolder` (`<output>/.rpa`), created when missing.
    static func forState(
        in stateFolder: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws -> StateCipher
    {
        let chosen = environment["RPA_STATE_KEY"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let url = chosen ?? stateFolder.appendingPathComponent("state.key")
        let name = chosen.map { "RPA_STATE_KEY \($0.path)" } ?? url.path
        // A key that is there must be a regular file (a link is followed): a device or a pipe is
        // refused before it is opened, and a key is never made beside or through one.
        var info = stat()
        if stat(url.path, &info) == 0 {
            guard FileNode(mode: info.st_mode) == .regular else {
                throw TargetRefusal.notAFile(path: name, node: FileNode(mode: info.st_mode))
            }
            guard let key = try readKey(url.path, name: name) else { throw StateError.badKey(name) }
            return StateCipher(key: key)
        }
        guard errno == ENOENT else { throw FileFault(errno: errno, path: name, action: "read") }
        try PrivateFiles.makeFolder(url.deletingLastPathComponent())
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        // O_EXCL: when two processes create it at once, both use the one that was written first.
        let descriptor = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            let written = fresh.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            fsync(descriptor)
            close(descriptor)
            guard written == fresh.count else {
                throw FileFault(errno: errno, path: name, action: "write")
            }
            return StateCipher(key: SymmetricKey(data: fresh))
        }
        guard errno == EEXIST else { throw FileFault(errno: errno, path: name, action: "create") }
        for _ in 0..<50 {
            if let key = try readKey(url.path, name: name) { return StateCipher(key: key) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw StateError.badKey(name)
    }

    /// The 32-byte key in the regular file at `path` (a link followed), nil when it holds anything
    /// else; read through one descriptor that never waits on a pipe. Messages call it `name`.
    private static func readKey(_ path: String, name: String) throws -> SymmetricKey? {
        let descriptor: Int32
        do {
            descriptor = try FileNode.openRegularFile(FileNode.resolved(path) ?? path)
        } catch {
            switch error {
            case .notAFile(let node): throw TargetRefusal.notAFile(path: name, node: node)
            case .failed(let code): throw FileFault(errno: code, path: name, action: "read")
            }
        }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 33)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        return count == 32 ? SymmetricKey(data: bytes[0..<32]) : nil
    }

    func seal(_ text: String) throws -> String {
        guard !text.isEmpty, let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else {
            return text
        }
        return Self.prefix + combined.base64EncodedString()
    }

    func open(_ text: String) throws -> String {
        guard text.hasPrefix(Self.prefix),
            let data = Data(base64Encoded: String(text.dropFirst(Self.prefix.count)))
        else { return text }
        let plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key)
        return String(decoding: plain, as: UTF8.self)
    }
}

/// Why the run state's key could not be used.
package enum StateError: Error, CustomStringConvertible {
    case badKey(String)

    package var description: String {
        switch self {
        case .badKey(let path):
            return
                "\(path) is not a run-state key (32 bytes); restore it, or move the run state (.rpa) aside "
                + "and run again to read the scans afresh"
        }
    }
}
