import Foundation
import Pipeline
import Workflow

/// The station's one place of truth: the workflows it serves, who has which document open, and
/// the resolutions, made one at a time through the same ``ReviewResolver`` as `rpa review resolve`.
///
/// Every value a reviewer sends is checked here, by the workflow's own checks and rules; the browser's
/// checks as you type are this desk's answers.
actor ReviewDesk {
    let resolvers: [ReviewResolver]
    private var board: ClaimBoard
    /// Claims in the shared ledger, by workflow id: other machines' stations see them (none with
    /// an SQLite ledger).
    private let shared: [String: ReviewClaims]
    /// When each held document's shared claim was last renewed.
    private var renewed: [String: Date] = [:]
    private let clock: @Sendable () -> Date
    let renderer = ScanRenderer()

    init(
        resolvers: [ReviewResolver], lease: TimeInterval = 300, pause: TimeInterval = 120,
        shared: [String: ReviewClaims] = [:], clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.resolvers = resolvers
        self.shared = shared
        board = ClaimBoard(lease: lease, pause: pause)
        self.clock = clock
    }

    // MARK: Reading

    func queue() throws -> QueueView {
        let now = clock()
        let others = try sharedHolders()
        return QueueView(
            workflows: resolvers.map { resolver in
                let items = resolver.queue.items()
                // Each reason counted once per document: "low_confidence, 6" means six documents.
                var counts: [String: QueueView.ReasonCount] = [:]
                for reason in items.flatMap({ item in
                    Dictionary(item.allReasons.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
                        .values
                }) {
                    counts[reason.code, default: .init(code: reason.code, message: reason.message, count: 0)]
                        .count += 1
                }
                return QueueView.WorkflowQueue(
                    id: resolver.workflow.id, name: resolver.workflow.name,
                    version: resolver.workflow.version,
                    waiting: items.count, oldest: items.map(\.processedAt).min(),
                    reasons: counts.values.sorted { ($0.count, $1.code) > ($1.count, $0.code) },
                    documents: items.map { item in
                        QueueView.Item(
                            id: Self.id(item.document), file: item.file,
                            reasons: Array(Set(item.allReasons.map(\.code))).sorted(),
                            doubtful: item.fields.filter { !$0.reasons.isEmpty }.count,
                            queuedAt: item.processedAt,
                            takenBy: board.holder(of: item.document, now: now) ?? others[item.document])
                    })
            })
    }

    func document(_ id: String) throws -> DocumentView {
        let (resolver, item) = try locate(id)
        let workflow = resolver.workflow
        let fields = item.fields.enumerated().map { index, field in
            Self.view(field, index: index, spec: workflow.field(field.name), documentID: id)
        }
        let pages = (0..<max(item.pages, 1)).map { index in
            let area = item.fields.compactMap(\.area).first { $0.page == index + 1 }
            let scale = area.map { ScanRenderer.scale(forWidth: $0.pageWidth) } ?? 1
            return DocumentView.PageView(
                number: index + 1, image: "/api/documents/\(id)/pages/\(index + 1).png",
                width: area.map { Int((Double($0.pageWidth) * scale).rounded()) },
                height: area.map { Int((Double($0.pageHeight) * scale).rounded()) })
        }
        let takenBy = try board.holder(of: item.document, now: clock()) ?? sharedHolders()[item.document]
        return DocumentView(
            id: id, workflow: .init(id: workflow.id, name: workflow.name, version: workflow.version),
            file: item.file,
            pages: item.pages > 0 ? pages : [],
            takenBy: takenBy,
            problems: item.problems.map(ReasonView.init), fields: fields,
            earlier: item.earlier.map {
                .init(
                    version: $0.version, outcome: $0.resolution.rejected ? "rejected" : "accepted",
                    values: $0.values)
            },
            next: next(after: item.document, for: nil))
    }

    // MARK: Claims

    func claim(_ id: String, reviewer: String) throws -> ClaimView {
        let name = reviewer.trimmingCharacters(in: .whitespacesAndNewlines)
        let hidden: Set<Unicode.GeneralCategory> = [.control, .format]
        guard (1...64).contains(name.count),
            !name.unicodeScalars.contains(where: { hidden.contains($0.properties.generalCategory) })
        else {
            throw StationError.badRequest("give your name (1 to 64 characters) before opening a document")
        }
        let (resolver, item) = try locate(id)
        do {
            let reopened = board.holder(of: item.document, now: clock()) != nil
            let claim = try board.claim(item.document, reviewer: name, now: clock())
            if let claims = shared[resolver.workflow.id] {
                let other: String?
                do {
                    other = try claims.claim(item.document, reviewer: name, lease: board.lease)
                } catch {
                    // The shared ledger out of reach: a claim just made here is not kept either.
                    if !reopened { board.release(item.document, token: claim.token) }
                    throw error
                }
                if let other {
                    board.release(item.document, token: claim.token)
                    throw StationError.taken(by: other)
                }
            }
            renewed[item.document] = clock()
            renderer.prefetch(item, workflow: resolver.workflow)
            return ClaimView(claim: claim.token, reviewer: claim.reviewer, leaseSeconds: Int(board.lease))
        } catch let error as ClaimBoard.Refusal {
            throw Self.refusal(error)
        }
    }

    /// The holder was heard from: counts the time since, and returns the active seconds so far.
    func activity(_ id: String, claim: String) throws -> Double {
        let (resolver, item) = try locate(id)
        return try touch(resolver, item.document, claim).activeSeconds
    }

    func release(_ id: String, claim: String) throws {
        let (resolver, item) = try locate(id)
        if let holder = board.claims[item.document], holder.token == claim {
            shared[resolver.workflow.id]?.release(item.document, reviewer: holder.reviewer)
            renderer.cancelPrefetch(of: item.document)
        }
        board.release(item.document, token: claim)
        renewed[item.document] = nil
    }

    // MARK: Checking and resolving

    func check(_ id: String, claim: String, values: [String: String], confirmations: [String: String]) throws
        -> CheckView
    {
        let (resolver, item) = try locate(id)
        _ = try touch(resolver, item.document, claim)
        let result = try waiting(resolver, id)
        let corrections = Self.corrections(values, of: result)
        let findings = try Self.assess(resolver, result, corrections, confirmations: confirmations)
        return CheckView(
            ok: findings.isEmpty, overridable: findings.allSatisfy(\.overridable),
            findings: findings.map(FindingView.init)
        )
    }

    func reveal(_ id: String, claim: String, field name: String) throws -> String {
        let (resolver, item) = try locate(id)
        let held = try touch(resolver, item.document, claim)
        let result = try waiting(resolver, id)
        guard let field = result.fields.first(where: { $0.name == name }) else {
            throw StationError(ReviewError.unknownField(name))
        }
        guard field.sensitive else { return field.value }
        try resolver.audit.append(
            AuditEntry(
                at: clock(), reviewer: held.reviewer, action: .revealed, document: result.document,
                file: result.file,
                workflow: resolver.workflow.id, version: result.version, field: name))
        return field.value
    }

    /// Accepts (with corrections, or an override and its reason) or rejects the document, with the
    /// active minutes measured since it was opened; the claim ends when the resolution is recorded.
    func resolve(_ id: String, _ request: ResolutionRequest) throws -> ResolutionView {
        let (resolver, item) = try locate(id)
        let held = try touch(resolver, item.document, request.claim)
        // A resolution interrupted after its run state (a full disk) is finished by the same
        // decision sent again, and refused for another: the resolver compares them.
        let result = try resolver.stored(item.document) ?? waiting(resolver, id)
        let corrections = Self.corrections(request.values ?? [:], of: result)
        let minutes = min(
            (held.activeSeconds / 60 * 100).rounded() / 100, resolver.workflow.review.maxMinutes)
        var decision = ReviewDecision(
            corrections: corrections, minutes: minutes, reject: request.reject != nil, reviewer: held.reviewer
        )
        decision.measured = true
        decision.rejectReason = request.reject
        decision.overrideReason = request.override
        if request.reject == nil && result.resolution == nil {
            let findings = try Self.assess(
                resolver, result, corrections, confirmations: request.confirmations ?? [:])
            let mustCorrect = findings.contains { !$0.overridable }
            if mustCorrect || (!findings.isEmpty && request.override == nil) {
                throw StationError(
                    status: .unprocessableContent, code: "still_invalid",
                    message: mustCorrect
                        ? "correct the fields marked: these cannot be overridden"
                        : "correct the fields marked, or override with the reason the paper really says so",
                    findings: findings.map(FindingView.init))
            }
        }
        do {
            let resolved = try resolver.resolve(item.document, decision)
            board.release(item.document, token: request.claim)
            renewed[item.document] = nil
            try? shared[resolver.workflow.id]?.finish(item.document, reviewer: held.reviewer)
            return ResolutionView(
                outcome: resolved.outcome.rawValue, minutes: minutes,
                next: next(after: item.document, for: held.reviewer))
        } catch let error as ReviewError {
            throw StationError(error)
        }
    }

    // MARK: Images

    func pageImage(_ id: String, page: Int) async throws -> Data {
        // The queue's item names the scan and its hash, which is all the renderer needs: the run
        // state (and its sealed values) is not opened for an image.
        let (resolver, item) = try locate(id)
        let hidden = item.fields.filter(\.sensitive).compactMap(\.area)
        return try await renderer.page(page, of: item, workflow: resolver.workflow, hidden: hidden)
    }

    /// A field's crop; a sensitive field's only for the reviewer holding the document.
    func crop(_ id: String, field index: Int, claim: String?) async throws -> Data {
        let (resolver, item) = try locate(id)
        guard item.fields.indices.contains(index), let area = item.fields[index].area else {
            throw StationError.notFound("crop for field \(index)")
        }
        if item.fields[index].sensitive { _ = try touch(resolver, item.document, claim ?? "") }
        return try await renderer.crop(area, of: item, workflow: resolver.workflow)
    }

    // MARK: Helpers

    /// The 16 hex digits that name a document in the station (its review item's folder).
    static func id(_ hash: String) -> String { String(hash.prefix(16)) }

    private func locate(_ id: String) throws -> (ReviewResolver, DocumentResult) {
        for resolver in resolvers {
            if let item = resolver.queue.item(id) { return (resolver, item) }
        }
        throw StationError.notFound("document \(id) waiting for review (it may have been resolved)")
    }

    private func waiting(_ resolver: ReviewResolver, _ id: String) throws -> DocumentResult {
        do { return try resolver.waiting(id) } catch { throw StationError(error) }
    }

    /// Hears from the holder; their shared claim is renewed every fifth of a lease.
    private func touch(_ resolver: ReviewResolver, _ document: String, _ claim: String) throws
        -> ClaimBoard.Claim
    {
        let now = clock()
        let held: ClaimBoard.Claim
        do { held = try board.touch(document, token: claim, now: now) } catch { throw Self.refusal(error) }
        if let claims = shared[resolver.workflow.id],
            now.timeIntervalSince(renewed[document] ?? .distantPast) > board.lease / 5
        {
            if let other = try claims.claim(document, reviewer: held.reviewer, lease: board.lease) {
                board.release(document, token: claim)
                throw StationError.taken(by: other)
            }
            renewed[document] = now
        }
        return held
    }

    /// Reviewers holding documents at any station sharing the ledger, by document hash.
    private func sharedHolders() throws -> [String: String] {
        try shared.values.reduce(into: [:]) { all, claims in
            all.merge(try claims.holders()) { first, _ in first }
        }
    }

    private static func refusal(_ error: ClaimBoard.Refusal) -> StationError {
        switch error {
        case .taken(let reviewer): return .taken(by: reviewer)
        case .notHeld: return .notHeld
        }
    }

    /// The next waiting document nobody else has open, after `document` in queue order.
    private func next(after document: String, for reviewer: String?) -> String? {
        let now = clock()
        // Only a suggestion: a document someone elsewhere holds is refused when it is claimed.
        let others = (try? sharedHolders()) ?? [:]
        let items = resolvers.flatMap { $0.queue.items() }
        let start = items.firstIndex { $0.document == document }.map { $0 + 1 } ?? 0
        let ordered = items[start...] + items[..<min(start, items.count)]
        return ordered.first { item in
            guard item.document != document else { return false }
            let holder = board.holder(of: item.document, now: now) ?? others[item.document]
            return holder == nil || holder == reviewer
        }.map { Self.id($0.document) }
    }

    /// The values a reviewer changed: a sensitive field sent back still masked is not a change.
    private static func corrections(_ values: [String: String], of result: DocumentResult) -> [String: String]
    {
        values.filter { name, value in
            guard let field = result.fields.first(where: { $0.name == name }), field.sensitive else {
                return true
            }
            return value != Masking.mask(field.value)
        }
    }

    /// The workflow's findings, plus 二重入力: a corrected sensitive value must be typed twice, alike.
    private static func assess(
        _ resolver: ReviewResolver, _ result: DocumentResult, _ corrections: [String: String],
        confirmations: [String: String]
    ) throws -> [FieldEvaluator.Finding] {
        var findings: [FieldEvaluator.Finding]
        do { findings = try resolver.assess(result, corrections: corrections).findings } catch {
            throw StationError(error)
        }
        for field in result.fields where field.sensitive {
            guard let value = corrections[field.name], confirmations[field.name] != value else { continue }
            findings.append(
                FieldEvaluator.Finding(
                    field: field.name,
                    reason: Reason(
                        code: "confirmation_differs",
                        message: "type the corrected value a second time; the two entries must match"),
                    overridable: false))
        }
        return findings
    }

    private static func view(_ field: FieldResult, index: Int, spec: FieldSpec?, documentID: String)
        -> FieldView
    {
        let shown = field.masked
        let kind: String
        var options: [String]?
        if case .boxes(let boxes) = spec?.reader {
            kind = spec?.type == .choice ? "choice" : "checkbox"
            options = boxes.map(\.name)
        } else {
            kind = "text"
        }
        return FieldView(
            index: index, name: field.name, type: spec?.type.rawValue ?? "text", kind: kind, options: options,
            value: shown.value, raw: shown.raw, second: shown.second,
            confidence: Int(field.confidence.rounded()),
            doubtful: !field.reasons.isEmpty, reasons: field.reasons.map(ReasonView.init),
            required: spec?.required ?? false, sensitive: field.sensitive,
            crop: field.area == nil || field.sensitive
                ? nil : "/api/documents/\(documentID)/fields/\(index)/crop.png",
            zone: field.area.map(FieldView.ZoneView.init))
    }
}
