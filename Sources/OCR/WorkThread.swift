import Foundation

/// One thread of its own running the work given to it, in order (a worker's lane, ``RecognizerLane``).
package final class WorkThread: Sendable {
    private let work = WorkQueue<@Sendable () -> Void>()

    package init(name: String) {
        let work = self.work
        let thread = Thread {
            while let next = work.next() { next() }
        }
        thread.name = name
        thread.stackSize = 16 << 20
        thread.start()
    }

    deinit { work.close() }

    /// Runs `body` on the thread after the work given before it; returns at once.
    package func run(_ body: @escaping @Sendable () -> Void) {
        _ = work.add(body)
    }
}

/// A blocking first-in first-out queue between threads (the OCR workers' jobs, a lane's work). What
/// was taken is let go of at once: a finished job's images are never kept.
package final class WorkQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var elements: [Element?] = []
    private var head = 0
    private var closed = false

    package init() {}

    /// Adds `element` at the end; false once the queue is closed.
    package func add(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        elements.append(element)
        condition.signal()
        return true
    }

    /// The first element, waiting for one unless `waiting` is false; nil once the queue is closed
    /// and empty (or, not waiting, when it is empty). What was added before closing is still given.
    package func next(waiting: Bool = true) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while waiting && head == elements.count && !closed { condition.wait() }
        guard head < elements.count else { return nil }
        let element = elements[head]
        elements[head] = nil
        head += 1
        if head > 1024 {
            elements.removeFirst(head)
            head = 0
        }
        return element
    }

    /// How many elements wait to be taken.
    package var count: Int { condition.withLock { elements.count - head } }

    /// Refuses what is added from now on and wakes every waiting thread.
    package func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
