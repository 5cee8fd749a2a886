import GRDB

/// The end of one table's hash chain: where the next row attaches.
struct ChainTip {
    /// Hash of the last row (64 zeros for an empty table).
    var lastHash: String
    /// Id the next row gets: one past the highest id the table ever used.
    var nextID: Int

    /// Reads the tip of `table` inside the current transaction.
    init(_ db: Database, table: String) throws {
        let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, row_hash FROM \(table) ORDER BY id DESC LIMIT 1"))
        let sequenceQuery = try db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = ?")
        let sequence = try Int.fetchOne(sequenceQuery, arguments: [table]) ?? 0
        let lastID: Int = last?[0] ?? 0
        lastHash = last?[1] ?? DocumentHash.genesis
        nextID = max(sequence, lastID) + 1
    }

    /// Moves the tip past a row just appended.
    mutating func advance(to hash: String) {
        lastHash = hash
        nextID += 1
    }
}
