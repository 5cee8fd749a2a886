/// Measures hours saved against programmes and yearly workflow targets, at an even pace.
///
/// Progress uses every document in the target's own fiscal years, whatever the report's
/// --from/--to, so the figure is the same in every report made on the same day.
struct TargetTracker {
    let cells: [ReportCell]
    let targets: Targets
    let asOf: LedgerDay

    /// Progress of every programme.
    func programs() -> [TargetProgress] {
        targets.programs.map { program in
            progress(
                name: program.name, workflow: nil, from: FiscalYear(program.fromFiscalYear),
                to: FiscalYear(program.toFiscalYear), hours: program.hours, cells: cells)
        }
    }

    /// Progress of every yearly workflow target, by workflow then year.
    func workflowYears() -> [TargetProgress] {
        targets.workflowYears.sorted { ($0.workflow, $0.fiscalYear) < ($1.workflow, $1.fiscalYear) }.map {
            target in
            let year = FiscalYear(target.fiscalYear)
            return progress(
                name: "\(target.workflow) \(year.label)", workflow: target.workflow, from: year, to: year,
                hours: target.hours, cells: cells.filter { $0.workflow == target.workflow })
        }
    }

    /// The target hours for one month: a programme's hours spread evenly over its months, else
    /// the month's twelfth of the yearly workflow targets, else nil.
    func monthlyTarget(_ month: YearMonth) -> Double? {
        let year = month.fiscalYear.startYear
        if let program = targets.programs.first(where: {
            ($0.fromFiscalYear...$0.toFiscalYear).contains(year)
        }) {
            return program.hours / Double(program.years * 12)
        }
        let yearly = targets.workflowYears.filter { $0.fiscalYear == year }
        return yearly.isEmpty ? nil : yearly.reduce(0) { $0 + $1.hours } / 12
    }

    private func progress(
        name: String, workflow: String?, from: FiscalYear, to: FiscalYear, hours: Double, cells: [ReportCell]
    ) -> TargetProgress {
        let span = cells.within(from.firstDay, to.lastDay)
        let achieved = span.total.hoursSaved
        let perYear = span.grouped { FiscalYear(containing: $0.day) }
        let years = (from.startYear...to.startYear).map { FiscalYear($0) }
        let elapsed = fractionElapsed(from: from.firstDay, to: to.lastDay)
        let expected = hours * elapsed
        let currentYear = FiscalYear(containing: min(asOf, to.lastDay))
        let mark: Mark
        if elapsed <= 0 {
            mark = .none
        } else if achieved + 1e-9 >= expected {
            mark = .met
        } else if (perYear[currentYear]?.documents ?? 0) == 0 {
            mark = .stopped
        } else {
            mark = .below
        }
        return TargetProgress(
            name: name, workflow: workflow, fromFiscalYear: from.startYear, toFiscalYear: to.startYear,
            targetHours: hours, achievedHours: achieved, expectedHoursByNow: expected,
            byFiscalYear: years.map {
                YearHours(fiscalYear: $0, label: $0.label, hours: perYear[$0]?.hoursSaved ?? 0)
            }, mark: mark)
    }

    /// Share of the days from `first` to `last` that have begun by `asOf` (0 before, 1 after).
    private func fractionElapsed(from first: LedgerDay, to last: LedgerDay) -> Double {
        let total = last.dayNumber - first.dayNumber + 1
        let done = asOf.dayNumber - first.dayNumber + 1
        return Double(min(max(done, 0), total)) / Double(total)
    }
}
