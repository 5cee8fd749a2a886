/// The minutes the ledger stores for one document, worked out from its rule and outcome.
///
/// - accepted: remaining = handling minutes.
/// - reviewed: remaining = handling + estimated review minutes (replaced by the minutes
///   actually spent once the review is resolved).
/// - rejected, failed: a person does the whole job as before, so remaining = baseline and
///   nothing is claimed as saved.
struct DocumentMinutes: Sendable, Equatable {
    /// Minutes a person needed before automation.
    let baseline: Double
    /// Minutes a person still needs.
    let remaining: Double
    /// The part of `remaining` that is a review estimate (0 unless reviewed).
    let reviewEstimate: Double
    /// baseline − remaining.
    var saved: Double { MinuteMath.round(baseline - remaining) }

    /// Applies `rule` to a document with `fields` keyed fields and the given outcome.
    init(rule: SavingsRule, fields: Int, outcome: Outcome) {
        let baseline = MinuteMath.round(
            rule.baselineMinutesPerDocument + rule.baselineMinutesPerField * Double(fields))
        self.baseline = baseline
        switch outcome {
        case .accepted:
            remaining = MinuteMath.round(rule.handlingMinutesPerDocument)
            reviewEstimate = 0
        case .reviewed:
            remaining = MinuteMath.round(rule.handlingMinutesPerDocument + rule.reviewMinutesPerDocument)
            reviewEstimate = MinuteMath.round(rule.reviewMinutesPerDocument)
        case .rejected, .failed:
            remaining = baseline
            reviewEstimate = 0
        }
    }
}

/// Minutes are kept to a thousandth so that sums and the hash chain see clean decimals.
enum MinuteMath {
    /// Rounds to 0.001 minute.
    static func round(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
