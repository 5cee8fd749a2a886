/// The end of one table's hash chain: where the next row attaches.
struct ChainTip {
    /// Hash of the last row (64 zeros for an empty table).
    var lastHash: String
    /// Id the next row gets: one past the highest id the table ever used.
    var nextID: Int

    /// Reads the tip of `table` inside the current transaction.
    init(_ db: any SQLConnection, table: String) throws {
        let last = try db.row("SELECT id, row_hash FROM \(table) ORDER BY id DESC LIMIT 1")
        let sequence: Int = try db.scalar(db.dialect.highestIDQuery, [table]) ?? 0
        let lastID: Int = try last?[0] ?? 0
        lastHash = try last?[1] ?? DocumentHash.genesis
        nextID = max(sequence, lastID) + 1
    }

    /// Moves the tip past a row just appended.
    mutating func advance(to hash: String) {
        lastHash = hash
        nextID += 1
    }
}
