/// Everything the ledger can refuse, each with a message that says what to do next.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database could not be opened, read or written.
    case storage(path: String, action: String, reason: String)
    /// The file is not an SQLite database, or is damaged.
    case corrupt(path: String)
    /// The path (or the file a link at it leads to) is a device, pipe, socket or folder: refused
    /// before anything opened it.
    case notAFile(path: String, kind: String)
    /// The ledger cannot be created or written where it is: a read-only place, or no permission.
    case notWritable(path: String, reason: String)
    /// The document hash is not a SHA-256 hex digest.
    case invalidDocumentHash(String)
    /// A field of an entry or rule is out of range or empty.
    case invalidValue(field: String, reason: String)
    /// No savings rule for the workflow is valid on the document's day.
    case noSavingsRule(workflow: String, day: LedgerDay)
    /// A new rule version would start before the version it replaces.
    case ruleStartsTooEarly(workflow: String, validFrom: LedgerDay, currentFrom: LedgerDay)
    /// The document to resolve is not in the ledger.
    case documentNotFound(workflow: String, version: String, documentHash: String)
    /// The document did not go to review, so there is nothing to resolve.
    case notInReview(documentHash: String, outcome: Outcome)
    /// The review of this document was already resolved.
    case alreadyResolved(documentHash: String)
    /// A second resolution of the document with another outcome than the one recorded.
    case conflictingResolution(documentHash: String, recorded: ReviewOutcome, asked: ReviewOutcome)
    /// A review correction was asked for a document whose review is not resolved.
    case notResolved(documentHash: String)
    /// The ledger counts this workflow under its display name (the layout before workflow ids).
    case legacyWorkflowKey(path: String, name: String, id: String)
    /// The reviewer's name given with a review resolution is empty, too long or not one plain line.
    case invalidReviewer(reason: String)
    /// A date or period argument could not be read.
    case invalidDate(String)
    /// A targets file could not be read.
    case invalidTargets(path: String, reason: String)
    /// A report or check was asked of a ledger file that does not exist.
    case ledgerMissing(path: String)
    /// A `postgresql://` address could not be read.
    case invalidAddress(String)
    /// The PostgreSQL server could not be reached, refused the login, or went away mid-transaction
    /// (which then committed nothing).
    case unreachable(server: String, reason: String)

    public var description: String {
        switch self {
        case .storage(let path, let action, let reason):
            return "ledger \(path): could not \(action): \(reason). "
                + "Check that the file is a ledger made by rpa, that its folder is writable, "
                + "or choose another file with --ledger PATH / RPA_LEDGER."
        case .corrupt(let path):
            return "ledger \(path) is damaged or is not a ledger, and nothing was written to it: restore it "
                + "from a backup (docs/ledger.md, Backups), or choose another file with --ledger PATH / RPA_LEDGER."
        case .notAFile(let path, let kind):
            return "ledger \(path) is \(kind), not a ledger file, and was not opened: choose the ledger's "
                + "file with --ledger PATH / RPA_LEDGER."
        case .notWritable(let path, let reason):
            return "ledger \(path) cannot be written here (\(reason)): make its folder writable for this "
                + "user, or choose another file with --ledger PATH / RPA_LEDGER."
        case .invalidDocumentHash(let value):
            return "document hash '\(value.prefix(80))' is not a SHA-256 digest: pass the 64 hexadecimal "
                + "characters of the document's SHA-256 (DocumentHash.sha256(of:)), never a file name."
        case .invalidValue(let field, let reason):
            return "\(field) \(reason)."
        case .noSavingsRule(let workflow, let day):
            return "no savings rule for workflow '\(workflow)' is valid on \(day): register one valid from "
                + "\(day) or earlier (Ledger.register(rule:)) before recording its documents."
        case .ruleStartsTooEarly(let workflow, let validFrom, let currentFrom):
            return "the new savings rule for '\(workflow)' starts \(validFrom), before the current version "
                + "(valid from \(currentFrom)): a rule is never changed in the past; give it a date on or "
                + "after \(currentFrom)."
        case .documentNotFound(let workflow, let version, let hash):
            return "document \(hash) of workflow '\(workflow)' version \(version) is not in the ledger: "
                + "check the hash, workflow name and version it was recorded under."
        case .notInReview(let hash, let outcome):
            return "document \(hash) was recorded as \(outcome.rawValue), not reviewed: only reviewed "
                + "documents have review minutes to resolve."
        case .alreadyResolved(let hash):
            return "the review of document \(hash) is already resolved: a resolution is recorded once and "
                + "never changed."
        case .conflictingResolution(let hash, let recorded, let asked):
            return "document \(hash.prefix(12)) is resolved as \(recorded.rawValue) in the ledger, not "
                + "\(asked.rawValue): a resolution is recorded once; `rpa ledger verify --workflow` names "
                + "every document where the ledger and the run state disagree"
        case .notResolved(let hash):
            return "the review of document \(hash) is not resolved yet: resolve it first "
                + "(rpa review resolve); only a recorded review time can be corrected."
        case .legacyWorkflowKey(let path, let name, let id):
            return "ledger \(path) counts workflow '\(name)' under its display name, as rpa 0.1 did; "
                + "documents are now counted under the workflow id '\(id)'. Its rows are sealed and "
                + "cannot be re-keyed: keep it as the record of what it counted and continue in a new "
                + "ledger with --ledger NEW.sqlite or RPA_LEDGER (see docs/ledger.md, Migrating)."
        case .invalidReviewer(let reason):
            return "the reviewer's name \(reason): give the name or user name of the person who resolved "
                + "the review as 1 to \(Validate.maximumReviewerLength) characters on one line, without "
                + "control characters (spaces around it are dropped)."
        case .invalidDate(let value):
            return "'\(value)' is not a date: write YYYY-MM-DD (for example 2025-03-31)."
        case .invalidTargets(let path, let reason):
            return "targets file \(path): \(reason). See docs/ledger.md, section Targets, for the format."
        case .invalidAddress(let reason):
            return "the ledger's PostgreSQL address cannot be read: \(reason). Write it as "
                + "postgresql://USER@HOST:PORT/DATABASE (the password in PGPASSFILE or PGPASSWORD, "
                + "never on the command line); see docs/several-machines.md."
        case .unreachable(let server, let reason):
            return "the shared ledger \(server) cannot be reached (\(reason)); nothing was counted by the "
                + "step that failed. Check that the server is running and reachable from this machine, "
                + "and the role's password (PGPASSFILE), then run again: documents already counted are "
                + "not counted twice."
        case .ledgerMissing(let path):
            return "no ledger at \(path): run a workflow first, or point to the ledger with --ledger PATH "
                + "or the RPA_LEDGER environment variable."
        }
    }
}
