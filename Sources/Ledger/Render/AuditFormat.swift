import Foundation

/// The shapes the audit trail can be written in (`rpa ledger audit --format`).
public enum AuditFormat: String, Sendable, CaseIterable, Codable {
    /// Aligned text for a terminal.
    case table
    /// UTF-8 with BOM and CRLF, so Japanese Excel opens it correctly.
    case csv
    /// Pretty-printed JSON of ``AuditTrail``, every key present (`null` when absent).
    case json

    /// Renders `trail` in this format.
    public func render(_ trail: AuditTrail) -> String {
        switch self {
        case .table: return AuditFormat.table(trail)
        case .csv: return AuditFormat.csv(trail)
        case .json: return JSONReport.encode(trail)
        }
    }

    private static let headers = [
        "resolved at (Japan)", "document", "workflow", "version", "reviewer", "outcome", "overridden",
        "fields changed", "minutes", "measured/typed", "corrections", "counted minutes",
    ]

    /// The cells of one entry, as text and CSV show them, each one plain line.
    private static func cells(_ entry: AuditEntry) -> [String] {
        [
            entry.resolvedAt, entry.document, entry.workflow, entry.workflowVersion, entry.reviewer ?? "—",
            entry.outcome.rawValue, entry.overridden ? "yes" : "no",
            entry.fieldsChanged.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") }
                ?? "not recorded",
            NumberText.minutes(entry.minutes), entry.measured ? "measured" : "typed",
            entry.corrections.map { "\(NumberText.minutes($0.minutes)) at \($0.correctedAt)" }.joined(
                separator: "; "),
            NumberText.minutes(entry.countedMinutes),
        ].map(plain)
    }

    private static func table(_ trail: AuditTrail) -> String {
        let scope = trail.workflow.map { " of workflow \(plain($0))" } ?? ""
        let title =
            "Review resolutions\(scope): \(NumberText.count(trail.resolutions.count)), made \(trail.generatedAt)"
        guard !trail.resolutions.isEmpty else { return title + "\n" }
        var table = TextTable(headers: headers, rightAligned: [8, 11])
        table.rows = trail.resolutions.map(cells)
        return title + "\n" + table.render() + "\n"
    }

    private static func csv(_ trail: AuditTrail) -> String {
        let rows = [headers] + trail.resolutions.map(cells)
        return "\u{FEFF}"
            + rows.map { $0.map(CSVReport.escape).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Text from the ledger as one plain line: control and formatting characters (which a row
    /// edited by hand could hold) become U+FFFD, so a listing cannot move the cursor or reorder text.
    static func plain(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    switch scalar.properties.generalCategory {
                    case .control, .format, .lineSeparator, .paragraphSeparator: return "\u{FFFD}"
                    default: return scalar
                    }
                }))
    }
}
