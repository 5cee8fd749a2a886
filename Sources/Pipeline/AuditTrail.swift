import Foundation
import Imaging

/// One thing a person did to a document in review: who, when, what, and the values before and after.
///
/// Sensitive values (My Number) are masked here; the other values are the form's, kept beside the
/// run state they come from (0600, never in the ledger, which holds only the field names).
public struct AuditEntry: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable {
        case accepted, rejected
        /// A sensitive value was shown unmasked to the reviewer.
        case revealed
    }

    /// One field a person changed.
    public struct Change: Sendable, Codable, Equatable {
        public var field: String
        public var old: String
        public var new: String

        public init(field: String, old: String, new: String) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    public var at: Date
    public var reviewer: String
    public var action: Action
    /// The document's hash and its file, relative to the scanned folder.
    public var document: String
    public var file: String
    public var workflow: String
    public var version: Int
    public var changes: [Change] = []
    /// Why it was rejected, or accepted against a check or rule.
    public var reason: String? = nil
    /// The checks and rules overridden, by message.
    public var overridden: [String]? = nil
    public var minutes: Double? = nil
    public var measured: Bool? = nil
    /// For `revealed`: the field shown.
    public var field: String? = nil

    public init(
        at: Date, reviewer: String, action: Action, document: String, file: String, workflow: String,
        version: Int, changes: [Change] = [], reason: String? = nil, overridden: [String]? = nil,
        minutes: Double? = nil, measured: Bool? = nil, field: String? = nil
    ) {
        self.at = at
        self.reviewer = reviewer
        self.action = action
        self.document = document
        self.file = file
        self.workflow = workflow
        self.version = version
        self.changes = changes
        self.reason = reason
        self.overridden = overridden
        self.minutes = minutes
        self.measured = measured
        self.field = field
    }
}

/// The review audit trail of one workflow: an append-only JSON-lines file in the run state
/// (`.rpa/<workflow>.audit.jsonl`, 0600), written by `rpa review resolve` and the review station,
/// read by `rpa review audit`.
public struct AuditTrail: Sendable {
    public let url: URL

    public init(root: URL, workflow: String) {
        url = root.appendingPathComponent(".rpa/\(workflow).audit.jsonl")
    }

    /// Appends one entry, whole, under the trail's lock.
    public func append(_ entry: AuditEntry) throws {
        try append(entry, unlessIn: { _ in false })
    }

    /// Appends a resolution's entry unless the trail holds one for the document and version already
    /// (a retry, or a replay of an interrupted resolution): one entry per resolution.
    func appendResolution(_ entry: AuditEntry) throws {
        try append(
            entry, unlessIn: { $0.contains { Self.resolves(entry.document, version: entry.version, $0) } })
    }

    /// Whether `entry` records the resolution of `document` under `version`.
    static func resolves(_ document: String, version: Int, _ entry: AuditEntry) -> Bool {
        entry.document == document && entry.version == version && entry.action != .revealed
    }

    private func append(_ entry: AuditEntry, unlessIn present: ([AuditEntry]) -> Bool) throws {
        var line = try ResultStore.lineEncoder.encode(entry)
        line.append(UInt8(ascii: "\n"))
        let lock = try FileLock(url.appendingPathExtension("lock"))
        defer { lock.unlock() }
        if present(entries()) { return }
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw BatchError.outputNotWritable(url.path, String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw BatchError.outputNotWritable(url.path, String(cString: strerror(errno)))
        }
    }

    /// Every entry, oldest first; a line that cannot be read (a torn write) is passed over.
    public func entries() -> [AuditEntry] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? ResultStore.decoder.decode(AuditEntry.self, from: Data($0))
        }
    }

    /// The entry for a resolved document, made from its run state alone: each corrected field with
    /// its value before (kept in the resolution) and after, sensitive values masked.
    static func resolution(of result: DocumentResult, workflow: String) -> AuditEntry? {
        guard let resolution = result.resolution else { return nil }
        let changes = result.fields.compactMap { field -> AuditEntry.Change? in
            guard let old = resolution.before?[field.name] else { return nil }
            return AuditEntry.Change(
                field: field.name, old: old, new: field.sensitive ? Masking.mask(field.value) : field.value)
        }
        return AuditEntry(
            at: resolution.at, reviewer: resolution.reviewer ?? "",
            action: resolution.rejected ? .rejected : .accepted, document: result.document, file: result.file,
            workflow: workflow, version: result.version, changes: changes, reason: resolution.reason,
            overridden: resolution.overridden, minutes: resolution.minutes, measured: resolution.measured)
    }
}
