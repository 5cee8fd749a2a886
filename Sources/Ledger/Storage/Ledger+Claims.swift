import Foundation

/// What became of a claim on a document (``Ledger/claim(_:holder:lease:retakeFinished:)``).
public enum ClaimResult: Sendable, Equatable {
    /// The caller holds the document until the lease ends: read it, then ``Ledger/finish(_:holder:)``.
    case granted
    /// Someone read it already.
    case finished
    /// Another worker holds it; its lease ends in `seconds` unless renewed.
    case held(seconds: Double)
}

/// A document of a workflow version, as work claims name it.
public struct WorkItem: Sendable, Hashable {
    public var workflow: String
    public var version: String
    public var documentHash: String

    public init(workflow: String, version: String, documentHash: String) {
        self.workflow = workflow
        self.version = version
        self.documentHash = documentHash
    }
}

extension Ledger {
    /// Claims a document for reading, so that several `rpa run` processes (on several machines,
    /// with a PostgreSQL ledger) over one folder read each document once.
    ///
    /// A claim is a lease timed by the database's clock: a worker killed mid-document leaves a
    /// claim that another takes over once the lease ends. The holder renews its leases while it
    /// works (``renewClaims(holder:lease:)``).
    ///
    /// - Parameters:
    ///   - retakeFinished: claim it even when someone finished it (the caller lost the result and
    ///     reads it again; the ledger still counts it once).
    ///   - abandoned: true for a holder known to be gone before its lease ends (a process of this
    ///     machine that no longer runs), whose claim is taken over at once.
    public func claim(
        _ item: WorkItem, holder: String, lease: Double, retakeFinished: Bool = false,
        abandoned: (String) -> Bool = { _ in false }
    ) throws(LedgerError) -> ClaimResult {
        let hash = try DocumentHash.normalized(item.documentHash)
        return try write("claim a document") { db in
            let now: Double = try db.scalar("SELECT \(db.dialect.now)") ?? 0
            let key: [any SQLArgument] = [item.workflow, item.version, hash]
            let current = try db.row(
                """
                SELECT holder, finished, lease_until FROM work_claims
                WHERE workflow = ? AND workflow_version = ? AND document_hash = ?
                """, key)
            if let current {
                let finished = (try current[1] as Int) != 0
                let until: Double = try current[2]
                let other: String = try current[0]
                if finished && !retakeFinished { return .finished }
                if !finished && other != holder && until > now && !abandoned(other) {
                    return .held(seconds: until - now)
                }
                try db.execute(
                    """
                    UPDATE work_claims SET holder = ?, claimed_at = ?, lease_until = ?, finished = 0
                    WHERE workflow = ? AND workflow_version = ? AND document_hash = ?
                    """, [holder, now, now + lease] + key)
            } else {
                try db.execute(
                    """
                    INSERT INTO work_claims
                    (workflow, workflow_version, document_hash, holder, claimed_at, lease_until, finished)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """, key + [holder, now, now + lease])
            }
            return .granted
        }
    }

    /// Marks a claimed document read (its result stored and counted). Another holder's claim is
    /// left alone: it took the document over after this holder's lease ended.
    public func finish(_ item: WorkItem, holder: String) throws(LedgerError) {
        let hash = try DocumentHash.normalized(item.documentHash)
        try write("finish a claim") { db in
            try db.execute(
                """
                UPDATE work_claims SET finished = 1
                WHERE workflow = ? AND workflow_version = ? AND document_hash = ? AND holder = ?
                """, [item.workflow, item.version, hash, holder])
        }
    }

    /// Extends every unfinished claim of `holder` to `lease` seconds from now.
    public func renewClaims(holder: String, lease: Double) throws(LedgerError) {
        try write("renew claims") { db in
            try db.execute(
                "UPDATE work_claims SET lease_until = \(db.dialect.now) + ? WHERE holder = ? AND finished = 0",
                [lease, holder])
        }
    }

    /// Ends every unfinished claim of `holder` at once (a run stopping early), so others need not
    /// wait for the leases.
    public func releaseClaims(holder: String) throws(LedgerError) {
        try write("release claims") { db in
            try db.execute(
                "UPDATE work_claims SET lease_until = 0 WHERE holder = ? AND finished = 0", [holder])
        }
    }

    /// The documents some worker holds now (claimed, unfinished, lease not ended).
    public func workInProgress() throws(LedgerError) -> [WorkItem] {
        try read("list claims") { db in
            try db.rows(
                """
                SELECT workflow, workflow_version, document_hash FROM work_claims
                WHERE finished = 0 AND lease_until > \(db.dialect.now) ORDER BY claimed_at
                """
            ).map { WorkItem(workflow: try $0[0], version: try $0[1], documentHash: try $0[2]) }
        }
    }

    /// Ends one claim of `holder` at once (a reviewer left the document).
    public func release(_ item: WorkItem, holder: String) throws(LedgerError) {
        let hash = try DocumentHash.normalized(item.documentHash)
        try write("release a claim") { db in
            try db.execute(
                """
                UPDATE work_claims SET lease_until = 0
                WHERE workflow = ? AND workflow_version = ? AND document_hash = ? AND holder = ? AND finished = 0
                """, [item.workflow, item.version, hash, holder])
        }
    }

    /// Who holds each document of `workflow` (as claims name it) now, by document hash.
    public func holders(workflow: String, version: String) throws(LedgerError) -> [String: String] {
        try read("list claims") { db in
            var holders = [String: String]()
            for row in try db.rows(
                """
                SELECT document_hash, holder FROM work_claims
                WHERE workflow = ? AND workflow_version = ? AND finished = 0 AND lease_until > \(db.dialect.now)
                """, [workflow, version])
            {
                holders[try row[0]] = try row[1]
            }
            return holders
        }
    }
}
