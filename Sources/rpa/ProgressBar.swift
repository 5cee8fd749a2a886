import Foundation
import Pipeline

/// A one-line progress bar on standard error, redrawn in place; silent when disabled.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private let start = Date()
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ progress: BatchProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = progress.total == 0 ? width : progress.done * width / progress.total
        let elapsed = Date().timeIntervalSince(start)
        let line =
            "\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] "
            + "\(progress.done)/\(progress.total)  ✓\(progress.accepted) review \(progress.review) failed \(progress.failed)"
            + " skipped \(progress.skipped)  \(String(format: "%.0f s", elapsed))"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Ends the bar's line; safe to call more than once.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }
}
