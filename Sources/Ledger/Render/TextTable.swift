/// A plain-text table whose columns line up in a terminal, counting CJK characters as two cells.
struct TextTable {
    /// Column headings.
    let headers: [String]
    /// Which columns are right-aligned (numbers).
    let rightAligned: Set<Int>
    /// The rows, one string per column.
    var rows: [[String]] = []

    /// The table, indented by two spaces, one line per row.
    func render() -> String {
        var widths = headers.map(TextTable.width)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], TextTable.width(cell))
            }
        }
        let lines = ([headers] + rows).map { row in
            "  "
                + row.enumerated().map { index, cell in
                    let gap = String(repeating: " ", count: max(0, widths[index] - TextTable.width(cell)))
                    return rightAligned.contains(index) ? gap + cell : cell + gap
                }.joined(separator: "  ")
        }
        let rule = "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([lines[0], rule] + lines.dropFirst()).map(TextTable.trimTrailing).joined(separator: "\n")
    }

    /// Terminal cells a string takes: East Asian wide and full-width characters take two.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1.value) ? 2 : 1) }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value)
    }

    private static func trimTrailing(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
