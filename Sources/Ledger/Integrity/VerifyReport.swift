/// One thing `verify` found wrong, naming the table and row.
public struct IntegrityProblem: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What kind of tampering or damage the evidence points to.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// The row's content no longer matches the hash it was sealed with.
        case edited
        /// Rows are missing from the chain.
        case deleted
        /// The row does not link to the row before it: inserted, re-ordered or re-sealed.
        case inserted
        /// The row's figures do not follow its savings rule, or it references something wrong.
        case inconsistent
        /// A guard of the ledger (append-only trigger, published head) is gone.
        case unguarded
    }

    /// Table the problem is in.
    public let table: String
    /// Row id, when the problem is about one row.
    public let rowID: Int?
    /// What kind of problem.
    public let kind: Kind
    /// What was found, in words.
    public let detail: String

    public var description: String {
        let row = rowID.map { " row \($0)" } ?? ""
        return "\(table)\(row): \(kind.rawValue): \(detail)"
    }
}

/// The result of walking every hash chain in the ledger.
public struct VerifyReport: Sendable, Codable, Hashable {
    /// Rows per table.
    public let rowCounts: [String: Int]
    /// Hash of the last row of each table: publish the documents head with a report, and a later
    /// `verify --anchor HASH` proves that no row up to it was removed or rewritten since.
    public let heads: [String: String]
    /// Everything found wrong; empty when the ledger is intact.
    public let problems: [IntegrityProblem]

    /// True when no problem was found.
    public var isIntact: Bool { problems.isEmpty }
}
