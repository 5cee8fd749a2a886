import Foundation
import Ledger
import Workflow

/// Why a review could not be resolved.
public enum ReviewError: Error, CustomStringConvertible {
    case notFound(String)
    case ambiguous(String)
    case unknownField(String)
    case invalidCorrection(field: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let id): return "no review item '\(id)'; `rpa review list` shows them"
        case .ambiguous(let id): return "'\(id)' matches several review items; give more of the id"
        case .unknownField(let name): return "the workflow has no field '\(name)'"
        case .invalidCorrection(let field, let reason):
            return "the correction of '\(field)' is not valid: \(reason)"
        }
    }
}

/// Settles a document in the review queue: a person's corrections (checked like any value), the
/// minutes they spent (recorded in the ledger), and then the outputs rewritten.
public struct ReviewResolver: Sendable {
    public let workflow: Workflow
    public let root: URL
    public let ledgerPath: String?

    public init(workflow: Workflow, root: URL, ledgerPath: String?) {
        self.workflow = workflow
        self.root = root
        self.ledgerPath = ledgerPath
    }

    public var queue: ReviewQueue { ReviewQueue(folder: root.appendingPathComponent(workflow.review.queue)) }
    var store: ResultStore { ResultStore(root: root, workflow: workflow.id, version: workflow.version) }

    /// The review item whose document hash starts with `id`.
    public func find(_ id: String) throws -> DocumentResult {
        let matches = queue.items().filter { $0.document.hasPrefix(id.lowercased()) }
        guard !matches.isEmpty else { throw ReviewError.notFound(id) }
        guard matches.count == 1, let item = matches.first else { throw ReviewError.ambiguous(id) }
        return item
    }

    /// Resolves the item: applies `corrections` (field name → value as a person reads it on paper),
    /// records `minutes`, accepts the document (or rejects it) and rewrites the outputs.
    public func resolve(_ id: String, corrections: [String: String], minutes: Double, reject: Bool) throws
        -> DocumentResult
    {
        let item = try find(id)
        guard var result = store.load(item.document) else { throw ReviewError.notFound(id) }
        for (name, value) in corrections {
            guard let spec = workflow.field(name),
                let index = result.fields.firstIndex(where: { $0.name == name })
            else {
                throw ReviewError.unknownField(name)
            }
            if spec.type == .choice || spec.type == .checkbox {
                let options = value.split(separator: ";").map(String.init).filter { !$0.isEmpty }
                result.fields[index].options = options
                result.fields[index].value = options.joined(separator: ";")
            } else {
                switch spec.type.normalize(value) {
                case .success(let normalized): result.fields[index].value = normalized
                case .failure(let failure):
                    throw ReviewError.invalidCorrection(field: name, reason: failure.message)
                }
            }
        }
        for index in result.fields.indices { result.fields[index].reasons = [] }
        result.problems = []
        result.outcome = reject ? .review : .accepted
        result.resolution = Resolution(
            at: Date(), minutes: minutes, corrected: corrections.keys.sorted(), rejected: reject)
        if workflow.savings != nil {
            try Ledger(path: ledgerPath ?? Ledger.defaultPath()).resolveReview(
                documentHash: result.document, workflow: workflow.name, version: String(workflow.version),
                minutesSpent: minutes)
        }
        try store.save(result)
        queue.remove(result.document)
        try OutputWriter(workflow: workflow, root: root).write(from: store)
        return result
    }
}
