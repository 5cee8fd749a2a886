import Foundation
import Testing
import Workflow

/// Loading a workflow text from a scratch folder (with the card template beside it) and checking the
/// first issue reported, for the suites about hostile workflows.
protocol LoaderIssueTesting {}

extension LoaderIssueTesting {
    typealias Scratch = WorkflowLoaderTests.Scratch

    /// Every issue the loader reports for `text` (none when it loads).
    func issues(_ text: String) throws -> [WorkflowIssue] {
        let scratch = try Scratch()
        let url = try scratch.write(text)
        do {
            _ = try WorkflowLoader().load(url)
            return []
        } catch {
            return error.issues
        }
    }

    /// The first issue, with its place and wording checked.
    func expectIssue(
        _ text: String, line: Int, column: Int? = nil, containing words: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let issue = try #require(try issues(text).first, sourceLocation: sourceLocation)
        #expect(issue.line == line, "\(issue)", sourceLocation: sourceLocation)
        if let column { #expect(issue.column == column, "\(issue)", sourceLocation: sourceLocation) }
        #expect(issue.message.contains(words), "\(issue)", sourceLocation: sourceLocation)
    }
}
