/// Figures of one workflow and department on one day: the unit the database aggregates to,
/// from which every breakdown, chart and target is rolled up.
struct ReportCell: Sendable, Hashable {
    let workflow: String
    let department: String
    let day: LedgerDay
    let figures: Figures
}

extension Array where Element == ReportCell {
    /// Sum of the cells' figures.
    var total: Figures { reduce(into: Figures()) { $0.add($1.figures) } }

    /// Cells whose day lies in `first...last` (either end open when nil).
    func within(_ first: LedgerDay?, _ last: LedgerDay?) -> [ReportCell] {
        filter { cell in
            (first.map { cell.day >= $0 } ?? true) && (last.map { cell.day <= $0 } ?? true)
        }
    }

    /// Sums the figures per key, keeping only keys that occur.
    func grouped<Key: Hashable>(by key: (ReportCell) -> Key) -> [Key: Figures] {
        reduce(into: [Key: Figures]()) { $0[key($1), default: Figures()].add($1.figures) }
    }
}
