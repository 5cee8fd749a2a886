import Crypto
import Foundation

/// The files of the neural recognizer, where `scripts/install-deps.sh` puts them, and the SHA-256 each
/// must have: ONNX Runtime's C library (from the `onnxruntime` 1.23.2 wheel, MIT) and PaddleOCR's
/// PP-OCRv6 small recognition model (from the `rapidocr` 3.9.2 wheel, Apache-2.0; see NOTICE).
///
/// Both are checked before the library is loaded, so an altered or half-copied file is refused with a
/// message saying how to put it right, never loaded.
public struct NeuralModel: Sendable, Equatable {
    public var library: URL
    public var model: URL
    public var librarySHA256: String
    public var modelSHA256: String

    public init(library: URL, model: URL, librarySHA256: String, modelSHA256: String) {
        self.library = library
        self.model = model
        self.librarySHA256 = librarySHA256
        self.modelSHA256 = modelSHA256
    }

    /// The installed recognizer (`/usr/local/lib/rpa/onnxruntime`, `/usr/local/share/rpa/models`).
    public static let installed = NeuralModel(
        library: URL(fileURLWithPath: "/usr/local/lib/rpa/onnxruntime/lib/libonnxruntime.so.1.23.2"),
        model: URL(fileURLWithPath: "/usr/local/share/rpa/models/PP-OCRv6_rec_small.onnx"),
        librarySHA256: "718c3fb0785d5ea06061b92c32ce4ad35be1bd4c71ae6192efe06f1ab21f0f8a",
        modelSHA256: "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884")

    /// The model's name as reports show it.
    public var name: String { model.deletingPathExtension().lastPathComponent }

    /// Checks both files against their hashes (once per process for files that have not changed
    /// since: a check reads 43 MB).
    public func verify() throws(OCRError) {
        for (file, expected) in [(library, librarySHA256), (model, modelSHA256)] {
            try Self.checked.verify(file, expected)
        }
    }

    /// Files already found whole, by path, size, inode and modification time.
    private static let checked = CheckedFiles()
}

/// Hashes of files checked in this process, so that every worker's engine does not read them again.
private final class CheckedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []

    func verify(_ file: URL, _ expected: String) throws(OCRError) {
        var info = stat()
        guard stat(file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .neuralMissing(file.path)
        }
        let key = "\(file.path):\(info.st_size):\(info.st_ino):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        if lock.withLock({ seen.contains(key) }) { return }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { throw .neuralMissing(file.path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        let got = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard got == expected else { throw .neuralAltered(file.path) }
        lock.withLock { _ = seen.insert(key) }
    }
}
