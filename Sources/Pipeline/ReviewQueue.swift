import Foundation
import Imaging

/// The review queue on disk: a folder per doubtful document with `item.json` (values, per-field
/// reasons and confidences, sensitive values masked) and a PNG crop of each doubtful field, ready
/// for a person or the review station to serve.
///
/// Every change happens under one lock per queue (`.lock`), so several `rpa run` and `rpa review`
/// processes can put and remove items at once; an item is staged in a hidden folder and renamed
/// into place, and stagings left by a killed process are removed by the next change.
public struct ReviewQueue: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    func itemFolder(_ hash: String) -> URL {
        folder.appendingPathComponent(String(hash.prefix(16)), isDirectory: true)
    }

    /// Writes (or replaces) a document's review item.
    public func put(_ document: ProcessedDocument) throws {
        try PrivateFiles.makeFolder(folder)
        try locked {
            let manager = FileManager.default
            let target = itemFolder(document.result.document)
            let staging = folder.appendingPathComponent(".staging-\(UUID().uuidString)", isDirectory: true)
            try PrivateFiles.makeFolder(staging)
            var item = document.result
            item.fields = item.fields.map(\.masked)
            if var earlier = item.earlier {
                for field in document.result.fields where field.sensitive {
                    earlier.values[field.name] = earlier.values[field.name].map(Masking.mask)
                }
                item.earlier = earlier
            }
            try PrivateFiles.write(
                ResultStore.encoder.encode(item), to: staging.appendingPathComponent("item.json"))
            for (index, field) in document.result.fields.enumerated() {
                if let png = document.crops[field.name] {
                    try PrivateFiles.write(
                        png, to: staging.appendingPathComponent(String(format: "%02d.png", index + 1)),
                        durable: false)
                }
            }
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.moveItem(at: staging, to: target)
        }
    }

    /// Removes a document's review item (it was accepted, resolved or re-read).
    public func remove(_ hash: String) throws {
        let target = itemFolder(hash)
        guard FileManager.default.fileExists(atPath: target.path) else { return }
        try locked {
            if FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.removeItem(at: target)
            }
        }
    }

    /// The item whose folder is `id` (the first 16 hex digits of the document's hash), read alone.
    public func item(_ id: String) -> DocumentResult? {
        guard id.count == 16, id.allSatisfy(\.isHexDigit) else { return nil }
        return FileManager.default.contents(
            atPath: folder.appendingPathComponent("\(id.lowercased())/item.json").path
        )
        .flatMap { try? ResultStore.decoder.decode(DocumentResult.self, from: $0) }
    }

    /// The documents waiting for review.
    public func items() -> [DocumentResult] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent("\(name)/item.json").path)
                .flatMap { try? ResultStore.decoder.decode(DocumentResult.self, from: $0) }
        }.sorted { $0.file < $1.file }
    }

    /// Runs `body` holding the queue's lock, after removing stagings a killed process left.
    private func locked(_ body: () throws -> Void) throws {
        let lock = try FileLock(folder.appendingPathComponent(".lock"))
        defer { lock.unlock() }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".staging-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        try body()
    }
}
