import Foundation

/// Every processed document's result, one JSON file per document in a folder per workflow version.
///
/// It is what makes re-runs exact: a document whose result exists is not processed again, and the
/// outputs are rebuilt from these files, so a batch killed half-way and run again loses and
/// doubles nothing. Each file is written atomically (temporary file, then rename).
public struct ResultStore: Sendable {
    public let folder: URL
    let workflow: String
    let version: Int

    public init(root: URL, workflow: String, version: Int) {
        folder = root.appendingPathComponent(".rpa/\(workflow)-v\(version)", isDirectory: true)
        self.workflow = workflow
        self.version = version
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
        try PrivateFiles.write(Self.encoder.encode(result), to: url(result.document))
    }

    /// The latest resolution of document `hash` under an earlier version of the same workflow.
    public func earlierResolution(of hash: String) -> EarlierResolution? {
        let parent = folder.deletingLastPathComponent()
        let prefix = "\(workflow)-v"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        let versions = names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix) else { return nil }
            return Int(name.dropFirst(prefix.count)).flatMap { $0 < version ? $0 : nil }
        }
        for earlier in versions.sorted(by: >) {
            let store = ResultStore(
                root: parent.deletingLastPathComponent(), workflow: workflow, version: earlier)
            if let result = store.load(hash), let resolution = result.resolution {
                let values = Dictionary(
                    result.fields.filter { resolution.corrected.contains($0.name) }.map {
                        ($0.name, $0.value)
                    },
                    uniquingKeysWith: { first, _ in first })
                return EarlierResolution(version: earlier, resolution: resolution, values: values)
            }
        }
        return nil
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
