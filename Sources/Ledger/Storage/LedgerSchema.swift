import GRDB

/// The ledger's tables, created and upgraded through GRDB migrations.
///
/// Four append-only tables, each its own hash chain: `savings_rules`, `documents`,
/// `review_resolutions` and `review_corrections`. Triggers refuse UPDATE and DELETE so that no
/// tool edits a row by accident; `verify` finds the rows of anyone who removes the triggers to do
/// so. `workflow_labels` holds each workflow's display name: a label for reports, not a figure.
enum LedgerSchema {
    /// Tables that form hash chains, in the order `verify` walks them.
    static let chainedTables = ["savings_rules", "documents", "review_resolutions", "review_corrections"]

    /// The migrations, in order. A released migration is never changed; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: v1)
            for table in chainedTables.prefix(3) {
                try db.execute(sql: guardTriggers(table))
            }
        }
        // What a review ended in (a rejection claims nothing), explicit overrides, appended minute
        // corrections, and workflow labels. Rows resolved before v2 keep NULL in the new columns.
        migrator.registerMigration("v2-review-outcomes") { db in
            try db.execute(sql: v2)
            try db.execute(sql: guardTriggers("review_corrections"))
        }
        // Who resolved a review, whether its minutes were measured or typed, and the names of the
        // fields changed. Rows resolved before v3 keep NULL in all three and their v2 hashes
        // (ResolutionRow.canonical() says how the chain tells them apart).
        migrator.registerMigration("v3-review-audit") { db in
            try db.execute(sql: v3)
        }
        // Claims on documents, so that several `rpa run` processes over one folder read each
        // document once. Not part of any chain: a claim is bookkeeping, not a figure.
        migrator.registerMigration("v4-work-claims") { db in
            try db.execute(sql: workClaims)
        }
        return migrator
    }

    /// Names of the triggers that keep `table` append-only in `dialect`.
    static func triggerNames(_ table: String, _ dialect: SQLDialect = .sqlite) -> [String] {
        switch dialect {
        case .sqlite: return ["\(table)_no_update", "\(table)_no_delete"]
        case .postgresql: return PostgresSchema.triggerNames(table)
        }
    }

    /// Who is reading which document, until when (seconds since 1970 on the database's clock), and
    /// whether it is done; one row per document and workflow version, the same in both engines.
    static let workClaims = """
        CREATE TABLE work_claims (
            workflow TEXT NOT NULL,
            workflow_version TEXT NOT NULL,
            document_hash TEXT NOT NULL,
            holder TEXT NOT NULL,
            claimed_at DOUBLE PRECISION NOT NULL,
            lease_until DOUBLE PRECISION NOT NULL,
            finished INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
            PRIMARY KEY (workflow, workflow_version, document_hash)
        );
        CREATE INDEX work_claims_by_holder ON work_claims (holder, finished);
        """

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

    private static let v2 = """
        ALTER TABLE review_resolutions ADD COLUMN outcome TEXT
            CHECK (outcome IS NULL OR outcome IN ('accepted', 'corrected', 'rejected'));
        ALTER TABLE review_resolutions ADD COLUMN overridden INTEGER;
        CREATE TABLE review_corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            resolution_id INTEGER NOT NULL REFERENCES review_resolutions (id),
            resolution_row_hash TEXT NOT NULL,
            corrected_at TEXT NOT NULL,
            minutes_spent REAL NOT NULL,
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL
        );
        CREATE INDEX review_corrections_by_resolution ON review_corrections (resolution_id);
        CREATE TABLE workflow_labels (
            workflow TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """

    private static let v3 = """
        ALTER TABLE review_resolutions ADD COLUMN reviewer TEXT;
        ALTER TABLE review_resolutions ADD COLUMN measured INTEGER
            CHECK (measured IS NULL OR measured IN (0, 1));
        ALTER TABLE review_resolutions ADD COLUMN fields_changed TEXT;
        """
}
