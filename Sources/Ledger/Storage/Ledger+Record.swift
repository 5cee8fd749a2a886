import Foundation

/// Whether ``Ledger/record(_:)`` added the document.
public enum RecordResult: Sendable, Hashable, Codable {
    /// First time this document was seen under this workflow name and version: a row was added.
    case counted
    /// Already in the ledger (a re-run, a crash and restart, another process): nothing was added.
    case alreadyCounted
}

extension Ledger {
    /// Counts one processed document, once.
    ///
    /// The same document hash under the same workflow name and version is counted once however
    /// often a batch is re-run, and even when several processes record it at the same moment:
    /// the check and the insert happen inside one IMMEDIATE transaction, behind a unique index.
    /// The minutes come from the savings rule valid on the document's day in Japan.
    @discardableResult
    public func record(_ entry: LedgerEntry) throws(LedgerError) -> RecordResult {
        let results = try record(batch: [entry])
        return results.first ?? .alreadyCounted
    }

    /// Counts several documents in one transaction (faster for a whole batch); one result per entry.
    ///
    /// Either every entry is recorded or, on an error, none is.
    @discardableResult
    public func record(batch entries: [LedgerEntry]) throws(LedgerError) -> [RecordResult] {
        var checked = [LedgerEntry]()
        checked.reserveCapacity(entries.count)
        for entry in entries { checked.append(try entry.validated()) }
        return try write("record processed documents") { db in
            var tip = try ChainTip(db, table: "documents")
            var rules = RuleCache()
            var results = [RecordResult]()
            results.reserveCapacity(checked.count)
            for entry in checked {
                if try Ledger.isRecorded(db, entry.workflow, entry.workflowVersion, entry.documentHash) {
                    results.append(.alreadyCounted)
                    continue
                }
                let day = LedgerDay(entry.processedAt)
                guard let rule = try rules.rule(db, workflow: entry.workflow, on: day) else {
                    throw LedgerError.noSavingsRule(workflow: entry.workflow, day: day)
                }
                let row = DocumentRow(id: tip.nextID, entry: entry, rule: rule, previousHash: tip.lastHash)
                try row.insert(db)
                tip.advance(to: row.rowHash)
                results.append(.counted)
            }
            return results
        }
    }

    /// True when this document was already counted under this workflow name and version.
    ///
    /// The pipeline may call it to skip work, but ``record(_:)`` is the authority: it checks again.
    public func hasProcessed(workflow: String, version: String, documentHash: String) throws(LedgerError)
        -> Bool
    {
        let hash = try DocumentHash.normalized(documentHash)
        return try read("look up a document") { db in try Ledger.isRecorded(db, workflow, version, hash) }
    }

    /// Number of documents counted so far.
    public func documentCount() throws(LedgerError) -> Int {
        try read("count documents") { db in try db.scalar("SELECT COUNT(*) FROM documents") ?? 0 }
    }

    static func isRecorded(_ db: any SQLConnection, _ workflow: String, _ version: String, _ hash: String)
        throws -> Bool
    {
        try db.row(
            "SELECT 1 FROM documents WHERE workflow = ? AND workflow_version = ? AND document_hash = ?",
            [workflow, version, hash]) != nil
    }
}

/// Rules looked up during one transaction, so a batch does not query the same rule per row.
struct RuleCache {
    private var versions: [String: [RegisteredRule]] = [:]

    /// The version of `workflow`'s rule valid on `day`: the latest `validFrom` on or before it.
    mutating func rule(_ db: any SQLConnection, workflow: String, on day: LedgerDay) throws -> RegisteredRule?
    {
        if versions[workflow] == nil {
            versions[workflow] = try Ledger.ruleVersions(db, workflow: workflow)
        }
        return versions[workflow]?.last { $0.rule.validFrom <= day }
    }
}
