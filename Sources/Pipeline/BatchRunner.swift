import Foundation
import Imaging
import Ledger
import OCR
import Workflow

/// How a batch runs.
public struct BatchOptions: Sendable {
    /// OCR workers (threads, one engine each).
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    public var recursive = false
    /// Process documents again even when already processed under this workflow version.
    public var force = false
    /// The folder outputs, the review queue and results go in (the workflow's folder by default).
    public var outputRoot: URL
    /// The ledger to count documents in, if any.
    public var ledgerPath: String?
    /// Seconds a claim on a document lasts unless renewed: how long others wait before taking over
    /// the documents of a run that was killed.
    public var lease: Double = 60
    /// The neural recognizer read beside Tesseract when the workflow verifies readings; nil for
    /// Tesseract alone (`RPA_NEURAL=off`: comparisons, and tests of what Tesseract's readings decide).
    public var neural: NeuralModel?

    public init(outputRoot: URL) {
        self.outputRoot = outputRoot
        neural = ProcessInfo.processInfo.environment["RPA_NEURAL"] == "off" ? nil : .installed
    }
}

/// Progress of a running batch, for a progress bar.
public struct BatchProgress: Sendable {
    public var total: Int
    public var done: Int
    public var accepted: Int
    public var review: Int
    public var failed: Int
    public var skipped: Int
}

/// One file the batch could not process, with the reason (never its content).
public struct FileProblem: Sendable, Codable, Equatable {
    public var file: String
    public var reason: String
}

/// What a batch did.
public struct BatchSummary: Sendable, Codable {
    public var workflow: String
    public var version: Int
    public var documents: Int
    public var processed: Int
    /// Already processed under this workflow version (or the same content twice in the batch).
    public var skipped: Int
    public var accepted: Int
    public var review: Int
    public var failed: Int
    public var pages: Int
    public var elapsedSeconds: Double
    public var pagesPerMinute: Double
    public var outputs: [String]
    public var reviewQueue: String
    public var failures: [FileProblem]
    /// Files in the folder that are not scans, passed over.
    public var ignored: [String]
    /// Documents waiting in the review queue after the run (this run's and earlier ones').
    public var waiting: Int
    /// Documents another process read while this one ran (counted among `skipped`).
    public var readElsewhere: Int = 0
    /// Documents newly counted in the ledger.
    public var counted: Int
    public var ledger: String?
    public var ledgerNote: String?
}

/// What a batch works with besides its scans: where results and review items go, the ledger that
/// counts documents, and the OCR workers. The ledger is opened, and the workers started, only when a
/// run needs them (each run makes its own: one runner may run twice at once).
package struct BatchCollaborators: Sendable {
    package var store: ResultStore
    package var queue: ReviewQueue
    /// Opens the ledger counter; nil when the workflow counts nothing.
    package var counter: @Sendable () throws -> LedgerCounter?
    /// Starts the pool of OCR workers for a run with this many workers.
    package var pool: @Sendable (_ workers: Int) throws -> OCRWorkerPool

    package init(
        store: ResultStore, queue: ReviewQueue, counter: @escaping @Sendable () throws -> LedgerCounter?,
        pool: @escaping @Sendable (_ workers: Int) throws -> OCRWorkerPool
    ) {
        self.store = store
        self.queue = queue
        self.counter = counter
        self.pool = pool
    }

    /// The real ones `rpa run` uses: results and the queue under the output root, the ledger at
    /// `options.ledgerPath`, and workers each with a Tesseract engine for the workflow's languages and,
    /// when the workflow verifies readings, the neural recognizer.
    package static func standard(workflow: Workflow, options: BatchOptions) -> BatchCollaborators {
        let configuration = OCRConfiguration(
            languages: workflow.ocr.languages, neural: workflow.ocr.verify ? options.neural : nil)
        return BatchCollaborators(
            store: ResultStore(root: options.outputRoot, workflow: workflow.id, version: workflow.version),
            queue: ReviewQueue(folder: options.outputRoot.appendingPathComponent(workflow.review.queue)),
            counter: { try LedgerCounter(workflow: workflow, path: options.ledgerPath) },
            pool: { workers in try OCRWorkerPool(workers: workers, configuration: configuration) })
    }
}

/// Runs a workflow over a folder of scans: every document once, in parallel, with outputs, review
/// queue and ledger kept consistent across re-runs and crashes.
public final class BatchRunner: Sendable {
    public let workflow: Workflow
    public let options: BatchOptions
    let collaborators: BatchCollaborators

    /// The runner `rpa run` uses, with the real store, queue, ledger and OCR engines.
    public convenience init(workflow: Workflow, options: BatchOptions) {
        self.init(
            workflow: workflow, options: options,
            collaborators: .standard(workflow: workflow, options: options))
    }

    /// A runner with the collaborators given (tests give OCR workers with scripted recognizers).
    package init(workflow: Workflow, options: BatchOptions, collaborators: BatchCollaborators) {
        self.workflow = workflow
        self.options = options
        self.collaborators = collaborators
    }

    public func run(_ folder: URL, progress: @Sendable (BatchProgress) -> Void = { _ in }) async throws
        -> BatchSummary
    {
        try await run(FileDiscovery.scans(in: folder, recursive: options.recursive), progress: progress)
    }

    /// Runs the workflow over the scans of `listing` (a folder's, or the share of a mixed batch that
    /// is this workflow's form).
    public func run(_ listing: FileDiscovery.Listing, progress: @Sendable (BatchProgress) -> Void = { _ in })
        async throws -> BatchSummary
    {
        let start = Date()
        try OutputWriter(workflow: workflow, root: options.outputRoot).refuseCollisions(
            ledgerPath: options.ledgerPath)
        let scans = listing.scans
        let store = collaborators.store
        let queue = collaborators.queue
        let counter = try collaborators.counter()
        // Temporary files a killed run left behind (they may hold personal data) go first.
        TemporaryFolder.removeLeftovers()
        for folder in [store.folder]
            + workflow.outputs.map({ output in
                options.outputRoot.appendingPathComponent(output.path).deletingLastPathComponent()
            })
        {
            PrivateFiles.removeLeftovers(in: folder)
        }
        // Resolutions a kill or a full disk interrupted after their run state are finished first.
        try ReviewResolver(workflow: workflow, root: options.outputRoot, ledgerPath: options.ledgerPath)
            .finishInterrupted()
        var summary = BatchSummary(
            workflow: workflow.name, version: workflow.version,
            documents: scans.count + listing.refused.count,
            processed: 0,
            skipped: 0,
            accepted: 0, review: 0, failed: 0, pages: 0, elapsedSeconds: 0, pagesPerMinute: 0, outputs: [],
            reviewQueue: queue.folder.relativePath, failures: listing.refused, ignored: listing.ignored,
            waiting: 0, counted: 0,
            ledger: counter?.path, ledgerNote: counter == nil ? LedgerCounter.missingRuleNote(workflow) : nil)
        // Files refused from the listing (pipes, devices, links out of the folder, over the size
        // limit) were never opened; they count as failed.
        var state = BatchProgress(
            total: summary.documents, done: listing.refused.count, accepted: 0, review: 0,
            failed: listing.refused.count, skipped: 0)
        progress(state)

        var pending: [Pending] = []
        var seen: Set<String> = []
        for scan in scans {
            let (url, file) = (scan.url, scan.file)
            let hash: String
            do {
                hash = try DocumentHasher.sha256(of: url)
            } catch {
                summary.failures.append(FileProblem(file: file, reason: "\(error.reason); it was skipped"))
                state.failed += 1
                state.done += 1
                continue
            }
            let stored = store.load(hash)
            // A document a person resolved is never read again, even with --force: their work stands.
            if !seen.insert(hash).inserted || (stored != nil && (!options.force || stored?.resolution != nil))
            {
                if let stored { try settle(stored, queue: queue, counter: counter, summary: &summary) }
                state.skipped += 1
                state.done += 1
                continue
            }
            pending.append(Pending(url: url, file: file, hash: hash))
        }
        progress(state)

        if !pending.isEmpty {
            let claimer = counter.map {
                WorkClaimer(
                    ledger: $0.ledger, workflow: workflow.id, version: workflow.version, lease: options.lease)
            }
            let heartbeat = claimer?.heartbeat()
            defer { heartbeat?.cancel() }
            do {
                try await read(
                    pending, claimer: claimer, store: store, queue: queue, counter: counter,
                    summary: &summary,
                    state: &state, progress: progress)
            } catch {
                // Others need not wait for the leases of a run that stopped.
                claimer?.release()
                throw error
            }
        }
        // The counts live in the progress state only, so the summary cannot disagree with the bar.
        summary.accepted = state.accepted
        summary.review = state.review
        summary.failed = state.failed
        summary.skipped = state.skipped
        summary.outputs = try OutputWriter(workflow: workflow, root: options.outputRoot).write(
            from: store, ledger: counter?.ledger)
        summary.waiting = queue.items().count
        summary.elapsedSeconds = Date().timeIntervalSince(start)
        summary.pagesPerMinute =
            summary.elapsedSeconds > 0 ? Double(summary.pages) / summary.elapsedSeconds * 60 : 0
        return summary
    }

    /// A scan to read.
    struct Pending: Sendable {
        var url: URL
        var file: String
        var hash: String
    }

    /// Reads the pending scans on the OCR workers, each claimed first: a document another process
    /// holds is set aside and tried again once the rest are read, until its holder finishes it or
    /// its lease ends (the holder was killed) and it is read here.
    private func read(
        _ pending: [Pending], claimer: WorkClaimer?, store: ResultStore, queue: ReviewQueue,
        counter: LedgerCounter?, summary: inout BatchSummary, state: inout BatchProgress,
        progress: @Sendable (BatchProgress) -> Void
    ) async throws {
        let reader = try FormReader(workflow: workflow)
        let processor = DocumentProcessor(reader: reader, evaluator: FieldEvaluator(workflow: workflow))
        let pool = try collaborators.pool(min(options.workers, pending.count))
        defer { pool.shutdown() }
        try await withThrowingTaskGroup(of: ProcessedDocument.self) { group in
            var list = pending
            var index = 0
            var heldElsewhere: [Pending] = []
            var running = 0
            /// The next document this process may read, settling those others finished.
            func nextClaimed() throws -> Pending? {
                while index < list.count {
                    let item = list[index]
                    index += 1
                    guard let claimer else { return item }
                    switch try claimer.claim(item.hash, retakeFinished: options.force) {
                    case .granted: return item
                    case .held: heldElsewhere.append(item)
                    case .finished:
                        if let stored = store.load(item.hash) {
                            try settle(stored, queue: queue, counter: counter, summary: &summary)
                            summary.readElsewhere += 1
                            state.skipped += 1
                            state.done += 1
                            progress(state)
                        } else if try claimer.claim(item.hash, retakeFinished: true) == .granted {
                            // Finished, but its result is gone (or it failed): read it again.
                            return item
                        }
                    }
                }
                return nil
            }
            while true {
                // Each worker has a scan in hand and the next one taken, and one more waits: a worker
                // starting a scan finds the one after it already queued (it is read only when taken).
                while running < pool.workers * 2 + 1, let item = try nextClaimed() {
                    group.addTask {
                        // The scan is made ready, and its zones started on the worker's lane, while the
                        // worker still finishes the scan before it.
                        try await pool.run(prelude: { recognizers in
                            processor.start(
                                processor.prepare(item.url, file: item.file, hash: item.hash),
                                recognizers: recognizers)
                        }) { recognizers, prepared in processor.finish(prepared, recognizers: recognizers) }
                    }
                    running += 1
                }
                if running == 0 {
                    if heldElsewhere.isEmpty { break }
                    try await Task.sleep(for: .seconds(min(1, options.lease / 4)))
                    (list, index, heldElsewhere) = (heldElsewhere, 0, [])
                    continue
                }
                guard let document = try await group.next() else { break }
                running -= 1
                try record(
                    document, store: store, queue: queue, counter: counter, summary: &summary, state: &state)
                try claimer?.finish(document.result.document)
                progress(state)
            }
        }
    }

    private func record(
        _ document: ProcessedDocument, store: ResultStore, queue: ReviewQueue, counter: LedgerCounter?,
        summary: inout BatchSummary, state: inout BatchProgress
    ) throws {
        let result = document.result
        state.done += 1
        summary.pages += result.pages
        // A person resolved it while it was being read (another process, the review station): their
        // resolution stands over this reading.
        if let current = store.load(result.document), current.resolution != nil {
            state.skipped += 1
            try settle(current, queue: queue, counter: counter, summary: &summary)
            return
        }
        switch result.outcome {
        case .failed:
            // Not stored: a failed file is tried again on the next run (it may have been a missing
            // tool). The ledger counts it once, as failed: a person keys it by hand, nothing is saved.
            state.failed += 1
            summary.failures.append(
                FileProblem(file: result.file, reason: result.problems.map(\.message).joined(separator: "; "))
            )
            // A scan replaced while it was read was not read at all: the next run reads and counts it.
            if !result.problems.contains(where: { $0.code == DocumentProcessor.changedCode }) {
                summary.counted += try counter?.count(result) ?? 0
            }
            return
        case .accepted:
            state.accepted += 1
            try queue.remove(result.document)
        case .review, .rejected:
            state.review += 1
            var document = document
            document.result.earlier = store.earlierResolution(of: result.document)
            try queue.put(document)
        }
        summary.processed += 1
        try store.save(result)
        summary.counted += try counter?.count(result) ?? 0
    }

    /// Brings a document processed earlier up to date: counted in the ledger (a crash may have come
    /// between storing and counting it), and out of the queue once accepted or resolved.
    private func settle(
        _ stored: DocumentResult, queue: ReviewQueue, counter: LedgerCounter?, summary: inout BatchSummary
    ) throws {
        summary.counted += try counter?.count(stored) ?? 0
        if stored.resolution != nil || stored.outcome == .accepted { try queue.remove(stored.document) }
    }
}
