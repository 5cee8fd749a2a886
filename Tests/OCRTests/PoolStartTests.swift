import Foundation
import Testing

@testable import OCR

/// Issue #10, item 12: engines start one after another, each in its own worker, and are kept.
@Suite("Starting the worker pool")
struct PoolStartTests {
    /// Counts engine starts and how many ran at the same time.
    final class Starts: @unchecked Sendable {
        private let lock = NSLock()
        private var running = 0
        private(set) var mostAtOnce = 0
        private(set) var total = 0
        private(set) var threads: Set<UInt> = []

        func begin() {
            lock.lock()
            running += 1
            total += 1
            mostAtOnce = max(mostAtOnce, running)
            threads.insert(UInt(pthread_self()))
            lock.unlock()
        }

        func end() {
            lock.lock()
            running -= 1
            lock.unlock()
        }
    }

    @Test("three workers start their engines one at a time, in their own threads, and keep them")
    func oneAfterAnother() async throws {
        let starts = Starts()
        let pool = try OCRWorkerPool(workers: 3) {
            starts.begin()
            defer { starts.end() }
            // Long enough that starts running together would overlap.
            Thread.sleep(forTimeInterval: 0.05)
            return WorkerRecognizers(
                tesseract: try OCREngine(configuration: OCRConfiguration(languages: ["eng"])))
        }
        defer { pool.shutdown() }
        #expect(starts.total == 3)
        #expect(starts.mostAtOnce == 1)
        #expect(starts.threads.count == 3, "each engine starts in its own worker thread")
        let engines = try await withThrowingTaskGroup(of: (UInt, ObjectIdentifier).self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await pool.run { recognizers in
                        Thread.sleep(forTimeInterval: 0.01)
                        return (UInt(pthread_self()), ObjectIdentifier(recognizers.tesseract))
                    }
                }
            }
            return try await group.reduce(into: [UInt: Set<ObjectIdentifier>]()) { all, job in
                all[job.0, default: []].insert(job.1)
            }
        }
        #expect(!engines.isEmpty && Set(engines.keys).isSubset(of: starts.threads), "jobs run on the workers")
        #expect(engines.values.allSatisfy { $0.count == 1 }, "each worker keeps its one engine")
        #expect(starts.total == 3, "no engine is made for a job")
    }

    /// What the worker did, in order.
    final class Steps: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var steps: [String] = []
        func add(_ step: String) { lock.withLock { steps.append(step) } }
    }

    /// The pipeline prepares a scan and starts its zones on the model's lane in a job's prelude: the
    /// lane goes on to the next scan while the worker finishes the one in hand.
    @Test("a worker runs its next job's prelude before finishing the job in hand, and each body gets its own")
    func preludes() async throws {
        let pool = try OCRWorkerPool(workers: 1) {
            WorkerRecognizers(tesseract: try OCREngine(configuration: OCRConfiguration(languages: ["eng"])))
        }
        defer { pool.shutdown() }
        let steps = Steps()
        let gate = DispatchSemaphore(value: 0)
        // Holds the worker until both jobs below are queued, one after the other.
        let holding = Task {
            try await pool.run { _ in
                steps.add("holding")
                gate.wait()
            }
        }
        while steps.steps.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        /// Queues job `number` (its prelude makes `number`) and waits until it is queued.
        func queue(_ number: Int) async throws -> Task<Int, any Error> {
            let job = Task {
                try await pool.run(prelude: { _ in
                    steps.add("prelude \(number)")
                    return number
                }) { _, made in
                    steps.add("body \(number)")
                    return made
                }
            }
            while pool.waitingJobs < number { try await Task.sleep(for: .milliseconds(5)) }
            return job
        }
        let first = try await queue(1)
        let second = try await queue(2)
        gate.signal()
        try await holding.value
        let made = [try await first.value, try await second.value]
        #expect(made == [1, 2])
        #expect(steps.steps == ["holding", "prelude 1", "prelude 2", "body 1", "body 2"])
    }

    /// What a prelude made (a scan's pages) is let go of once its job is done, not kept by the queue.
    @Test("a finished job's prelude value is released at once")
    func finishedJobsAreReleased() async throws {
        final class Pages: Sendable {}
        final class Watch: @unchecked Sendable { weak var pages: Pages? }
        let pool = try OCRWorkerPool(workers: 1) {
            WorkerRecognizers(tesseract: try OCREngine(configuration: OCRConfiguration(languages: ["eng"])))
        }
        defer { pool.shutdown() }
        let watch = Watch()
        let seen = try await pool.run(prelude: { _ in
            let pages = Pages()
            watch.pages = pages
            return pages
        }) { _, pages in watch.pages === pages }
        #expect(seen)
        #expect(watch.pages == nil)
    }

    @Test("an engine that fails to start stops the pool before more engines are made")
    func failureStops() throws {
        let starts = Starts()
        #expect(throws: OCRError.self) {
            try OCRWorkerPool(workers: 3) {
                starts.begin()
                defer { starts.end() }
                throw OCRError.poolStopped
            }
        }
        #expect(starts.total == 1)
    }
}
