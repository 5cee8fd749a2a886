import Foundation
import Workflow

/// Loads the workflow a command was given, printing every mistake in it as `file:line:column` on
/// standard error and exiting with 65.
func loadWorkflow(_ path: String) throws -> Workflow {
    do {
        return try WorkflowLoader().load(URL(fileURLWithPath: path))
    } catch {
        error.issues.forEach { printError($0.description) }
        throw ExitCodes.badInput
    }
}
