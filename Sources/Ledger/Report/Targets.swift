import Foundation

/// The targets a report measures against: the reduction-rate bar, multi-year programmes and
/// yearly targets per workflow (年次の成果指標).
///
/// Read from a small JSON file (see docs/ledger.md) or built from command-line options.
public struct Targets: Sendable, Codable, Hashable {
    /// Reduction rate a workflow must reach to be marked ○ (平均業務時間削減率 75%以上).
    public var reductionRate: Double
    /// Multi-year hour targets, e.g. 17,600 h over 令和6–9年度.
    public var programs: [ProgramTarget]
    /// Hours a workflow should save in one fiscal year.
    public var workflowYears: [WorkflowYearTarget]

    /// Makes a set of targets.
    public init(
        reductionRate: Double = 0.75, programs: [ProgramTarget] = [], workflowYears: [WorkflowYearTarget] = []
    ) {
        self.reductionRate = reductionRate
        self.programs = programs
        self.workflowYears = workflowYears
    }

    private enum CodingKeys: String, CodingKey { case reductionRate, programs, workflowYears }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reductionRate = try container.decodeIfPresent(Double.self, forKey: .reductionRate) ?? 0.75
        programs = try container.decodeIfPresent([ProgramTarget].self, forKey: .programs) ?? []
        workflowYears = try container.decodeIfPresent([WorkflowYearTarget].self, forKey: .workflowYears) ?? []
    }

    /// Reads a targets file.
    public static func load(path: String) throws(LedgerError) -> Targets {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .invalidTargets(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let targets: Targets
        do {
            targets = try JSONDecoder().decode(Targets.self, from: data)
        } catch {
            throw .invalidTargets(path: path, reason: "is not valid targets JSON (\(error))")
        }
        do {
            try targets.validate()
        } catch let LedgerError.invalidValue(field, reason) {
            throw .invalidTargets(path: path, reason: "\(field) \(reason)")
        } catch {
            throw .invalidTargets(path: path, reason: "\(error)")
        }
        return targets
    }

    /// Refuses rates outside 0–1, negative hours and reversed year ranges.
    public func validate() throws(LedgerError) {
        guard reductionRate.isFinite, (0...1).contains(reductionRate) else {
            throw .invalidValue(field: "reductionRate", reason: "must be between 0 and 1 (0.75 for 75%)")
        }
        for program in programs {
            try Validate.minutes(program.hours, field: "programs[\(program.name)].hours")
            guard program.fromFiscalYear <= program.toFiscalYear else {
                throw .invalidValue(
                    field: "programs[\(program.name)]", reason: "must start no later than it ends")
            }
        }
        for target in workflowYears {
            try Validate.minutes(target.hours, field: "workflowYears[\(target.workflow)].hours")
        }
    }
}

/// Hours to save over several fiscal years, e.g. 17,600 h over FY2024–FY2027 (令和6–9年度).
public struct ProgramTarget: Sendable, Codable, Hashable {
    /// Name shown in reports, e.g. 第2次ICT戦略 簡易作業削減時間.
    public var name: String
    /// Hours to save in total over the whole range.
    public var hours: Double
    /// First fiscal year (start year: 2024 for 令和6年度).
    public var fromFiscalYear: Int
    /// Last fiscal year, inclusive.
    public var toFiscalYear: Int

    /// Makes a programme target.
    public init(name: String, hours: Double, fromFiscalYear: Int, toFiscalYear: Int) {
        self.name = name
        self.hours = hours
        self.fromFiscalYear = fromFiscalYear
        self.toFiscalYear = toFiscalYear
    }

    /// Number of fiscal years it spans.
    public var years: Int { toFiscalYear - fromFiscalYear + 1 }
}

/// Hours one workflow should save in one fiscal year (e.g. 150 h in 令和3年度).
public struct WorkflowYearTarget: Sendable, Codable, Hashable {
    /// Workflow name.
    public var workflow: String
    /// Fiscal year (start year).
    public var fiscalYear: Int
    /// Hours to save that year.
    public var hours: Double

    /// Makes a yearly target.
    public init(workflow: String, fiscalYear: Int, hours: Double) {
        self.workflow = workflow
        self.fiscalYear = fiscalYear
        self.hours = hours
    }
}
