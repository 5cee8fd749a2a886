/// The measured-versus-estimate section of the text, HTML and CSV reports.
enum ReviewTimesRender {
    /// Section heading, shared by the text and HTML reports.
    static let title = "確認時間 review minutes: measured median vs the savings rule's estimate"
    /// The mark of a line whose estimate is off.
    static let flag = "要見直し update rule"

    /// Aligned text: one row per rule version, then each flagged line in words.
    static func text(_ lines: [ReviewTimeLine]) -> String {
        var table = TextTable(
            headers: [
                "業務 workflow", "rule", "見積 est. min", "実測中央値 median min", "実測 measured", "入力 typed",
                "差 off by", "所見 finding",
            ], rightAligned: [2, 3, 4, 5, 6])
        table.rows = lines.map { line in
            [
                line.label, line.ruleID, NumberText.minutes(line.estimateMinutes),
                line.measuredMedianMinutes.map(NumberText.minutes) ?? "—",
                NumberText.count(line.measuredReviews),
                NumberText.count(line.typedReviews), line.deviation.map(NumberText.signedPercent) ?? "—",
                line.estimateOff ? flag : "",
            ]
        }
        let notes = lines.filter(\.estimateOff).map { "  ! \($0.label) (\($0.ruleID)): \($0.summary)" }
        return ([title, table.render()] + notes).joined(separator: "\n")
    }

    /// An HTML table; flagged rows carry the `off` class and their summary.
    static func html(_ lines: [ReviewTimeLine]) -> String {
        let head =
            "<tr><th>業務</th><th>規則 rule</th><th>見積 (分)</th><th>実測中央値 (分)</th><th>実測件数</th>"
            + "<th>入力件数</th><th>差</th><th>所見 finding</th></tr>"
        let rows = lines.map { line in
            "<tr\(line.estimateOff ? " class=\"off\"" : "")><td>\(Markup.escape(line.label))</td>"
                + "<td>\(Markup.escape(line.ruleID))</td><td>\(NumberText.minutes(line.estimateMinutes))</td>"
                + "<td>\(line.measuredMedianMinutes.map(NumberText.minutes) ?? "—")</td>"
                + "<td>\(NumberText.count(line.measuredReviews))</td><td>\(NumberText.count(line.typedReviews))</td>"
                + "<td>\(line.deviation.map(NumberText.signedPercent) ?? "—")</td>"
                + "<td class=\"summary\">\(Markup.escape(line.summary))</td></tr>"
        }
        return "<h2>\(Markup.escape(title))</h2>\n<table class=\"review-times\">\n"
            + ([head] + rows).joined(separator: "\n") + "\n</table>"
    }

    /// Headers of the CSV columns appended after the figures.
    static let csvHeaders = ["確認見積(分)", "確認実測中央値(分)", "実測件数", "入力件数", "見積との差(%)", "要見直し"]

    /// The CSV group name of these rows.
    static let csvGroup = "確認時間 (review minutes)"

    /// The appended CSV cells of one line.
    static func csvCells(_ line: ReviewTimeLine) -> [String] {
        [
            NumberText.plain(line.estimateMinutes, decimals: 3),
            line.measuredMedianMinutes.map { NumberText.plain($0, decimals: 3) } ?? "",
            String(line.measuredReviews), String(line.typedReviews),
            line.deviation.map { NumberText.plain($0 * 100, decimals: 1) } ?? "",
            line.estimateOff ? "要見直し" : "",
        ]
    }
}
