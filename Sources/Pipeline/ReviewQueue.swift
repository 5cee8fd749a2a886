import Foundation

/// The review queue on disk: a folder per doubtful document with `item.json` (values, per-field
/// reasons and confidences, sensitive values masked) and a PNG crop of each doubtful field, ready
/// for a person or the review station to serve.
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
        let target = itemFolder(document.result.document)
        let staging = folder.appendingPathComponent(".staging-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        var item = document.result
        item.fields = item.fields.map { field in
            guard field.sensitive else { return field }
            var masked = field
            masked.value = Masking.mask(field.value)
            masked.raw = Masking.mask(field.raw)
            return masked
        }
        try ResultStore.encoder.encode(item).write(to: staging.appendingPathComponent("item.json"))
        for (index, field) in document.result.fields.enumerated() {
            if let png = document.crops[field.name] {
                try png.write(to: staging.appendingPathComponent(String(format: "%02d.png", index + 1)))
            }
        }
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: staging, to: target)
    }

    /// Removes a document's review item (it was re-processed and accepted).
    public func remove(_ hash: String) {
        try? FileManager.default.removeItem(at: itemFolder(hash))
    }

    /// The documents waiting for review.
    public func items() -> [DocumentResult] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent("\(name)/item.json").path)
                .flatMap { try? ResultStore.decoder.decode(DocumentResult.self, from: $0) }
        }.sorted { $0.file < $1.file }
    }
}
