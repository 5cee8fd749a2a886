/// Writes a report as aligned text for a terminal.
struct TableReport {
    let report: LedgerReport

    /// The whole report.
    func render() -> String {
        var parts = [header()]
        for breakdown in report.breakdowns {
            parts.append(breakdown.grouping.title + "\n" + table(breakdown.lines).render())
        }
        if !report.reviewTimes.isEmpty { parts.append(ReviewTimesRender.text(report.reviewTimes)) }
        if !report.programs.isEmpty || !report.workflowTargets.isEmpty {
            parts.append(targets())
        }
        parts.append(
            "Ledger head: \(NumberText.count(report.ledgerDocuments)) documents, last row \(report.ledgerHead)\n"
                + "(publish it with this report; `rpa ledger verify --anchor HASH` proves later that nothing up to it changed)"
        )
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func header() -> String {
        let totals = report.totals
        let target = NumberText.percent(report.reductionTarget)
        return """
            時間削減台帳 Time-saved ledger — \(report.periodText), made \(report.generatedAt)
            Documents \(NumberText.count(totals.documents)) (accepted \(NumberText.count(totals.accepted)), \
            reviewed \(NumberText.count(totals.reviewed)), waiting for review \(NumberText.count(totals.waiting)), \
            rejected \(NumberText.count(totals.rejected)), failed \(NumberText.count(totals.failed)))
            Hours saved \(NumberText.hours(totals.hoursSaved)) h of \(NumberText.hours(totals.baselineMinutes / 60)) h \
            before automation
            Reduction rate \(NumberText.percent(totals.reductionRate)) \(report.totalsMark.rawValue) \
            (target \(target)); average per workflow \(NumberText.percent(report.averageWorkflowReductionRate)); \
            straight-through \(NumberText.percent(totals.straightThroughRate))
            """
    }

    private func table(_ lines: [ReportLine]) -> TextTable {
        var table = TextTable(
            headers: ["", "件数 docs", "削減時間 h saved", "従前時間 h before", "削減率 reduction", "評価", "ストレート率 STP"],
            rightAligned: [1, 2, 3, 4, 6])
        table.rows = lines.map { line in
            [
                line.label, NumberText.count(line.figures.documents),
                NumberText.hours(line.figures.hoursSaved),
                NumberText.hours(line.figures.baselineMinutes / 60),
                NumberText.percent(line.figures.reductionRate),
                line.mark.rawValue, NumberText.percent(line.figures.straightThroughRate),
            ]
        }
        return table
    }

    private func targets() -> String {
        var table = TextTable(
            headers: ["目標 target", "目標時間 h", "実績 h achieved", "達成率", "今日までの目安 h", "評価"],
            rightAligned: [1, 2, 3, 4])
        for progress in report.programs + report.workflowTargets {
            let years =
                progress.fromFiscalYear == progress.toFiscalYear
                ? ""
                : " \(FiscalYear(progress.fromFiscalYear).label)–\(FiscalYear(progress.toFiscalYear).label)"
            table.rows.append([
                progress.name + years, NumberText.hours(progress.targetHours),
                NumberText.hours(progress.achievedHours),
                NumberText.percent(progress.share), NumberText.hours(progress.expectedHoursByNow),
                progress.mark.rawValue,
            ])
            if progress.byFiscalYear.count > 1 {
                for year in progress.byFiscalYear {
                    table.rows.append(["    " + year.label, "", NumberText.hours(year.hours), "", "", ""])
                }
            }
        }
        return "目標に対する進捗 (progress against targets)\n" + table.render()
    }
}
