/// Writes a report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts,
/// no fonts or files from elsewhere, so it opens on an office PC with nothing installed.
struct HTMLReport {
    let report: LedgerReport

    /// The page.
    func render() -> String {
        var body = [header(), summary(), monthlyChart(), rateChart()]
        if !report.programs.isEmpty || !report.workflowTargets.isEmpty { body.append(targets()) }
        for breakdown in report.breakdowns {
            body.append("<h2>\(Markup.escape(breakdown.grouping.title))</h2>\n" + table(breakdown.lines))
        }
        if !report.reviewTimes.isEmpty { body.append(ReviewTimesRender.html(report.reviewTimes)) }
        body.append(footer())
        return """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>時間削減台帳 報告 — \(Markup.escape(report.periodText))</title>
            <style>
            \(HTMLStyle.css)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private func header() -> String {
        """
        <h1>時間削減台帳 報告 <small>Time-saved ledger report</small></h1>
        <p class="period">\(Markup.escape(report.periodText)) · 作成 \(Markup.escape(report.generatedAt))</p>
        """
    }

    private func summary() -> String {
        let totals = report.totals
        let cards = [
            ("削減時間 hours saved", NumberText.hours(totals.hoursSaved) + " h"),
            (
                "削減率 reduction rate (目標 \(NumberText.percent(report.reductionTarget)))",
                NumberText.percent(totals.reductionRate) + " " + report.totalsMark.rawValue
            ),
            ("業務平均削減率 average per workflow", NumberText.percent(report.averageWorkflowReductionRate)),
            ("処理件数 documents", NumberText.count(totals.documents)),
            ("確認待ち waiting for review", NumberText.count(totals.waiting)),
            ("ストレート処理率 straight-through", NumberText.percent(totals.straightThroughRate)),
        ]
        return "<div class=\"cards\">"
            + cards.map {
                "<div class=\"card\"><div class=\"name\">\(Markup.escape($0.0))</div><div class=\"value\">\(Markup.escape($0.1))</div></div>"
            }
            .joined() + "</div>"
    }

    private func monthlyChart() -> String {
        """
        <h2>月別 削減時間と目標 (hours saved per month)</h2>
        <div class="legend"><span><i class="swatch" style="background:#2f6db5"></i>削減時間 hours saved</span>\
        <span><i class="swatch" style="background:#c0392b"></i>目標 monthly target</span></div>
        \(MonthlyChart(months: report.months).render())
        """
    }

    private func rateChart() -> String {
        let lines = report.breakdowns.first { $0.grouping == .workflow }?.lines ?? []
        return """
            <h2>業務別 削減率 (reduction rate per workflow, target \(NumberText.percent(report.reductionTarget)))</h2>
            \(RateChart(lines: lines, target: report.reductionTarget).render())
            """
    }

    private func table(_ lines: [ReportLine]) -> String {
        let head =
            "<tr><th></th><th>件数</th><th>自動処理</th><th>確認</th><th>確認待ち</th><th>差戻し・失敗</th><th>削減時間 (h)</th>"
            + "<th>従前時間 (h)</th><th>削減率</th><th>評価</th><th>ストレート処理率</th></tr>"
        let rows = lines.map { line in
            let figures = line.figures
            return "<tr><td>\(Markup.escape(line.label))</td><td>\(NumberText.count(figures.documents))</td>"
                + "<td>\(NumberText.count(figures.accepted))</td><td>\(NumberText.count(figures.reviewed))</td>"
                + "<td>\(NumberText.count(figures.waiting))</td>"
                + "<td>\(NumberText.count(figures.rejected + figures.failed))</td>"
                + "<td>\(NumberText.hours(figures.hoursSaved))</td><td>\(NumberText.hours(figures.baselineMinutes / 60))</td>"
                + "<td>\(NumberText.percent(figures.reductionRate))</td>\(markCell(line.mark))"
                + "<td>\(NumberText.percent(figures.straightThroughRate))</td></tr>"
        }
        return "<table>\n" + ([head] + rows).joined(separator: "\n") + "\n</table>"
    }

    private func targets() -> String {
        let head =
            "<tr><th>目標</th><th>目標時間 (h)</th><th>実績 (h)</th><th>達成率</th><th>今日までの目安 (h)</th><th>評価</th></tr>"
        var rows = [String]()
        for progress in report.programs + report.workflowTargets {
            let span =
                progress.fromFiscalYear == progress.toFiscalYear
                ? ""
                : " (\(FiscalYear(progress.fromFiscalYear).label)–\(FiscalYear(progress.toFiscalYear).label))"
            rows.append(
                "<tr><td>\(Markup.escape(progress.name + span))</td><td>\(NumberText.hours(progress.targetHours))</td>"
                    + "<td>\(NumberText.hours(progress.achievedHours))</td><td>\(NumberText.percent(progress.share))</td>"
                    + "<td>\(NumberText.hours(progress.expectedHoursByNow))</td>\(markCell(progress.mark))</tr>"
            )
            if progress.byFiscalYear.count > 1 {
                for year in progress.byFiscalYear {
                    rows.append(
                        "<tr><td>　\(Markup.escape(year.label))</td><td></td><td>\(NumberText.hours(year.hours))</td>"
                            + "<td></td><td></td><td></td></tr>")
                }
            }
        }
        return "<h2>目標に対する進捗 (progress against targets)</h2>\n<table>\n"
            + ([head] + rows).joined(separator: "\n") + "\n</table>"
    }

    private func markCell(_ mark: Mark) -> String {
        let kind: String
        switch mark {
        case .met: kind = "m-met"
        case .below: kind = "m-below"
        case .stopped: kind = "m-stopped"
        case .none: kind = ""
        }
        return "<td class=\"mark \(kind)\">\(mark.rawValue)</td>"
    }

    private func footer() -> String {
        """
        <footer>
        <p>削減時間 = 従前時間 (件数 × 1件あたりの所要時間) − 残存時間 (処理後も人が要する時間)。削減率 = 削減時間 ÷ 従前時間。\
        確認待ちの書類は、確認が終わるまで削減時間に数えません (従前時間がそのまま残存時間)。\
        ストレート処理率 = 確認なしで処理された件数 ÷ 処理件数。期間は日本時間 (Asia/Tokyo)、年度は4月1日〜3月31日。\
        評価: ○ 目標以上 · △ 目標未満 · × 期間内の実績なし。</p>
        <p>Ledger head: \(NumberText.count(report.ledgerDocuments)) documents, last row <code>\(report.ledgerHead)</code> \
        — <code>rpa ledger verify --anchor \(report.ledgerHead)</code> proves later that no row up to it changed.</p>
        </footer>
        """
    }
}
