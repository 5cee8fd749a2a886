import Foundation
import Ledger
import Workflow

/// Counts processed documents in the time-saved ledger under the workflow's savings rule.
///
/// Documents and the rule are counted under the workflow's `id` (with its version): renaming the
/// workflow (`workflow:`, its display name) relabels the reports and counts nothing again.
package struct LedgerCounter: Sendable {
    let ledger: Ledger
    let path: String
    let workflow: Workflow

    /// Opens the ledger and registers the workflow's savings rule; nil when the workflow has none.
    package init?(workflow: Workflow, path: String?) throws {
        guard let savings = workflow.savings else { return nil }
        let path = path ?? Ledger.defaultPath()
        self.path = path
        self.workflow = workflow
        ledger = try Ledger(path: path)
        if try ledger.countsUnderDisplayName(id: workflow.id, name: workflow.name) {
            throw LedgerError.legacyWorkflowKey(path: path, name: workflow.name, id: workflow.id)
        }
        _ = try ledger.register(
            rule: SavingsRule(
                workflow: workflow.id, validFrom: try LedgerDay(parsing: savings.validFrom),
                source: savings.source,
                baselineMinutesPerDocument: savings.manualMinutesPerDocument,
                baselineMinutesPerField: savings.manualMinutesPerField,
                handlingMinutesPerDocument: savings.handlingMinutesPerDocument,
                reviewMinutesPerDocument: savings.reviewMinutesPerDocument))
        try ledger.label(workflow: workflow.id, name: workflow.name)
    }

    static func missingRuleNote(_ workflow: Workflow) -> String {
        "the workflow has no 'savings:' section, so no time saved is counted; add one (see docs/workflows.md)"
    }

    /// Records a document (once per workflow version, however often this is called): 1 if newly
    /// counted. A document a person already resolved also gets its resolution, if an interrupted
    /// `rpa review resolve` left it out.
    func count(_ result: DocumentResult) throws -> Int {
        let outcome: Outcome
        switch result.outcome {
        case .accepted: outcome = result.resolution == nil ? .accepted : .reviewed
        case .review, .rejected: outcome = .reviewed
        case .failed: outcome = .failed
        }
        let entry = LedgerEntry(
            processedAt: result.processedAt, workflow: workflow.id,
            workflowVersion: String(workflow.version),
            department: workflow.department ?? "未設定", documentHash: result.document,
            outcome: outcome, pages: result.pages,
            fields: workflow.fields.count, machineSeconds: result.seconds)
        let counted = try ledger.record(entry) == .counted ? 1 : 0
        try recordResolution(result)
        return counted
    }

    /// Records how a person resolved the document, once: a resolution already in the ledger with the
    /// same outcome (an interrupted earlier attempt, a re-run) is left as it is; one with another
    /// outcome is refused (``LedgerError/conflictingResolution(documentHash:recorded:asked:)``).
    func recordResolution(_ result: DocumentResult) throws {
        guard let resolution = result.resolution else { return }
        // Re-runs meet every resolved document again: a read settles most of them, without a write.
        switch try ledger.reviewResolution(
            documentHash: result.document, workflow: workflow.id, version: String(workflow.version))
        {
        case .some(.some(let recorded)) where recorded == resolution.outcome: return
        case .some(.some(let recorded)):
            throw LedgerError.conflictingResolution(
                documentHash: result.document, recorded: recorded, asked: resolution.outcome)
        case .none: return
        case .some(.none): break
        }
        // Worked out before the call: Swift 6.3.1 crashes compiling `?? false` among its arguments.
        let measured = resolution.measured == true
        do {
            try ledger.resolveReview(
                documentHash: result.document, workflow: workflow.id, version: String(workflow.version),
                minutesSpent: resolution.minutes, outcome: resolution.outcome,
                overridden: resolution.overridden != nil,
                reviewer: resolution.reviewer, measured: measured, fieldsChanged: resolution.corrected,
                at: resolution.at)
        } catch LedgerError.alreadyResolved {
            return
        }
    }
}
