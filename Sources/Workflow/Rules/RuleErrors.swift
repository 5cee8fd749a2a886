/// A mistake in a rule's text, found when the workflow is loaded.
///
/// `offset` is the 0-based position in the rule, counted in characters, of the place the parser
/// stopped, so a caller can print file:line:column; `message` says what was expected there.
public struct RuleSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based character offset into the rule text.
    public var offset: Int
    /// What was expected, e.g. "expected a value after '<='".
    public var message: String

    /// An error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "column \(offset + 1): \(message)" }
}

/// Why a rule could not be decided for one document (the document then goes to review with this
/// reason). Messages name fields and kinds of values, never the values.
public struct RuleEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based character offset of the part of the rule that failed.
    public var offset: Int
    /// What went wrong, e.g. "'<' cannot compare a date with a number".
    public var message: String

    /// An error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { message }
}
