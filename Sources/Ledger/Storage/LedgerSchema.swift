import GRDB

/// The ledger's tables, created and upgraded through GRDB migrations.
///
/// Three append-only tables, each its own hash chain: `savings_rules`, `documents` and
/// `review_resolutions`. Triggers refuse UPDATE and DELETE so that no tool edits a row by
/// accident; `verify` finds the rows of anyone who removes the triggers to do so.
enum LedgerSchema {
    /// Tables that form hash chains, in the order `verify` walks them.
    static let chainedTables = ["savings_rules", "documents", "review_resolutions"]

    /// The migrations, in order. A released migration is never changed; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: v1)
            for table in chainedTables {
                try db.execute(sql: guardTriggers(table))
            }
        }
        return migrator
    }

    /// Names of the triggers that keep `table` append-only.
    static func triggerNames(_ table: String) -> [String] {
        ["\(table)_no_update", "\(table)_no_delete"]
    }

    private static func guardTriggers(_ table: String) -> String {
        let names = triggerNames(table)
        return """
            CREATE TRIGGER \(names[0]) BEFORE UPDATE ON \(table)
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: \(table) rows are never updated'); END;
            CREATE TRIGGER \(names[1]) BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: \(table) rows are never deleted'); END;
            """
    }

    private static let v1 = """
        CREATE TABLE savings_rules (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rule_id TEXT NOT NULL UNIQUE,
            workflow TEXT NOT NULL,
            version INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            source TEXT NOT NULL,
            baseline_minutes_per_document REAL NOT NULL,
            baseline_minutes_per_field REAL NOT NULL,
            handling_minutes_per_document REAL NOT NULL,
            review_minutes_per_document REAL NOT NULL,
            registered_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL,
            UNIQUE (workflow, version)
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            processed_at TEXT NOT NULL,
            workflow TEXT NOT NULL,
            workflow_version TEXT NOT NULL,
            department TEXT NOT NULL,
            document_hash TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'reviewed', 'rejected', 'failed')),
            pages INTEGER NOT NULL,
            fields INTEGER NOT NULL,
            machine_seconds REAL NOT NULL,
            baseline_minutes REAL NOT NULL,
            remaining_minutes REAL NOT NULL,
            review_estimate_minutes REAL NOT NULL,
            saved_minutes REAL NOT NULL,
            rule_id TEXT NOT NULL REFERENCES savings_rules (rule_id),
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL
        );
        CREATE UNIQUE INDEX documents_counted_once ON documents (workflow, workflow_version, document_hash);
        CREATE INDEX documents_by_time ON documents (processed_at);
        CREATE TABLE review_resolutions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL UNIQUE REFERENCES documents (id),
            document_row_hash TEXT NOT NULL,
            resolved_at TEXT NOT NULL,
            minutes_spent REAL NOT NULL,
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL
        );
        """
}
