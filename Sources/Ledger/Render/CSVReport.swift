import Foundation

/// Writes a report's totals and breakdowns as CSV that Japanese Excel opens correctly:
/// UTF-8 with a byte-order mark, CRLF line ends, numbers without separators. Measured review
/// minutes follow as rows of their own, in columns appended after the figures' so every row has
/// the same columns.
struct CSVReport {
    let report: LedgerReport

    static let headers =
        [
            "区分", "キー", "項目", "件数", "自動処理", "確認", "確認待ち", "差戻し", "失敗", "従前時間(h)", "残存時間(h)", "削減時間(h)",
            "削減率", "評価", "ストレート処理率",
        ] + ReviewTimesRender.csvHeaders

    /// The CSV text, starting with U+FEFF.
    func render() -> String {
        var rows = [CSVReport.headers]
        rows.append(row("合計", "total", report.periodText, report.totals, report.totalsMark))
        for breakdown in report.breakdowns {
            for line in breakdown.lines {
                rows.append(row(breakdown.grouping.title, line.key, line.label, line.figures, line.mark))
            }
        }
        // Measured review minutes: the figure columns stay empty, the appended ones are filled.
        let blank = Array(
            repeating: "", count: CSVReport.headers.count - ReviewTimesRender.csvHeaders.count - 3)
        for line in report.reviewTimes {
            rows.append(
                [ReviewTimesRender.csvGroup, line.ruleID, line.label] + blank
                    + ReviewTimesRender.csvCells(line))
        }
        return "\u{FEFF}"
            + rows.map { $0.map(CSVReport.escape).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private func row(_ group: String, _ key: String, _ label: String, _ figures: Figures, _ mark: Mark)
        -> [String]
    {
        [
            group, key, label, String(figures.documents), String(figures.accepted), String(figures.reviewed),
            String(figures.waiting), String(figures.rejected), String(figures.failed),
            NumberText.plain(figures.baselineMinutes / 60, decimals: 2),
            NumberText.plain(figures.remainingMinutes / 60, decimals: 2),
            NumberText.plain(figures.hoursSaved, decimals: 2),
            figures.reductionRate.map { NumberText.plain($0 * 100, decimals: 1) + "%" } ?? "",
            mark.rawValue,
            figures.straightThroughRate.map { NumberText.plain($0 * 100, decimals: 1) + "%" } ?? "",
        ] + Array(repeating: "", count: ReviewTimesRender.csvHeaders.count)
    }

    /// Quotes a cell that holds a comma, quote or line break, and a leading =,+,-,@ that Excel
    /// would run as a formula.
    static func escape(_ cell: String) -> String {
        var cell = cell
        if let first = cell.first, "=+-@".contains(first), Double(cell) == nil { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
