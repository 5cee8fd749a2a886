/// The ledger's tables in PostgreSQL: the same tables, columns and hash chains as the SQLite
/// schema at version 4 (``LedgerSchema``), so one set of queries serves both.
///
/// SQLite's `sqlite_sequence` is kept by hand in `ledger_sequences` (a trigger notes every id
/// appended), so `verify` still finds rows cut from a chain's end. Row triggers refuse UPDATE and
/// DELETE and a statement trigger refuses TRUNCATE, which row triggers do not see.
enum PostgresSchema {
    /// Migrations in order, by the version name recorded in `rpa_schema_versions`. A released
    /// migration is never changed; add a new one.
    static let migrations: [(String, String)] = [("v4-shared-ledger", v4)]

    /// Names of the triggers that keep `table` append-only.
    static func triggerNames(_ table: String) -> [String] {
        ["\(table)_no_update", "\(table)_no_delete", "\(table)_no_truncate"]
    }

    private static func guards(_ table: String) -> String {
        let names = triggerNames(table)
        return """
            CREATE TRIGGER \(names[0]) BEFORE UPDATE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
            CREATE TRIGGER \(names[1]) BEFORE DELETE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
            CREATE TRIGGER \(names[2]) BEFORE TRUNCATE ON \(table)
                FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
            CREATE TRIGGER \(table)_sequence AFTER INSERT ON \(table)
                FOR EACH ROW EXECUTE FUNCTION ledger_note_sequence();
            """
    }

    private static let v4 =
        """
        CREATE TABLE ledger_sequences (name TEXT PRIMARY KEY, seq BIGINT NOT NULL);
        CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the ledger is append-only: % rows are never %d', TG_TABLE_NAME, lower(TG_OP);
        END $$;
        CREATE FUNCTION ledger_note_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO ledger_sequences (name, seq) VALUES (TG_TABLE_NAME, NEW.id)
            ON CONFLICT (name) DO UPDATE SET seq = GREATEST(ledger_sequences.seq, EXCLUDED.seq);
            RETURN NEW;
        END $$;
        CREATE TABLE savings_rules (
            id BIGINT PRIMARY KEY,
            rule_id TEXT NOT NULL UNIQUE,
            workflow TEXT NOT NULL,
            version BIGINT NOT NULL,
            valid_from TEXT NOT NULL,
            source TEXT NOT NULL,
            baseline_minutes_per_document DOUBLE PRECISION NOT NULL,
            baseline_minutes_per_field DOUBLE PRECISION NOT NULL,
            handling_minutes_per_document DOUBLE PRECISION NOT NULL,
            review_minutes_per_document DOUBLE PRECISION NOT NULL,
            registered_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL,
            UNIQUE (workflow, version)
        );
        CREATE TABLE documents (
            id BIGINT PRIMARY KEY,
            processed_at TEXT NOT NULL,
            workflow TEXT NOT NULL,
            workflow_version TEXT NOT NULL,
            department TEXT NOT NULL,
            document_hash TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'reviewed', 'rejected', 'failed')),
            pages BIGINT NOT NULL,
            fields BIGINT NOT NULL,
            machine_seconds DOUBLE PRECISION NOT NULL,
            baseline_minutes DOUBLE PRECISION NOT NULL,
            remaining_minutes DOUBLE PRECISION NOT NULL,
            review_estimate_minutes DOUBLE PRECISION NOT NULL,
            saved_minutes DOUBLE PRECISION NOT NULL,
            rule_id TEXT NOT NULL REFERENCES savings_rules (rule_id),
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL
        );
        CREATE UNIQUE INDEX documents_counted_once ON documents (workflow, workflow_version, document_hash);
        CREATE INDEX documents_by_time ON documents (processed_at);
        CREATE TABLE review_resolutions (
            id BIGINT PRIMARY KEY,
            document_id BIGINT NOT NULL UNIQUE REFERENCES documents (id),
            document_row_hash TEXT NOT NULL,
            resolved_at TEXT NOT NULL,
            minutes_spent DOUBLE PRECISION NOT NULL,
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL,
            outcome TEXT CHECK (outcome IS NULL OR outcome IN ('accepted', 'corrected', 'rejected')),
            overridden BIGINT,
            reviewer TEXT,
            measured BIGINT CHECK (measured IS NULL OR measured IN (0, 1)),
            fields_changed TEXT
        );
        CREATE TABLE review_corrections (
            id BIGINT PRIMARY KEY,
            resolution_id BIGINT NOT NULL REFERENCES review_resolutions (id),
            resolution_row_hash TEXT NOT NULL,
            corrected_at TEXT NOT NULL,
            minutes_spent DOUBLE PRECISION NOT NULL,
            prev_hash TEXT NOT NULL,
            row_hash TEXT NOT NULL
        );
        CREATE INDEX review_corrections_by_resolution ON review_corrections (resolution_id);
        CREATE TABLE workflow_labels (
            workflow TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """ + LedgerSchema.chainedTables.map(guards).joined(separator: "\n") + LedgerSchema.workClaims
}
