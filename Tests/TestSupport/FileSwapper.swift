import Foundation

/// Replaces a file atomically (a hard link renamed over it) by one of two files and then the other,
/// every 2 ms on its own thread, until stopped: a scan changed while `rpa` reads it.
public final class FileSwapper: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var count = 0
    private let done = DispatchSemaphore(value: 0)

    /// Starts swapping `target` (which should hold `first` now) with `second`, then `first`, and so on.
    public init(_ first: URL, _ second: URL, over target: URL) {
        let spare = target.deletingLastPathComponent().appendingPathComponent(".swap-\(UUID().uuidString)")
        Thread {
            var turn = 0
            while !self.isStopped {
                let source = turn % 2 == 0 ? second : first
                if link(source.path, spare.path) == 0, rename(spare.path, target.path) == 0 {
                    self.lock.withLock { self.count += 1 }
                }
                turn += 1
                usleep(2_000)
            }
            unlink(spare.path)
            self.done.signal()
        }.start()
    }

    /// How many times the file was replaced.
    public var swaps: Int { lock.withLock { count } }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Stops swapping; returns once the thread has stopped.
    public func stop() {
        lock.withLock { stopped = true }
        done.wait()
    }
}
