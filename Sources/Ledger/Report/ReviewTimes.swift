/// One resolved review as a report compares it with its estimate.
struct ReviewSample: Sendable, Hashable {
    let workflow: String
    /// The savings rule version the document was counted under: the estimate's source.
    let ruleID: String
    /// The document's day (Japan), which puts it inside or outside a report's period.
    let day: LedgerDay
    /// The rule's review estimate for the document.
    let estimate: Double
    /// The minutes reports count: the latest correction's, else the resolution's.
    let minutes: Double
    /// Measured by the review station (true) or typed by a person (false).
    let measured: Bool
}

/// Measured review minutes under one savings rule version, beside the rule's review estimate.
///
/// The median of the minutes the review station measured (a correction's minutes replace the
/// measured ones) shows whether the estimate still holds; typed minutes are counted but left
/// out of the median, since they are a person's guess too. When the median is off from the
/// estimate by more than ``tolerance``, the line is flagged: the savings rule should be updated.
public struct ReviewTimeLine: Sendable, Codable, Hashable {
    /// How far (as a share of the estimate) the median may be from it before the line is flagged.
    public static let tolerance = 0.25

    /// Workflow id.
    public let workflow: String
    /// The workflow's display name.
    public let label: String
    /// The savings rule version, `juminido/v1`.
    public let ruleID: String
    /// The rule's estimated review minutes per document.
    public let estimateMinutes: Double
    /// Resolved reviews whose minutes the review station measured: what the median is over.
    public let measuredReviews: Int
    /// Resolved reviews whose minutes a person typed (not in the median).
    public let typedReviews: Int
    /// Median of the measured minutes; nil with no measured review.
    public let measuredMedianMinutes: Double?
    /// (median − estimate) ÷ estimate; nil with no measured review or a zero estimate.
    public let deviation: Double?
    /// True when the median is off from the estimate by more than ``tolerance``.
    public let estimateOff: Bool
    /// The comparison in words, e.g. `estimate 2.0 min, measured median 0.4 min over 8 reviews:
    /// the estimate is off by −80%; update the savings rule`.
    public let summary: String

    /// Compares the samples of one rule version with its estimate.
    init(workflow: String, label: String, ruleID: String, estimate: Double, samples: [ReviewSample]) {
        let measured = samples.filter(\.measured).map(\.minutes)
        let median = ReviewTimeLine.median(measured)
        self.workflow = workflow
        self.label = label
        self.ruleID = ruleID
        estimateMinutes = estimate
        measuredReviews = measured.count
        typedReviews = samples.count - measured.count
        measuredMedianMinutes = median
        deviation = median.flatMap { estimate > 0 ? ($0 - estimate) / estimate : nil }
        if let deviation {
            estimateOff = abs(deviation) > ReviewTimeLine.tolerance + 1e-9
        } else {
            estimateOff = (median ?? 0) > 0
        }
        summary = ReviewTimeLine.summary(
            estimate: estimate, median: median, measured: measured.count, typed: typedReviews,
            deviation: deviation, off: estimateOff)
    }

    /// The middle value, or the mean of the two middle values; nil for no values.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func summary(
        estimate: Double, median: Double?, measured: Int, typed: Int, deviation: Double?, off: Bool
    ) -> String {
        let head = "estimate \(NumberText.minutes(estimate)) min"
        guard let median else {
            return head + ", no measured reviews yet" + (typed > 0 ? " (\(typed) typed)" : "")
        }
        let over =
            "\(head), measured median \(NumberText.minutes(median)) min over \(measured) "
            + (measured == 1 ? "review" : "reviews")
        guard off else { return over + ": within \(Int(tolerance * 100))% of the estimate" }
        guard let deviation else {
            return over + ": the rule estimates no review time; update the savings rule"
        }
        return over
            + ": the estimate is off by \(NumberText.signedPercent(deviation)); update the savings rule"
    }

    private enum CodingKeys: String, CodingKey {
        case workflow, label, ruleID, estimateMinutes, measuredReviews, typedReviews, measuredMedianMinutes
        case deviation, estimateOff, summary
    }

    /// Writes every key, `null` when absent, so readers see the same keys on every line.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(workflow, forKey: .workflow)
        try container.encode(label, forKey: .label)
        try container.encode(ruleID, forKey: .ruleID)
        try container.encode(estimateMinutes, forKey: .estimateMinutes)
        try container.encode(measuredReviews, forKey: .measuredReviews)
        try container.encode(typedReviews, forKey: .typedReviews)
        try container.encode(measuredMedianMinutes, forKey: .measuredMedianMinutes)
        try container.encode(deviation, forKey: .deviation)
        try container.encode(estimateOff, forKey: .estimateOff)
        try container.encode(summary, forKey: .summary)
    }
}

extension Array where Element == ReviewSample {
    /// One line per workflow and rule version that has a resolved review, by workflow then version.
    func reviewTimeLines(labels: [String: String]) -> [ReviewTimeLine] {
        let groups = Dictionary(grouping: self) { [$0.workflow, $0.ruleID] }
        return groups.values.compactMap { samples -> ReviewTimeLine? in
            guard let first = samples.first else { return nil }
            return ReviewTimeLine(
                workflow: first.workflow, label: labels[first.workflow] ?? first.workflow,
                ruleID: first.ruleID,
                estimate: first.estimate, samples: samples)
        }
        .sorted { ($0.workflow, $0.ruleVersion) < ($1.workflow, $1.ruleVersion) }
    }
}

extension ReviewTimeLine {
    /// The rule's version number, from `workflow/vN`, for ordering.
    fileprivate var ruleVersion: Int {
        ruleID.split(separator: "/").last.flatMap { Int($0.dropFirst()) } ?? 0
    }
}
