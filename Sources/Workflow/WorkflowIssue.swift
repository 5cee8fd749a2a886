import Foundation

/// One mistake in a workflow file, with where it is and what to do.
///
/// Printed as `file:line:column: message`, the form editors and terminals link to the place.
public struct WorkflowIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every mistake found in a workflow file; a workflow with any is not run.
public struct WorkflowErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [WorkflowIssue]

    public init(_ issues: [WorkflowIssue]) {
        self.issues = issues
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
