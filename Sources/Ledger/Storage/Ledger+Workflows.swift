import Foundation

extension Ledger {
    /// Records a workflow's display name for reports. Documents and rules are counted under the
    /// workflow id, which never changes; the name is a label and may be renamed freely.
    public func label(workflow id: String, name: String, at time: Date = Date()) throws(LedgerError) {
        try Validate.name(id, field: "workflow id")
        try Validate.name(name, field: "workflow name")
        try write("record a workflow's name") { db in
            try db.execute(
                """
                INSERT INTO workflow_labels (workflow, name, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (workflow) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
                WHERE workflow_labels.name <> excluded.name
                """, [id, name, TokyoTime.timestamp(time)])
        }
    }

    /// True when this ledger counted the workflow under its display name `name` (the layout before
    /// workflow ids) and has nothing under `id` yet: counting on would count every document again.
    public func countsUnderDisplayName(id: String, name: String) throws(LedgerError) -> Bool {
        guard id != name else { return false }
        return try read("look up a workflow's rules") { db in
            let count = { (key: String) in
                (try db.scalar("SELECT COUNT(*) FROM savings_rules WHERE workflow = ?", [key]) as Int?) ?? 0
            }
            return try count(name) > 0 && count(id) == 0
        }
    }
}

extension Ledger {
    /// Opens a private copy of the ledger at `path` (with its write-ahead log), for checks and reports
    /// that must leave the original's bytes untouched: an auditor's read-only copy, a file on a
    /// read-only share. Messages name the original; the copy is removed when the ledger is released.
    /// A PostgreSQL ledger is opened as it is: its reads take snapshots and change nothing.
    public static func openCopy(of path: String) throws(LedgerError) -> Ledger {
        if PostgresAddress.isAddress(path) { return try Ledger(path: path) }
        let manager = FileManager.default
        guard manager.fileExists(atPath: path) else { throw .ledgerMissing(path: path) }
        let folder = manager.temporaryDirectory.appendingPathComponent("rpa-ledger-copy-\(UUID().uuidString)")
        let copy = folder.appendingPathComponent("ledger.sqlite").path
        do {
            try manager.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try manager.copyItem(atPath: path, toPath: copy)
            if manager.fileExists(atPath: path + "-wal") {
                try manager.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
            }
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
        } catch {
            try? manager.removeItem(at: folder)
            throw .storage(path: path, action: "copy the ledger to read it", reason: "\(error)")
        }
        do {
            return Ledger(store: try SQLiteStore(filePath: copy, name: path), ownedFolder: folder)
        } catch {
            try? manager.removeItem(at: folder)
            throw error
        }
    }
}
