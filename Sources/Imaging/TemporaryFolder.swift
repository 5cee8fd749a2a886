import Dispatch
import Foundation

/// This process's private folder for temporary files that may show personal data (PDF pages
/// rendered for reading: whole forms).
///
/// Made on first use in the system's temporary folder as `rpa-tmp-<pid>-<random>`, mode 0700; removed
/// when the process exits, and on SIGINT or SIGTERM before the process ends with that signal. Folders
/// left by a process that was killed outright (kill -9, power cut) are removed by the next process
/// that makes one.
public enum TemporaryFolder {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var folder: URL?
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) private static var closing = false
    static let prefix = "rpa-tmp-"

    /// The folder, made (and the clean-up set up) on first use.
    public static func url() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let folder { return folder }
        guard !closing else { throw CocoaError(.fileWriteUnknown) }
        let base = FileManager.default.temporaryDirectory
        removeLeftovers(in: base)
        let made = base.appendingPathComponent(
            "\(prefix)\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        // The clean-up is in place before the folder exists, so no signal can come between.
        if signalSources.isEmpty {
            atexit { TemporaryFolder.remove() }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    // No new folder from now on, the folder removed, and the process ends at once
                    // with the status a shell gives a signal (130 for Ctrl-C, 143 for SIGTERM).
                    TemporaryFolder.remove(closing: true)
                    _exit(128 + signalNumber)
                }
                source.resume()
                signalSources.append(source)
            }
        }
        try FileManager.default.createDirectory(
            at: made, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        folder = made
        return made
    }

    /// Removes the folder now (at exit, or on a signal: then no folder is made again).
    static func remove(closing: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        if closing { self.closing = true }
        guard let folder else { return }
        try? FileManager.default.removeItem(at: folder)
        self.folder = nil
    }

    /// Removes the folders of processes that no longer run (a run calls it when it starts).
    public static func removeLeftovers(in base: URL = FileManager.default.temporaryDirectory) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
            }
        }
    }
}
