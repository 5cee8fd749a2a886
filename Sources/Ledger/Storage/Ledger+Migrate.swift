import Foundation

/// What ``Ledger/copy(into:)`` moved.
public struct LedgerCopy: Sendable, Equatable {
    /// Rows copied, by table.
    public var rows: [String: Int]
    /// The chain heads of the copy, each equal to the original's.
    public var heads: [String: String]
}

extension Ledger {
    /// The tables a copy moves, each with its columns in order: the four chains, then the labels.
    private static var copiedTables: [(table: String, columns: String)] {
        [
            ("savings_rules", RuleRow.columns), ("documents", DocumentRow.columns),
            ("review_resolutions", ResolutionRow.columns()), ("review_corrections", CorrectionRow.columns),
            ("workflow_labels", "workflow, name, updated_at"),
        ]
    }

    /// Copies every row of this ledger, ids and seals unchanged, into `target`, which must be empty
    /// (a new PostgreSQL database, when one machine's ledger moves to a shared server:
    /// `rpa ledger migrate --to postgresql://…`). Everything is written in one transaction: on any
    /// error the target stays empty. The copy is then verified, and its chain heads must equal
    /// this ledger's, or the copy is reported as failed.
    public func copy(into target: Ledger) throws(LedgerError) -> LedgerCopy {
        let source = try verify()
        guard source.isIntact else {
            throw .invalidValue(
                field: "the ledger \(path)",
                reason: "does not verify (\(source.problems.count) problems); run `rpa ledger verify` "
                    + "and restore it from a backup before moving it")
        }
        let tables = Self.copiedTables
        let snapshot = try read("read the ledger to copy it") { db in
            try tables.map { try db.rows("SELECT \($0.columns) FROM \($0.table) ORDER BY 1") }
        }
        let highest = try read("read the ledger's sequences") { db in
            try LedgerSchema.chainedTables.map { table -> Int in
                try db.scalar(db.dialect.highestIDQuery, [table]) ?? 0
            }
        }
        var counts = [String: Int]()
        try target.write("copy the ledger into \(target.path)") { db in
            for (table, _) in tables {
                let existing: Int = try db.scalar("SELECT COUNT(*) FROM \(table)") ?? 0
                guard existing == 0 else {
                    throw LedgerError.invalidValue(
                        field: "the target ledger \(target.path)",
                        reason: "already holds rows in \(table); give it an empty database")
                }
            }
            for (index, (table, columns)) in tables.enumerated() {
                let marks = Array(repeating: "?", count: columns.split(separator: ",").count)
                    .joined(separator: ",")
                for row in snapshot[index] {
                    try db.execute("INSERT INTO \(table) (\(columns)) VALUES (\(marks))", row.values)
                }
                counts[table] = snapshot[index].count
            }
            // Ids handed out and since removed stay known, as in the original.
            if db.dialect == .postgresql {
                for (table, seq) in zip(LedgerSchema.chainedTables, highest) where seq > 0 {
                    try db.execute(
                        """
                        INSERT INTO ledger_sequences (name, seq) VALUES (?, ?)
                        ON CONFLICT (name) DO UPDATE SET seq = GREATEST(ledger_sequences.seq, excluded.seq)
                        """, [table, seq])
                }
            }
        }
        let copied = try target.verify()
        guard copied.isIntact, copied.heads == source.heads else {
            throw .storage(
                path: target.path, action: "verify the copy",
                reason: "the copy does not verify or its chain heads differ from the original's")
        }
        return LedgerCopy(rows: counts, heads: copied.heads)
    }

    /// Bytes the ledger takes: the SQLite file, or the PostgreSQL database.
    public func storageBytes() throws(LedgerError) -> Int {
        if store.dialect == .postgresql {
            return try read("measure the database") { db in
                try db.scalar("SELECT pg_database_size(current_database())") ?? 0
            }
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? Int) ?? 0
    }
}
