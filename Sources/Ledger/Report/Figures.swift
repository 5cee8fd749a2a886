/// The counted figures of a set of documents: what every report line shows.
///
/// minutes saved = baseline − remaining; reduction rate = saved ÷ baseline;
/// straight-through rate = accepted (no review) ÷ processed.
public struct Figures: Sendable, Codable, Hashable {
    /// Documents processed (every outcome).
    public var documents = 0
    /// Accepted with no review (straight-through).
    public var accepted = 0
    /// Sent to review and resolved (accepted or corrected by a person).
    public var reviewed = 0
    /// Sent to review and still waiting there: no minutes claimed until a person resolves it.
    public var waiting = 0
    /// Rejected by validation.
    public var rejected = 0
    /// Failed in the machine.
    public var failed = 0
    /// Reviews whose real minutes were recorded (they replace the estimate).
    public var reviewsResolved = 0
    /// Pages scanned.
    public var pages = 0
    /// Machine seconds spent.
    public var machineSeconds = 0.0
    /// Minutes a person needed before automation (件数 × 1件あたりの所要時間).
    public var baselineMinutes = 0.0
    /// Minutes a person still needs (handling, reviews, rejected and failed documents).
    public var remainingMinutes = 0.0

    /// An empty set of figures.
    public init() {}

    /// baseline − remaining.
    public var savedMinutes: Double { baselineMinutes - remainingMinutes }
    /// Minutes saved in hours: the headline figure.
    public var hoursSaved: Double { savedMinutes / 60 }
    /// saved ÷ baseline; nil when there is no baseline.
    public var reductionRate: Double? { baselineMinutes > 0 ? savedMinutes / baselineMinutes : nil }
    /// accepted ÷ documents; nil when there are no documents.
    public var straightThroughRate: Double? { documents > 0 ? Double(accepted) / Double(documents) : nil }

    /// Adds another set of figures to this one.
    public mutating func add(_ other: Figures) {
        documents += other.documents
        accepted += other.accepted
        reviewed += other.reviewed
        waiting += other.waiting
        rejected += other.rejected
        failed += other.failed
        reviewsResolved += other.reviewsResolved
        pages += other.pages
        machineSeconds += other.machineSeconds
        baselineMinutes += other.baselineMinutes
        remainingMinutes += other.remainingMinutes
    }

    private enum CodingKeys: String, CodingKey {
        case documents, accepted, reviewed, waiting, rejected, failed, reviewsResolved, pages, machineSeconds
        case baselineMinutes, remainingMinutes, savedMinutes, hoursSaved, reductionRate, straightThroughRate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        documents = try container.decode(Int.self, forKey: .documents)
        accepted = try container.decode(Int.self, forKey: .accepted)
        reviewed = try container.decode(Int.self, forKey: .reviewed)
        // Reports written before waiting reviews were told apart counted them as reviewed.
        waiting = try container.decodeIfPresent(Int.self, forKey: .waiting) ?? 0
        rejected = try container.decode(Int.self, forKey: .rejected)
        failed = try container.decode(Int.self, forKey: .failed)
        reviewsResolved = try container.decode(Int.self, forKey: .reviewsResolved)
        pages = try container.decode(Int.self, forKey: .pages)
        machineSeconds = try container.decode(Double.self, forKey: .machineSeconds)
        baselineMinutes = try container.decode(Double.self, forKey: .baselineMinutes)
        remainingMinutes = try container.decode(Double.self, forKey: .remainingMinutes)
    }

    /// Writes the stored counts and the derived figures, so JSON readers need not recompute them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documents, forKey: .documents)
        try container.encode(accepted, forKey: .accepted)
        try container.encode(reviewed, forKey: .reviewed)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(rejected, forKey: .rejected)
        try container.encode(failed, forKey: .failed)
        try container.encode(reviewsResolved, forKey: .reviewsResolved)
        try container.encode(pages, forKey: .pages)
        try container.encode(machineSeconds, forKey: .machineSeconds)
        try container.encode(baselineMinutes, forKey: .baselineMinutes)
        try container.encode(remainingMinutes, forKey: .remainingMinutes)
        try container.encode(savedMinutes, forKey: .savedMinutes)
        try container.encode(hoursSaved, forKey: .hoursSaved)
        try container.encodeIfPresent(reductionRate, forKey: .reductionRate)
        try container.encodeIfPresent(straightThroughRate, forKey: .straightThroughRate)
    }
}
