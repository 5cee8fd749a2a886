import Foundation

/// A fixed set of worker threads, each owning its recognizers (``WorkerRecognizers``: a Tesseract
/// engine and the neural recognizer) created inside that thread and kept for the pool's life. Jobs run
/// on whichever worker is free.
///
/// Tesseract engines are not thread-safe and are expensive to start (≈180 ms and ≈70 MB for jpn), so
/// each is made once and only ever touched by its own thread. Engines start one after another: each
/// worker is started once the previous one's engines have loaded, since Tesseract's initialisation
/// writes process-global state, and a failure stops the start before more engines are made.
public final class OCRWorkerPool: Sendable {
    /// The number of workers.
    public let workers: Int
    private let queue = JobQueue()

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
                while let job = queue.next() {
                    job(recognizers)
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
        try await withCheckedThrowingContinuation { continuation in
            let accepted = queue.submit { recognizers in
                continuation.resume(with: Result { try job(recognizers) })
            }
            if !accepted { continuation.resume(throwing: OCRError.poolStopped) }
        }
    }

    /// Stops the workers once the jobs already submitted are done.
    public func shutdown() {
        queue.close()
    }
}

/// A blocking first-in first-out queue of jobs shared by the workers.
private final class JobQueue: @unchecked Sendable {
    typealias Job = @Sendable (WorkerRecognizers) -> Void
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var closed = false

    func submit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// The next job, waiting for one; nil once the queue is closed and empty.
    func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed { condition.wait() }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head > 1024 {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
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
