/// The shapes a report can be written in (`--format`).
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    /// Aligned text for a terminal.
    case table
    /// UTF-8 with BOM and CRLF, so Japanese Excel opens it correctly.
    case csv
    /// Pretty-printed JSON of ``LedgerReport``, for other programs.
    case json
    /// One self-contained HTML page with inline SVG charts, to print or mail.
    case html

    /// Renders `report` in this format.
    public func render(_ report: LedgerReport) -> String {
        switch self {
        case .table: return TableReport(report: report).render()
        case .csv: return CSVReport(report: report).render()
        case .json: return JSONReport.render(report)
        case .html: return HTMLReport(report: report).render()
        }
    }
}

extension LedgerReport {
    /// `2024-04-01 – 2025-03-31 (Japan time)` or `all documents`.
    var periodText: String {
        switch (from, to) {
        case (nil, nil): return "all documents (Japan time)"
        case (let from?, nil): return "from \(from) (Japan time)"
        case (nil, let to?): return "up to \(to) (Japan time)"
        case (let from?, let to?): return "\(from) – \(to) (Japan time)"
        }
    }
}
