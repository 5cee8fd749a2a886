import Foundation

/// Rolls day cells up into a ``LedgerReport``; pure, so the arithmetic is easy to test.
struct ReportBuilder {
    let cells: [ReportCell]
    let knownWorkflows: Set<String>
    /// Display names by workflow id; a workflow without one is shown by its id.
    var labels: [String: String] = [:]
    /// Every resolved review, for the measured-versus-estimate lines.
    var reviews: [ReviewSample] = []
    let query: ReportQuery

    /// Makes the report.
    func build(documents: Int, head: String) -> LedgerReport {
        let inRange = cells.within(query.from, query.to)
        let totals = inRange.total
        let byWorkflow = lines(for: .workflow, inRange)
        let rates = byWorkflow.filter { $0.figures.documents > 0 }.compactMap(\.figures.reductionRate)
        let progress = TargetTracker(cells: cells, targets: query.targets, asOf: LedgerDay(query.asOf))
        return LedgerReport(
            generatedAt: TokyoTime.timestamp(query.asOf), from: query.from, to: query.to,
            reductionTarget: query.targets.reductionRate, totals: totals, totalsMark: mark(totals),
            averageWorkflowReductionRate: rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count),
            breakdowns: query.groupings.map { Breakdown(grouping: $0, lines: lines(for: $0, inRange)) },
            programs: progress.programs(), workflowTargets: progress.workflowYears(),
            reviewTimes: reviews.filter { sample in
                (query.from.map { sample.day >= $0 } ?? true) && (query.to.map { sample.day <= $0 } ?? true)
            }.reviewTimeLines(labels: labels),
            months: monthSeries(inRange, tracker: progress), ledgerDocuments: documents, ledgerHead: head)
    }

    /// The lines of one breakdown.
    func lines(for grouping: Grouping, _ cells: [ReportCell]) -> [ReportLine] {
        switch grouping {
        case .workflow:
            let groups = cells.grouped { $0.workflow }
            return knownWorkflows.union(groups.keys).sorted().map { name in
                line(key: name, label: labels[name] ?? name, groups[name] ?? Figures())
            }
        case .department:
            return cells.grouped { $0.department }.sorted { $0.key < $1.key }.map {
                line(key: $0.key, label: $0.key, $0.value)
            }
        case .month:
            return cells.grouped { YearMonth($0.day) }.sorted { $0.key < $1.key }.map {
                line(key: $0.key.key, label: "\($0.key.key) \($0.key.japaneseLabel)", $0.value)
            }
        case .half:
            return cells.grouped { YearMonth($0.day).half }.sorted { $0.key < $1.key }.map {
                line(key: $0.key.key, label: $0.key.label, $0.value)
            }
        case .fiscalYear:
            return cells.grouped { FiscalYear(containing: $0.day) }.sorted { $0.key < $1.key }.map {
                line(key: $0.key.key, label: $0.key.label, $0.value)
            }
        }
    }

    private func line(key: String, label: String, _ figures: Figures) -> ReportLine {
        ReportLine(key: key, label: label, figures: figures, mark: mark(figures))
    }

    /// × no runs, ○ reduction rate at or above the bar, △ below, — no baseline.
    func mark(_ figures: Figures) -> Mark {
        guard figures.documents > 0 else { return .stopped }
        guard let rate = figures.reductionRate else { return .none }
        return rate + 1e-9 >= query.targets.reductionRate ? .met : .below
    }

    /// Every month from the first to the last of the period (at most 20 years), for the chart.
    private func monthSeries(_ cells: [ReportCell], tracker: TargetTracker) -> [MonthPoint] {
        let hours = cells.grouped { YearMonth($0.day) }
        let first = query.from.map(YearMonth.init) ?? hours.keys.min()
        let last = query.to.map(YearMonth.init) ?? hours.keys.max()
        guard let first, let last, first <= last else { return [] }
        var points = [MonthPoint]()
        var month = first
        while month <= last, points.count < 240 {
            points.append(
                MonthPoint(
                    month: month, hoursSaved: hours[month]?.hoursSaved ?? 0,
                    targetHours: tracker.monthlyTarget(month)))
            month = month.next
        }
        return points
    }
}
