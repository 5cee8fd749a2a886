import Foundation
import Ledger
import Workflow

/// Counts processed documents in the time-saved ledger under the workflow's savings rule.
struct LedgerCounter {
    let ledger: Ledger
    let path: String
    let workflow: Workflow

    /// Opens the ledger and registers the workflow's savings rule; nil when the workflow has none.
    init?(workflow: Workflow, path: String?) throws {
        guard let savings = workflow.savings else { return nil }
        let path = path ?? Ledger.defaultPath()
        self.path = path
        self.workflow = workflow
        ledger = try Ledger(path: path)
        _ = try ledger.register(
            rule: SavingsRule(
                workflow: workflow.name, validFrom: try LedgerDay(parsing: savings.validFrom),
                source: savings.source,
                baselineMinutesPerDocument: savings.manualMinutesPerDocument,
                baselineMinutesPerField: savings.manualMinutesPerField,
                handlingMinutesPerDocument: savings.handlingMinutesPerDocument,
                reviewMinutesPerDocument: savings.reviewMinutesPerDocument))
    }

    static func missingRuleNote(_ workflow: Workflow) -> String {
        "the workflow has no 'savings:' section, so no time saved is counted; add one (see docs/workflows.md)"
    }

    /// Records a document (once per workflow version, however often this is called): 1 if newly counted.
    func count(_ result: DocumentResult) throws -> Int {
        let entry = LedgerEntry(
            processedAt: result.processedAt, workflow: workflow.name,
            workflowVersion: String(workflow.version),
            department: workflow.department ?? "未設定", documentHash: result.document,
            outcome: result.outcome == .accepted ? .accepted : .reviewed, pages: result.pages,
            fields: workflow.fields.count, machineSeconds: result.seconds)
        return try ledger.record(entry) == .counted ? 1 : 0
    }
}
