/// Walks one table's rows in id order and reports breaks in its hash chain.
struct ChainWalker {
    let table: String
    private(set) var problems: [IntegrityProblem] = []
    private(set) var count = 0
    private(set) var lastID = 0
    private(set) var head = DocumentHash.genesis
    private(set) var seenHashes: Set<String> = []

    init(table: String) { self.table = table }

    /// Checks the next row: its id follows the last, it links to the last row's hash, and its
    /// content still matches its own hash.
    mutating func check(id: Int, prevHash: String, rowHash: String, computed: String) {
        count += 1
        if id != lastID + 1 {
            let range = id - 1 > lastID + 1 ? "\(lastID + 1)–\(id - 1)" : "\(lastID + 1)"
            report(id, .deleted, "row(s) \(range) are missing between row \(lastID) and row \(id)")
        } else if prevHash != head {
            let before = lastID == 0 ? "the start of the chain" : "row \(lastID)"
            report(
                id, .inserted, "does not link to \(before): a row was inserted, re-ordered or re-sealed here")
        }
        if computed != rowHash {
            report(id, .edited, "its content no longer matches the hash it was sealed with")
        }
        lastID = id
        head = rowHash
        seenHashes.insert(rowHash)
    }

    /// Checks that no rows were cut from the end: SQLite remembers the highest id ever used.
    mutating func finish(highestIDEverUsed: Int) {
        if highestIDEverUsed > lastID {
            let range =
                highestIDEverUsed > lastID + 1 ? "\(lastID + 1)–\(highestIDEverUsed)" : "\(lastID + 1)"
            report(nil, .deleted, "row(s) \(range) were removed from the end of the chain")
        }
    }

    /// Adds a problem about this table.
    mutating func report(_ id: Int?, _ kind: IntegrityProblem.Kind, _ detail: String) {
        problems.append(IntegrityProblem(table: table, rowID: id, kind: kind, detail: detail))
    }
}
