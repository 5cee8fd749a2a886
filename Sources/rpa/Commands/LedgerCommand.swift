import ArgumentParser
import Foundation
import Imaging
import Ledger
import Pipeline

/// `rpa ledger`: reports, verifies and lists the time-saved ledger, and benchmarks it.
///
/// Thin: every figure comes from the Ledger library; this file only reads options and prints.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract:
            "Report hours saved from the time-saved ledger, verify it, list its rules and review resolutions.",
        discussion: """
            The ledger is an SQLite file: --ledger PATH, else $RPA_LEDGER, else ./rpa-ledger.sqlite. \
            Periods are counted in Japan time; fiscal year N (令和N-2018年度) runs 1 April N – 31 March N+1.
            """,
        subcommands: [
            Report.self, Verify.self, Rules.self, Audit.self, Correct.self, Migrate.self, Bench.self,
        ],
        defaultSubcommand: Report.self)
}

extension LedgerCommand {
    /// Which ledger file to open.
    struct Location: ParsableArguments {
        @Option(
            name: .long,
            help:
                "Ledger file, or a shared ledger's postgresql://USER@HOST/DATABASE address (default: $RPA_LEDGER, else ./rpa-ledger.sqlite)."
        )
        var ledger: String?

        var path: String { ledger ?? Ledger.defaultPath() }

        /// Opens the ledger to add to it; refuses to create one where data is expected.
        func open(mustExist: Bool) throws -> Ledger {
            if mustExist, !PostgresAddress.isAddress(path), !FileManager.default.fileExists(atPath: path) {
                throw LedgerError.ledgerMissing(path: path)
            }
            return try Ledger(path: path)
        }

        /// Opens a private copy for reading: reports and checks never change the file's bytes, so they
        /// work on an auditor's read-only copy too.
        func openCopy() throws -> Ledger { try Ledger.openCopy(of: path) }
    }

    /// `rpa ledger report`: totals and breakdowns in table, CSV, JSON or HTML.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Hours saved by workflow, department, month, half-year and fiscal year, against targets.")

        @OptionGroup var location: Location
        @Option(help: "First day included, YYYY-MM-DD (Japan time).") var from: String?
        @Option(help: "Last day included, YYYY-MM-DD (Japan time).") var to: String?
        @Option(help: "Whole fiscal year instead of --from/--to: 2024, FY2024, R6 or 令和6年度.")
        var fiscalYear: String?
        @Option(help: "table, csv (UTF-8 with BOM, CRLF, for Excel), json or html (one file with charts).")
        var format: String = "table"
        @Option(
            help:
                "Breakdown to show (repeatable): workflow, department, month, half, fiscal-year. Default: all."
        )
        var by: [String] = []
        @Option(help: "Reduction rate marked ○ (default 75%; also from --targets).") var targetRate: String?
        @Option(help: "Targets file (JSON): reduction rate, programmes, yearly workflow targets.")
        var targets: String?
        @Option(help: "Multi-year target in hours, e.g. 17600 (with --program-from/--program-to).")
        var programHours: Double?
        @Option(help: "First fiscal year of --program-hours, e.g. R6 or 2024.") var programFrom: String?
        @Option(help: "Last fiscal year of --program-hours, e.g. R9 or 2027.") var programTo: String?
        @Option(help: "Name of the programme target.") var programName: String = "簡易作業削減時間"
        @Option(help: "Yearly workflow target WORKFLOW:FISCAL-YEAR:HOURS (repeatable), e.g. juminido:R7:500.")
        var workflowTarget: [String] = []
        @Option(help: "Date progress is measured at, YYYY-MM-DD (default: today).") var asOf: String?
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output:
            String?

        func run() throws {
            guard let format = ReportFormat(rawValue: format) else {
                throw ValidationError("--format must be one of: table, csv, json, html")
            }
            let groupings = try by.map { name in
                guard let grouping = Grouping(rawValue: name) else {
                    throw ValidationError(
                        "--by must be one of: workflow, department, month, half, fiscal-year")
                }
                return grouping
            }
            var query = ReportQuery(groupings: groupings.isEmpty ? Grouping.allCases : groupings)
            query.targets = try readTargets()
            if let fiscalYear {
                let year = try FiscalYear(parsing: fiscalYear)
                query.from = year.firstDay
                query.to = year.lastDay
            }
            if let from { query.from = try LedgerDay(parsing: from) }
            if let to { query.to = try LedgerDay(parsing: to) }
            if let asOf {
                query.asOf = try LedgerDay(parsing: asOf).adding(days: 1).startInstant.addingTimeInterval(-1)
            }
            let report = try location.openCopy().report(query)
            let text = format.render(report)
            if let output {
                try PrivateFiles.write(Data(text.utf8), to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }

        private func readTargets() throws -> Targets {
            var targets = try targets.map { try Targets.load(path: $0) } ?? Targets()
            if let targetRate { targets.reductionRate = try Self.rate(targetRate) }
            if let programHours {
                guard let programFrom, let programTo else {
                    throw ValidationError(
                        "--program-hours needs --program-from and --program-to (e.g. R6 and R9)")
                }
                targets.programs.append(
                    ProgramTarget(
                        name: programName, hours: programHours,
                        fromFiscalYear: try FiscalYear(parsing: programFrom).startYear,
                        toFiscalYear: try FiscalYear(parsing: programTo).startYear))
            }
            for text in workflowTarget {
                let parts = text.split(separator: ":").map(String.init)
                guard parts.count == 3, let hours = Double(parts[2]) else {
                    throw ValidationError(
                        "--workflow-target must be WORKFLOW:FISCAL-YEAR:HOURS, got '\(text)'")
                }
                targets.workflowYears.append(
                    WorkflowYearTarget(
                        workflow: parts[0], fiscalYear: try FiscalYear(parsing: parts[1]).startYear,
                        hours: hours))
            }
            try targets.validate()
            return targets
        }

        /// Reads `75%`, `75` or `0.75` as 0.75.
        static func rate(_ text: String) throws -> Double {
            let number = text.hasSuffix("%") ? String(text.dropLast()) : text
            guard let value = Double(number) else {
                throw ValidationError("--target-rate must be a rate such as 75% or 0.75, got '\(text)'")
            }
            return text.hasSuffix("%") || value > 1 ? value / 100 : value
        }
    }

    /// `rpa ledger verify`: walks the hash chains; exits 65 when any row was edited, inserted or deleted.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no ledger row was edited, inserted or deleted (exit 65 if one was).",
            discussion: """
                With --workflow, also compare the workflow's run state, review queue, outputs and audit \
                trail with the ledger, and name (by the first 12 hex digits of its hash) every document \
                where they disagree (exit 65 if one does).
                """)

        @OptionGroup var location: Location
        @Option(
            help:
                "A ledger head published with an earlier report; it must still be in the ledger (repeatable)."
        )
        var anchor: [String] = []
        @Option(help: "A workflow file (.yml) whose records to compare with the ledger (repeatable).")
        var workflow: [String] = []
        @Option(help: "The output folder given to `rpa run --output` (default: each workflow's folder).")
        var output: String?

        func run() throws {
            let ledger = try location.openCopy()
            let result = try ledger.verify(anchors: anchor)
            for table in result.rowCounts.keys.sorted() {
                print("\(table): \(result.rowCounts[table] ?? 0) rows, head \(result.heads[table] ?? "-")")
            }
            guard result.isIntact else {
                for problem in result.problems { print("TAMPERED \(problem)") }
                printError(
                    "verify: \(result.problems.count) problem(s) in \(ledger.path): the ledger was changed"
                )
                throw ExitCodes.badInput
            }
            print("verify: \(ledger.path) is intact")
            var disagreeing = 0
            for path in workflow {
                let loaded = try loadWorkflow(path)
                let root = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? loaded.folder
                let found = try ResolutionCheck(
                    workflow: loaded, root: root, ledger: loaded.savings == nil ? nil : ledger
                ).disagreements()
                for disagreement in found { print("DISAGREE \(loaded.id) \(disagreement)") }
                if found.isEmpty { print("verify: \(loaded.id) agrees with the ledger") }
                disagreeing += found.count
            }
            guard disagreeing == 0 else {
                printError(
                    "verify: \(disagreeing) disagreement(s) between the ledger and the run state, queue, "
                        + "outputs or audit trail; `rpa run` and `rpa review resolve` finish interrupted "
                        + "resolutions, the rest need a look")
                throw ExitCodes.badInput
            }
        }
    }

    /// `rpa ledger rules`: every savings rule version; optionally registers rules from a JSON file.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List savings rules with their versions; --register adds rules from a JSON file.")

        @OptionGroup var location: Location
        @Option(help: "JSON file with one savings rule or an array of them (see docs/ledger.md).")
        var register: String?
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            let ledger = try register == nil ? location.openCopy() : location.open(mustExist: false)
            if let register {
                let data = try Data(contentsOf: URL(fileURLWithPath: register))
                let decoder = JSONDecoder()
                let rules: [SavingsRule]
                if let many = try? decoder.decode([SavingsRule].self, from: data) {
                    rules = many
                } else {
                    rules = [try decoder.decode(SavingsRule.self, from: data)]
                }
                for rule in rules {
                    switch try ledger.register(rule: rule) {
                    case .created(let stored):
                        print("registered \(stored.ruleID), valid from \(stored.rule.validFrom)")
                    case .unchanged(let stored): print("unchanged \(stored.ruleID)")
                    }
                }
            }
            let rules = try ledger.rules()
            if json {
                try printJSON(rules)
                return
            }
            print(RulesTable.render(rules), terminator: "")
        }
    }

    /// `rpa ledger correct`: corrects a review time recorded by mistake, by appending a correction.
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct the minutes recorded for a resolved review (appended, never edited).",
            discussion: """
                The ledger is append-only: the resolution stays as it was, and a correction row, sealed \
                in the hash chain like every row, replaces its minutes in every report from now on.
                """)

        @OptionGroup var location: Location
        @Option(help: "The workflow id (the workflow file's name without .yml).") var workflow: String
        @Option(help: "The workflow version the document was counted under.") var version: Int = 1
        @Option(help: "The document's SHA-256 (64 hexadecimal characters, from `rpa review list --json`).")
        var document: String
        @Option(parsing: .unconditional, help: "The minutes the review really took (0 to 480).")
        var minutes: String

        func run() throws {
            let minutes = try Minutes.parse(minutes)
            try location.open(mustExist: true).correctReview(
                documentHash: document, workflow: workflow, version: String(version), minutesSpent: minutes)
            print(
                "corrected: document \(document.prefix(12)) of \(workflow) v\(version) now counts \(minutes) min"
            )
        }
    }

    /// `rpa ledger bench`: appends rows to a temporary ledger and times reports and verification.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Append synthetic rows to a temporary ledger, then time the fiscal-year report and verify.")

        @Option(help: "Rows to append.") var rows: Int = 100_000
        @Option(help: "Rows per transaction (1 = one transaction per document, as the pipeline records).")
        var batch: Int = 1
        @Flag(help: "Keep the temporary ledger and print where it is.") var keep = false
        @Option(
            help: "Fill this empty ledger instead of a temporary SQLite file (e.g. a PostgreSQL database).")
        var ledger: String?

        func run() throws {
            guard rows > 0 else { throw ValidationError("--rows must be at least 1") }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "rpa-ledger-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer {
                if keep {
                    print("ledger kept in \(directory.path)")
                } else {
                    try? FileManager.default.removeItem(at: directory)
                }
            }
            print("rpa ledger bench: \(rows) rows, \(ProcessInfo.processInfo.activeProcessorCount) cores")
            var benchmark = LedgerBenchmark(rows: rows, batchSize: batch, directory: directory)
            benchmark.location = ledger
            _ = try benchmark.run { timing in
                let seconds = String(format: "%.3f", timing.seconds)
                print("\(timing.step): \(seconds) s — \(timing.detail)")
            }
        }
    }
}
