/// The canonical text of a ledger row, the input of its chain hash.
///
/// Format (documented in docs/ledger.md so an auditor can recompute it with any tool):
/// `rpa-ledger/1|<table>` followed, for each column in a fixed order, by
/// `|<UTF-8 byte length>:<value>`. Integers are written in decimal, amounts in the shortest
/// decimal that reads back as the same number (`12.0`, `4.5`). The row hash is
/// `SHA-256(previous row hash + "\n" + canonical text)` in lowercase hex; the first row's
/// previous hash is 64 zeros. Length prefixes make the text unambiguous whatever the values hold;
/// a NULL text column (from schema v3 on) is written `|-`, which no length prefix can start with.
struct CanonicalRecord {
    private(set) var text: String

    /// Starts the record of a row of `table`.
    init(table: String) { text = "rpa-ledger/1|" + table }

    /// Appends a text column.
    mutating func add(_ value: String) {
        text += "|" + String(value.utf8.count) + ":" + value
    }

    /// Appends a text column that may be NULL, so that NULL and an empty text hash differently.
    mutating func add(optional value: String?) {
        if let value { add(value) } else { text += "|-" }
    }

    /// Appends an integer column.
    mutating func add(_ value: Int) { add(String(value)) }

    /// Appends an amount column.
    mutating func add(_ value: Double) { add(value.description) }

    /// The row hash given the previous row's hash.
    func hash(previous: String) -> String {
        DocumentHash.sha256(text: previous + "\n" + text)
    }
}
