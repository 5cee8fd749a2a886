import Foundation
import Ledger

/// Claims on documents waiting for review, kept in a shared (PostgreSQL) ledger so that review
/// stations and `rpa review resolve` on several machines never resolve one document twice: only
/// the holder of a live claim resolves it, and the others show it as taken by that reviewer.
///
/// Claims live beside the reading claims (``WorkClaimer``) under the key `review:<workflow id>`.
/// With an SQLite ledger (one machine, one station) there is nothing to share and none is made.
public struct ReviewClaims: Sendable {
    let ledger: Ledger
    let workflow: String
    let version: String
    /// This station or process: the reviewer's name is appended to it to make the holder.
    let place: String

    /// Claims for `resolver`'s queue, or nil when its ledger is not shared.
    public init?(for resolver: ReviewResolver, place: String) throws {
        let path = resolver.ledgerPath ?? Ledger.defaultPath()
        guard Ledger.isSharedLocation(path) else { return nil }
        ledger = try Ledger(path: path)
        workflow = "review:\(resolver.workflow.id)"
        version = String(resolver.workflow.version)
        self.place = place
    }

    /// Claims `document` for `reviewer` (or renews their claim); the other reviewer's name when
    /// someone else holds it.
    public func claim(_ document: String, reviewer: String, lease: Double) throws -> String? {
        switch try ledger.claim(item(document), holder: holder(reviewer), lease: lease, retakeFinished: true)
        {
        case .granted: return nil
        case .finished, .held:
            return Self.reviewer(in: try ledger.holders(workflow: workflow, version: version)[document] ?? "")
        }
    }

    /// The document was resolved: the claim ends for good.
    public func finish(_ document: String, reviewer: String) throws {
        try ledger.finish(item(document), holder: holder(reviewer))
    }

    /// The reviewer left the document: others may open it at once.
    public func release(_ document: String, reviewer: String) {
        try? ledger.release(item(document), holder: holder(reviewer))
    }

    /// Reviewers holding documents now, by document hash (every machine's claims); throws when the
    /// ledger cannot be reached, rather than show every document free.
    public func holders() throws -> [String: String] {
        try ledger.holders(workflow: workflow, version: version).mapValues(Self.reviewer(in:))
    }

    private func holder(_ reviewer: String) -> String { "\(place)|\(reviewer)" }

    private static func reviewer(in holder: String) -> String {
        holder.split(separator: "|", maxSplits: 1).last.map(String.init) ?? holder
    }

    private func item(_ document: String) -> WorkItem {
        WorkItem(workflow: workflow, version: version, documentHash: document)
    }
}
