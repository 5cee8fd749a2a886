/// What happened to one processed document, as the pipeline decided it.
///
/// The outcome decides how much human time the ledger says is still needed
/// (see ``SavingsRule``): only `accepted` documents are straight-through.
public enum Outcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// Read, validated and passed on with no person looking at it.
    case accepted
    /// Sent to the review queue; a person checked or corrected it.
    case reviewed
    /// Refused by validation (wrong form, missing data); a person handles it as before.
    case rejected
    /// The machine could not process it (unreadable scan, crash); a person keys it by hand.
    case failed
}

/// How a person ended a review: what the review's resolution row records.
///
/// A rejected document claims no savings: reports count it as rejected and leave its whole baseline
/// as remaining work, like a document that never went through the machine.
public enum ReviewOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// The person confirmed the values as read.
    case accepted
    /// The person corrected one or more values, then accepted the document.
    case corrected
    /// The person rejected the form (wrong form, illegible, withdrawn): nothing reaches the outputs.
    case rejected
}
