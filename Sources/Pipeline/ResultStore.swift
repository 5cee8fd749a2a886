import Foundation
import Imaging

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

    /// The stored result, sensitive values opened; nil when missing or unreadable (read again).
    public func load(_ hash: String) -> DocumentResult? {
        var cipher: StateCipher?
        return load(hash, cipher: &cipher)
    }

    /// `load`, with the run-state key read at most once over many loads (`cipher` keeps it).
    private func load(_ hash: String, cipher: inout StateCipher?) -> DocumentResult? {
        guard let data = FileManager.default.contents(atPath: url(hash).path),
            var result = try? Self.decoder.decode(DocumentResult.self, from: data)
        else { return nil }
        guard result.fields.contains(where: { $0.sensitive && $0.value.hasPrefix(StateCipher.prefix) }) else {
            return result
        }
        if cipher == nil { cipher = try? StateCipher.forState(in: stateFolder) }
        guard let cipher else { return nil }
        for index in result.fields.indices where result.fields[index].sensitive {
            guard let value = try? cipher.open(result.fields[index].value),
                let raw = try? cipher.open(result.fields[index].raw)
            else { return nil }
            result.fields[index].value = value
            result.fields[index].raw = raw
        }
        return result
    }

    /// Stores a result atomically (0600), its sensitive values sealed (``StateCipher``).
    public func save(_ result: DocumentResult) throws {
        var sealed = result
        if sealed.fields.contains(where: { $0.sensitive && !($0.value.isEmpty && $0.raw.isEmpty) }) {
            let cipher = try StateCipher.forState(in: stateFolder)
            for index in sealed.fields.indices where sealed.fields[index].sensitive {
                sealed.fields[index].value = try cipher.seal(sealed.fields[index].value)
                sealed.fields[index].raw = try cipher.seal(sealed.fields[index].raw)
            }
        }
        try PrivateFiles.write(Self.encoder.encode(sealed), to: url(result.document))
    }

    /// `<output>/.rpa`: every workflow version's results, and the key sealing their sensitive values.
    var stateFolder: URL { folder.deletingLastPathComponent() }

    /// The latest resolution of document `hash` under an earlier version of the same workflow.
    public func earlierResolution(of hash: String) -> EarlierResolution? {
        let prefix = "\(workflow)-v"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: stateFolder.path)) ?? []
        let versions = names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix) else { return nil }
            return Int(name.dropFirst(prefix.count)).flatMap { $0 < version ? $0 : nil }
        }
        for earlier in versions.sorted(by: >) {
            let store = ResultStore(
                root: stateFolder.deletingLastPathComponent(), workflow: workflow, version: earlier)
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

    /// The hash of every stored result (nothing opened).
    func hashes() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0.count == 69 }.map { String($0.dropLast(5)) }
    }

    /// Every stored result, ordered by file name then hash, for stable outputs.
    public func all() -> [DocumentResult] {
        var cipher: StateCipher?
        return hashes().compactMap { load($0, cipher: &cipher) }
            .sorted { ($0.file, $0.document) < ($1.file, $1.document) }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// One JSON value per line (the audit trail).
    static let lineEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
