import Foundation

/// Every processed document's result, one JSON file per document in a folder per workflow version.
///
/// It is what makes re-runs exact: a document whose result exists is not processed again, and the
/// outputs are rebuilt from these files, so a batch killed half-way and run again loses and
/// doubles nothing. Each file is written atomically (temporary file, then rename).
public struct ResultStore: Sendable {
    public let folder: URL

    public init(root: URL, workflow: String, version: Int) {
        folder = root.appendingPathComponent(".rpa/\(workflow)-v\(version)", isDirectory: true)
    }

    func url(_ hash: String) -> URL { folder.appendingPathComponent("\(hash).json") }

    public func contains(_ hash: String) -> Bool {
        FileManager.default.fileExists(atPath: url(hash).path)
    }

    public func load(_ hash: String) -> DocumentResult? {
        guard let data = FileManager.default.contents(atPath: url(hash).path) else { return nil }
        return try? Self.decoder.decode(DocumentResult.self, from: data)
    }

    public func save(_ result: DocumentResult) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.encoder.encode(result).write(to: url(result.document), options: .atomic)
    }

    /// Every stored result, ordered by file name then hash, for stable outputs.
    public func all() -> [DocumentResult] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }
            .compactMap { load(String($0.dropLast(5))) }
            .sorted { ($0.file, $0.document) < ($1.file, $1.document) }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
