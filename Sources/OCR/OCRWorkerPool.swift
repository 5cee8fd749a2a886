import Foundation

/// A fixed set of worker threads, each owning its recognizers (``WorkerRecognizers``: a Tesseract
/// engine and the neural recognizer) created inside that thread and kept for the pool's life. Jobs run
/// on whichever worker takes them first; a worker takes the next waiting job with the one it starts
/// (see ``run(prelude:_:)``).
///
/// Tesseract engines are not thread-safe and are expensive to start (≈180 ms and ≈70 MB for jpn), so
/// each is made once and only ever touched by its own thread. Engines start one after another: each
/// worker is started once the previous one's engines have loaded, since Tesseract's initialisation
/// writes process-global state, and a failure stops the start before more engines are made.
public final class OCRWorkerPool: Sendable {
    /// The number of workers.
    public let workers: Int
    private let queue = WorkQueue<Job>()

    /// Starts `workers` threads, one after another, each once the previous one's engines have loaded;
    /// throws the first failure.
    public convenience init(workers: Int, configuration: OCRConfiguration = OCRConfiguration()) throws {
        try self.init(workers: workers) { try WorkerRecognizers(configuration: configuration) }
    }

    /// The pool with recognizers made by `makeRecognizers`, called once in each worker's thread (a
    /// test gives stand-ins).
    public init(workers: Int, makeRecognizers: @escaping @Sendable () throws -> WorkerRecognizers) throws {
        self.workers = max(1, workers)
        for index in 0..<self.workers {
            let started = StartupLatch(count: 1)
            let queue = self.queue
            let thread = Thread {
                let recognizers: WorkerRecognizers
                do {
                    recognizers = try makeRecognizers()
                    started.succeeded()
                } catch {
                    started.failed(error)
                    return
                }
                var job = queue.next()
                job?.prelude(recognizers)
                while let current = job {
                    // The job after it is taken now and its prelude run, so that the engines on lanes
                    // (``RecognizerLane``) go on to it while this thread finishes the one in hand.
                    let following = queue.next(waiting: false)
                    following?.prelude(recognizers)
                    current.body(recognizers)
                    job = following
                    if job == nil {
                        job = queue.next()
                        job?.prelude(recognizers)
                    }
                }
            }
            thread.name = "rpa-ocr-\(index)"
            thread.stackSize = 16 << 20
            thread.start()
            if let error = started.wait() {
                queue.close()
                throw error
            }
        }
    }

    deinit {
        queue.close()
    }

    /// Runs `job` on a free worker with that worker's recognizers, and returns its result.
    public func run<T: Sendable>(_ job: @escaping @Sendable (WorkerRecognizers) throws -> T) async throws
        -> T
    {
        try await run(prelude: { _ in () }) { recognizers, _ in try job(recognizers) }
    }

    /// Runs `prelude`, then `job` with what it made, on one worker with that worker's recognizers, and
    /// returns `job`'s result.
    ///
    /// A worker takes its next job as it starts one and runs that job's prelude first: work the
    /// prelude starts on a lane (``RecognizerLane``) goes on while the worker finishes the job before,
    /// so the lane need not wait for the worker between jobs.
    public func run<Made, T: Sendable>(
        prelude: @escaping @Sendable (WorkerRecognizers) -> Made,
        _ job: @escaping @Sendable (WorkerRecognizers, Made) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            // What the prelude made stays with the worker thread that made it and runs the job.
            let made = Slot<Made>()
            let accepted = queue.add(
                Job(
                    prelude: { made.value = prelude($0) },
                    body: { recognizers in
                        continuation.resume(
                            with: Result {
                                // The worker runs a job's prelude before its body, always.
                                guard let value = made.take() else { throw OCRError.poolStopped }
                                return try job(recognizers, value)
                            })
                    }))
            if !accepted { continuation.resume(throwing: OCRError.poolStopped) }
        }
    }

    /// How many jobs wait for a worker to take them.
    package var waitingJobs: Int { queue.count }

    /// Stops the workers once the jobs already submitted are done.
    public func shutdown() {
        queue.close()
    }
}

/// A job for a worker: what to start when the worker takes it, and its body.
private struct Job: Sendable {
    var prelude: @Sendable (WorkerRecognizers) -> Void
    var body: @Sendable (WorkerRecognizers) -> Void
}

/// What a job's prelude made, for its body: both run on the one worker thread, one after the other.
private final class Slot<Value>: @unchecked Sendable {
    var value: Value?

    /// The value, let go of here: a finished job holds nothing.
    func take() -> Value? {
        defer { value = nil }
        return value
    }
}

/// Lets the pool's initialiser wait until every worker has loaded its engines or one has failed.
private final class StartupLatch: @unchecked Sendable {
    private let condition = NSCondition()
    private var remaining: Int
    private var error: Error?

    init(count: Int) { remaining = count }

    func succeeded() {
        condition.lock()
        remaining -= 1
        condition.broadcast()
        condition.unlock()
    }

    func failed(_ error: Error) {
        condition.lock()
        remaining -= 1
        if self.error == nil { self.error = error }
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Error? {
        condition.lock()
        defer { condition.unlock() }
        while remaining > 0 { condition.wait() }
        return error
    }
}
