import Crypto
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
        let url =
            environment["RPA_STATE_KEY"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? stateFolder.appendingPathComponent("state.key")
        if let data = FileManager.default.contents(atPath: url.path) {
            guard data.count == 32 else { throw StateError.badKey(url.path) }
            return StateCipher(key: SymmetricKey(data: data))
        }
        try PrivateFiles.makeFolder(url.deletingLastPathComponent())
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        // O_EXCL: when two processes create it at once, both use the one that was written first.
        let descriptor = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            let written = fresh.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            fsync(descriptor)
            close(descriptor)
            guard written == fresh.count else {
                throw FileFault(errno: errno, path: url.path, action: "write")
            }
            return StateCipher(key: SymmetricKey(data: fresh))
        }
        guard errno == EEXIST else { throw FileFault(errno: errno, path: url.path, action: "create") }
        for _ in 0..<50 {
            if let data = FileManager.default.contents(atPath: url.path), data.count == 32 {
                return StateCipher(key: SymmetricKey(data: data))
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw StateError.badKey(url.path)
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
enum StateError: Error, CustomStringConvertible {
    case badKey(String)

    var description: String {
        switch self {
        case .badKey(let path):
            return
                "\(path) is not a run-state key (32 bytes); restore it, or move the run state (.rpa) aside "
                + "and run again to read the scans afresh"
        }
    }
}
