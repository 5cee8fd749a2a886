import Foundation
import Ledger
import Workflow

/// Compares what rpa keeps of each document of one workflow version: the run state (the truth),
/// the review queue, the outputs, the review audit trail and the ledger's resolutions.
///
/// `rpa ledger verify --workflow` prints its disagreements; ``ReviewResolver/finishInterrupted()``
/// finishes the resolutions it finds unfinished.
public struct ResolutionCheck {
    /// A document where two records disagree, by its first 12 hex digits (never a value).
    public struct Disagreement: Sendable, Equatable, Codable, CustomStringConvertible {
        public var document: String
        public var what: String

        public var description: String { "\(document): \(what)" }
    }

    let workflow: Workflow
    let root: URL
    /// The ledger to compare, nil to leave it out (a workflow without savings counts nothing).
    let ledger: Ledger?

    public init(workflow: Workflow, root: URL, ledger: Ledger?) {
        self.workflow = workflow
        self.root = root
        self.ledger = ledger
    }

    init(resolver: ReviewResolver, ledger: Ledger?) {
        self.init(workflow: resolver.workflow, root: resolver.root, ledger: ledger)
    }

    private var resolver: ReviewResolver { ReviewResolver(workflow: workflow, root: root, ledgerPath: nil) }

    /// Everything read once.
    private struct Records {
        var results: [DocumentResult]
        var queued: Set<String>
        /// Resolving audit entries (accepted, rejected) by document.
        var audited: [String: [AuditEntry.Action]]
        /// Ledger resolutions by document; nil without a ledger.
        var ledger: [String: ReviewOutcome]?
    }

    private func records() throws -> Records {
        let version = workflow.version
        var audited: [String: [AuditEntry.Action]] = [:]
        for entry in resolver.audit.entries() where entry.version == version && entry.action != .revealed {
            audited[entry.document, default: []].append(entry.action)
        }
        return Records(
            results: resolver.store.all(), queued: Set(resolver.queue.items().map(\.document)),
            audited: audited,
            ledger: try ledger?.reviewResolutions(workflow: workflow.id, version: String(version)))
    }

    /// Resolutions the run state holds whose queue item, audit entry or ledger row is missing: an
    /// interruption came after the run state was stored (their outputs may be missing too).
    func unfinished() throws -> [DocumentResult] {
        let records = try records()
        return records.results.filter { result in
            guard let resolution = result.resolution else { return false }
            return records.queued.contains(result.document)
                || (resolution.before != nil && records.audited[result.document] == nil)
                || (records.ledger.map { $0[result.document] == nil } ?? false)
        }
    }

    /// Every document where the records disagree, in run-state order, then those the run state
    /// does not hold.
    public func disagreements() throws -> [Disagreement] {
        let records = try records()
        var found: [Disagreement] = []
        func add(_ hash: String, _ what: String) {
            found.append(Disagreement(document: String(hash.prefix(12)), what: what))
        }
        for result in records.results {
            let hash = result.document
            let audited = records.audited[hash] ?? []
            let recorded = records.ledger?[hash]
            if let resolution = result.resolution {
                let action: AuditEntry.Action = resolution.rejected ? .rejected : .accepted
                if records.queued.contains(hash) {
                    add(hash, "resolved in the run state, still in the review queue")
                }
                if audited.isEmpty && resolution.before != nil {
                    add(hash, "resolved in the run state, no audit trail entry")
                } else if audited.count > 1 {
                    add(hash, "\(audited.count) audit trail entries for one resolution")
                } else if let first = audited.first, first != action {
                    add(hash, "\(first.rawValue) in the audit trail, \(action.rawValue) in the run state")
                }
                if records.ledger != nil {
                    if let recorded {
                        if recorded != resolution.outcome {
                            add(
                                hash,
                                "\(recorded.rawValue) in the ledger, \(resolution.outcome.rawValue) in the run state"
                            )
                        }
                    } else {
                        add(
                            hash,
                            "resolved (\(resolution.outcome.rawValue)) in the run state, not in the ledger")
                    }
                }
            } else {
                if result.outcome == .review && !records.queued.contains(hash) {
                    add(hash, "waiting for review in the run state, not in the review queue")
                }
                if result.outcome == .accepted && records.queued.contains(hash) {
                    add(hash, "accepted in the run state, still in the review queue")
                }
                if let recorded {
                    add(hash, "\(recorded.rawValue) in the ledger, not resolved in the run state")
                }
                if let first = audited.first {
                    add(hash, "\(first.rawValue) in the audit trail, not resolved in the run state")
                }
            }
        }
        let stored = Set(records.results.map(\.document))
        for hash in records.queued.subtracting(stored).sorted() {
            add(hash, "in the review queue, not in the run state")
        }
        for hash in Set(records.audited.keys).subtracting(stored).sorted() {
            add(hash, "in the audit trail, not in the run state")
        }
        for hash in Set(records.ledger?.keys.map { $0 } ?? []).subtracting(stored).sorted() {
            add(hash, "resolved in the ledger, not in the run state")
        }
        for (hash, what) in outputDisagreements(records.results) { add(hash, what) }
        return found
    }

    /// Each accepted document must have its row, as the run state gives it, in every output, and no
    /// output may hold another document.
    private func outputDisagreements(_ results: [DocumentResult]) -> [(String, String)] {
        var found: [(String, String)] = []
        let byHash = Dictionary(results.map { ($0.document, $0) }, uniquingKeysWith: { first, _ in first })
        let writer = OutputWriter(workflow: workflow, root: root)
        for (sink, documents) in writer.files(for: results.filter { $0.outcome == .accepted }) {
            let name = sink.url.relativePath
            let content = Data("\n".utf8) + (FileManager.default.contents(atPath: sink.url.path) ?? Data())
            for document in documents {
                guard let row = try? sink.row(document, fields: workflow.fields),
                    content.range(of: Data("\n".utf8) + row) != nil
                else {
                    found.append(
                        (document.document, "accepted in the run state, missing or different in \(name)"))
                    continue
                }
            }
            let expected = Set(documents.map(\.document))
            for hash in Self.hashes(in: content) where !expected.contains(hash) {
                let state =
                    byHash[hash].map { "\($0.outcome.rawValue) in the run state" } ?? "not in the run state"
                found.append((hash, "in \(name), \(state)"))
            }
        }
        return found
    }

    /// The document hashes (64 lower-case hex digits between delimiters) an output file holds.
    static func hashes(in content: Data) -> Set<String> {
        let bytes = [UInt8](content)
        let delimiters = Set(",\"\r\n".utf8)
        func isHex(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...102).contains(byte) }
        var found: Set<String> = []
        var index = 0
        while index < bytes.count {
            guard isHex(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count && isHex(bytes[end]) { end += 1 }
            if end - index == 64, index > 0, delimiters.contains(bytes[index - 1]),
                end == bytes.count || delimiters.contains(bytes[end])
            {
                found.insert(String(decoding: bytes[index..<end], as: UTF8.self))
            }
            index = end
        }
        return found
    }
}
