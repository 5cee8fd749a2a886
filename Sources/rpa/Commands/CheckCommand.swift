import ArgumentParser
import Foundation
import Imaging
import Workflow

/// `rpa check`: validates workflow files without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check workflow files: each mistake as file:line:column with what to do.")

    @Argument(help: "Workflow files (.yml).")
    var workflows: [String]

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Result: Codable {
        var file: String
        var ok: Bool
        var fields: Int?
        var rules: Int?
        var issues: [String]
        /// How scans will be lined up with the template, and why they cannot be, when they cannot.
        var registration: String? = nil
        var warnings: [String] = []
    }

    func run() throws {
        var results: [Result] = []
        for path in workflows {
            do {
                let workflow = try WorkflowLoader().load(URL(fileURLWithPath: path))
                var result = Result(
                    file: path, ok: true, fields: workflow.fields.count, rules: workflow.rules.count,
                    issues: [])
                // The loader has opened the template already; here it is measured as `rpa run` measures it.
                if let page = try? PageLoader().load(workflow.template.image).first,
                    let template = try? ScannedPage(page)
                {
                    let registration = TemplateGeometry(template: template).registration
                    result.registration = registration.summary
                    result.warnings = registration.problem.map { ["\(path): \($0)"] } ?? []
                }
                results.append(result)
            } catch {
                results.append(Result(file: path, ok: false, issues: error.issues.map(\.description)))
            }
        }
        if json {
            try printJSON(results)
        } else {
            for result in results {
                if result.ok {
                    print(
                        "ok  \(result.file): \(result.fields ?? 0) fields, \(result.rules ?? 0) rules"
                            + (result.registration.map { "; \($0)" } ?? ""))
                    result.warnings.forEach { printError("warning: \($0)") }
                } else {
                    result.issues.forEach { printError($0) }
                }
            }
        }
        if results.contains(where: { !$0.ok }) { throw ExitCodes.badInput }
    }
}
