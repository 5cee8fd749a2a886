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
