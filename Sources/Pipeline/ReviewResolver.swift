import Foundation
import Ledger
import Workflow

/// Why a review could not be resolved. Every case leaves the document waiting, unchanged.
public enum ReviewError: Error, CustomStringConvertible {
    case notFound(String)
    case ambiguous(String)
    case unknownField(String)
    /// Values or rules still fail after the corrections; each line names a field or rule, never a value.
    case stillInvalid([String], overridable: Bool)
    /// The review minutes are outside what the workflow allows.
    case minutesOutOfRange(Double, maximum: Double)
    /// An override or a rejection needs a reason, said in words.
    case reasonMissing(String)
    /// The document was resolved already (`rpa ledger correct` corrects its minutes).
    case alreadyResolved(String)
    /// Another reviewer (on this machine or another sharing the ledger) has the document open.
    case taken(String, by: String)
    /// A review station serves the queue (process id, when known): one station per queue.
    case served(pid: Int32?)

    public var description: String {
        switch self {
        case .notFound(let id): return "no review item '\(id)'; `rpa review list` shows them"
        case .ambiguous(let id): return "'\(id)' matches several review items; give more of the id"
        case .unknownField(let name): return "the workflow has no field '\(name)'"
        case .stillInvalid(let lines, let overridable):
            let next =
                overridable
                ? "correct the values with --set, or, if the paper really says so, accept it anyway with "
                    + "--override \"why\""
                : "correct the values with --set (these cannot be overridden)"
            return "the document cannot be accepted yet:\n  " + lines.joined(separator: "\n  ") + "\n" + next
        case .minutesOutOfRange(let minutes, let maximum):
            return "--minutes must be between 0 and \(Int(maximum)) (the workflow's review.max_minutes), "
                + "got \(minutes); a mistaken time already recorded is corrected with `rpa ledger correct`"
        case .reasonMissing(let what): return "\(what) needs a reason in words, e.g. --reason \"別の様式\""
        case .taken(let id, let reviewer):
            return "\(reviewer) has document \(id) open in a review station; leave it to them, or try again "
                + "when they have finished or left it (a claim lapses after 5 minutes without activity)"
        case .alreadyResolved(let id):
            return "document \(id) was already resolved otherwise; a resolution stands once recorded (a "
                + "recorded time is corrected with `rpa ledger correct`)"
        case .served(let pid):
            return "another review station (\(pid.map { "pid \($0)" } ?? "pid unknown")) serves this queue; "
                + "use it, or stop it first"
        }
    }
}

/// What a person decided for one document in review.
public struct ReviewDecision: Sendable {
    /// Field name → value as the person reads it on paper (options joined with `;`).
    public var corrections: [String: String] = [:]
    /// Minutes the review took.
    public var minutes: Double
    /// Reject the form: nothing reaches the outputs and it claims no savings.
    public var reject = false
    /// The outcome the ledger records for this decision.
    var outcome: ReviewOutcome { reject ? .rejected : corrections.isEmpty ? .accepted : .corrected }
    /// Accept although checks or rules fail (the paper really says so), with this reason.
    public var overrideReason: String? = nil
    /// Why the form is rejected.
    public var rejectReason: String? = nil
    /// Who decided: the reviewer's name in the station, the user's login on the command line.
    public var reviewer: String
    /// True when the review station measured `minutes`; false when a person typed them.
    public var measured = false

    public init(
        corrections: [String: String] = [:], minutes: Double, reject: Bool = false,
        reviewer: String = ReviewDecision.loginName
    ) {
        self.corrections = corrections
        self.minutes = minutes
        self.reject = reject
        self.reviewer = reviewer
    }

    /// The user running the command, as the reviewer of a resolution made on the command line.
    public static var loginName: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }
}

/// What the checks say about a document's values as a person would accept them.
public struct Assessment: Sendable {
    /// The fields with the corrections applied, normalised, each with its remaining reasons.
    public var fields: [FieldResult]
    /// Everything that still fails: per field, per rule (naming its fields), per output encoding.
    public var findings: [FieldEvaluator.Finding]

    /// Nothing fails: the document may be accepted as it is.
    public var passes: Bool { findings.isEmpty }
    /// Something fails that no override can accept (a value of the wrong type, an unknown option).
    public var mustCorrect: Bool { findings.contains { !$0.overridable } }
    /// The findings in words, one line each: `field: message` or `rule: message`.
    public var lines: [String] {
        findings.map { ($0.field.map { "\($0): " } ?? "rule: ") + $0.reason.message }
    }
}

/// Settles a document in the review queue: a person's corrections go through the same checks and
/// rules as `rpa run`, then the resolution is recorded.
///
/// Everything is checked before anything is written. The run state is the truth: the document's
/// result with its resolution is stored first (atomically), then the outputs are rebuilt from the
/// run state, the queue item removed, the audit entry appended and the ledger row recorded last.
/// Each later step is idempotent, so a resolution interrupted after the run state (a kill, a full
/// disk) is finished by a retry with the same outcome, by the next `rpa run` and by the next
/// `rpa review serve` (``finishInterrupted()``); a retry with another outcome is refused
/// (``ReviewError/alreadyResolved(_:)``), as is one the ledger recorded otherwise. Resolutions on
/// one machine are made one at a time (a lock in the run state).
public struct ReviewResolver: Sendable {
    public let workflow: Workflow
    public let root: URL
    public let ledgerPath: String?
    public let today: CalendarDate

    public init(workflow: Workflow, root: URL, ledgerPath: String?, today: CalendarDate = .today()) {
        self.workflow = workflow
        self.root = root
        self.ledgerPath = ledgerPath
        self.today = today
    }

    public var queue: ReviewQueue { ReviewQueue(folder: root.appendingPathComponent(workflow.review.queue)) }
    var store: ResultStore { ResultStore(root: root, workflow: workflow.id, version: workflow.version) }
    /// The workflow's review audit trail.
    public var audit: AuditTrail { AuditTrail(root: root, workflow: workflow.id) }
    /// Held by a review station for its lifetime (SQLite ledger: one station per queue).
    var stationLock: URL { store.folder.appendingPathComponent("station.lock") }

    /// The review item whose document hash starts with `id`.
    public func find(_ id: String) throws(ReviewError) -> DocumentResult {
        if id.count >= 16, let item = queue.item(String(id.prefix(16))),
            item.document.hasPrefix(id.lowercased())
        {
            return item
        }
        let matches = queue.items().filter { $0.document.hasPrefix(id.lowercased()) }
        guard !matches.isEmpty else { throw .notFound(id) }
        guard matches.count == 1, let item = matches.first else { throw .ambiguous(id) }
        return item
    }

    /// The hash of the document `id` names: waiting in the queue, or else resolved in the run state
    /// (a retry of a resolution, which finishes or refuses it).
    public func documentHash(_ id: String) throws(ReviewError) -> String {
        do { return try find(id).document } catch .notFound {
            let matches = store.hashes().filter { $0.hasPrefix(id.lowercased()) }
            guard matches.count == 1, let hash = matches.first, store.load(hash)?.resolution != nil else {
                throw matches.count > 1 ? .ambiguous(id) : .notFound(id)
            }
            return hash
        }
    }

    /// The document in review as stored in the run state, sensitive values opened; throws when it is
    /// no longer waiting (resolved meanwhile, or re-read).
    public func waiting(_ id: String) throws(ReviewError) -> DocumentResult {
        let item = try find(id)
        guard let result = store.load(item.document) else { throw .notFound(id) }
        guard result.resolution == nil else { throw .alreadyResolved(String(result.document.prefix(12))) }
        return result
    }

    /// The document as the run state holds it once resolved (a resolution interrupted before its
    /// queue item was removed); nil while it waits.
    public func stored(_ hash: String) -> DocumentResult? {
        store.load(hash).flatMap { $0.resolution == nil ? nil : $0 }
    }

    /// Runs the workflow's checks over the document's values with a person's corrections, through
    /// the same path as `rpa run`, plus what the outputs cannot encode. Nothing is written.
    public func assess(_ result: DocumentResult, corrections: [String: String]) throws(ReviewError)
        -> Assessment
    {
        let evaluator = FieldEvaluator(workflow: workflow, today: today)
        let (fields, findings) = try evaluator.reviewed(result.fields, corrections: corrections)
        var corrected = result
        corrected.fields = fields
        let encoding = OutputWriter.encodingReasons(corrected, workflow: workflow).map {
            FieldEvaluator.Finding(field: $0.field, reason: $0.reason, overridable: false)
        }
        return Assessment(fields: fields, findings: findings + encoding)
    }

    /// Resolves the document as decided: accepts it (with corrections, or with a recorded override)
    /// or rejects it, and records the resolution (run state, outputs, queue, audit trail, ledger).
    /// A document whose resolution the run state holds already is finished, not resolved again,
    /// when `decision` has its outcome, and refused otherwise.
    public func resolve(_ id: String, _ decision: ReviewDecision) throws -> DocumentResult {
        try OutputWriter(workflow: workflow, root: root).refuseCollisions(ledgerPath: ledgerPath)
        let lock = try FileLock(store.folder.appendingPathComponent("resolve.lock"))
        defer { lock.unlock() }
        let hash = try documentHash(id)
        guard var result = store.load(hash) else { throw ReviewError.notFound(id) }
        if let resolution = result.resolution {
            guard resolution.outcome == decision.outcome else {
                throw ReviewError.alreadyResolved(String(hash.prefix(12)))
            }
            try finish(result, counter: try LedgerCounter(workflow: workflow, path: ledgerPath))
            return result
        }
        let before = result
        guard decision.minutes.isFinite, decision.minutes >= 0, decision.minutes <= workflow.review.maxMinutes
        else { throw ReviewError.minutesOutOfRange(decision.minutes, maximum: workflow.review.maxMinutes) }

        var overridden: [String]?
        if decision.reject {
            guard decision.corrections.isEmpty else {
                throw ReviewError.stillInvalid(["a rejected form takes no corrections"], overridable: false)
            }
            guard !(decision.rejectReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ReviewError.reasonMissing("a rejection")
            }
            result.outcome = .rejected
        } else {
            let assessment = try assess(result, corrections: decision.corrections)
            result.fields = assessment.fields
            if assessment.mustCorrect {
                throw ReviewError.stillInvalid(assessment.lines, overridable: false)
            }
            if !assessment.passes {
                guard let reason = decision.overrideReason else {
                    throw ReviewError.stillInvalid(assessment.lines, overridable: true)
                }
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ReviewError.reasonMissing("--override")
                }
                overridden = assessment.lines
                for index in result.fields.indices { result.fields[index].reasons = [] }
            }
            result.outcome = .accepted
        }
        let counter = try LedgerCounter(workflow: workflow, path: ledgerPath)
        // A ledger row an earlier rpa recorded first (it wrote the ledger before the run state)
        // stands: only its outcome may be recorded now.
        if let counter,
            case .some(.some(let recorded)) = try counter.ledger.reviewResolution(
                documentHash: hash, workflow: workflow.id, version: String(workflow.version)),
            recorded != decision.outcome
        {
            throw ReviewError.alreadyResolved(String(hash.prefix(12)))
        }
        var previous: [String: String] = [:]
        for field in before.fields where decision.corrections[field.name] != nil {
            previous[field.name] = field.sensitive ? Masking.mask(field.value) : field.value
        }
        result.problems = []
        result.resolution = Resolution(
            at: Date(), minutes: decision.minutes, corrected: decision.corrections.keys.sorted(),
            rejected: decision.reject,
            reason: decision.reject ? decision.rejectReason : decision.overrideReason,
            overridden: overridden, reviewer: decision.reviewer, measured: decision.measured,
            before: previous)
        try store.save(result)
        try finish(result, counter: counter)
        return result
    }

    /// The steps after the run state, each idempotent: outputs, queue, audit trail, ledger.
    private func finish(_ result: DocumentResult, counter: LedgerCounter?, outputs: Bool = true) throws {
        if outputs {
            try OutputWriter(workflow: workflow, root: root).write(from: store, ledger: counter?.ledger)
        }
        try queue.remove(result.document)
        // A resolution stored before rpa kept the values it corrected has no entry to make.
        if result.resolution?.before != nil,
            let entry = AuditTrail.resolution(of: result, workflow: workflow.id)
        {
            try audit.appendResolution(entry)
        }
        _ = try counter?.count(result)
    }

    /// Finishes every resolution the run state holds whose later steps (outputs, queue, audit trail,
    /// ledger) an interruption left undone; returns how many. Made by `rpa run` and
    /// `rpa review serve` as they start.
    @discardableResult
    public func finishInterrupted() throws -> Int {
        let counter = try LedgerCounter(workflow: workflow, path: ledgerPath)
        let report = try ResolutionCheck(resolver: self, ledger: counter?.ledger).unfinished()
        guard !report.isEmpty else { return 0 }
        let lock = try FileLock(store.folder.appendingPathComponent("resolve.lock"))
        defer { lock.unlock() }
        try OutputWriter(workflow: workflow, root: root).write(from: store, ledger: counter?.ledger)
        for result in report { try finish(result, counter: counter, outputs: false) }
        return report.count
    }

    /// Holds the queue for a review station until the process ends (kill -9 included), when its
    /// ledger is not shared (with a shared ledger, stations share claims on documents instead);
    /// throws ``ReviewError/served(pid:)`` when another station holds it.
    public func holdForStation() throws -> QueueHold? {
        guard !Ledger.isSharedLocation(ledgerPath ?? Ledger.defaultPath()) else { return nil }
        guard let lock = try FileLock.attempt(stationLock) else {
            throw ReviewError.served(pid: FileLock.holder(of: stationLock))
        }
        return QueueHold(lock)
    }

    /// Refuses when a review station holds the queue (see ``holdForStation()``).
    public func refuseIfServed() throws {
        guard !Ledger.isSharedLocation(ledgerPath ?? Ledger.defaultPath()) else { return }
        guard let lock = try FileLock.attempt(stationLock, markingHolder: false) else {
            throw ReviewError.served(pid: FileLock.holder(of: stationLock))
        }
        lock.unlock()
    }
}

/// A review station's hold on a queue, released with it (or when the process ends).
public final class QueueHold: Sendable {
    private let lock: FileLock

    init(_ lock: FileLock) {
        self.lock = lock
    }

    /// Lets another station take the queue.
    public func release() { lock.unlock() }
}
