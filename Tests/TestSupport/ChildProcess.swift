import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program started with `posix_spawn` and reaped with `waitpid`, for tests that run the `rpa`
/// binary and other tools.
///
/// Not Foundation's `Process`: inside a test process (where Swift Testing also watches its exit-test
/// children) its wait for a child was seen to spin for ever on a child long exited, unreaped. Here
/// each child is reaped by the one who asks, under a lock, and nothing else touches SIGCHLD.
public final class ChildProcess: @unchecked Sendable {
    /// How the child ended.
    public enum TerminationReason: Sendable, Equatable {
        case exit
        case uncaughtSignal
    }

    public let processIdentifier: pid_t
    private let lock = NSLock()
    private var status: Int32?
    private var peak = 0

    /// Starts `executable` with `arguments` and exactly `environment`, in `directory` when given,
    /// standard input from `input`, output and errors appended to the files named. The child
    /// inherits no other descriptor of this process.
    public init(
        executable: String, arguments: [String], environment: [String: String], directory: String? = nil,
        input: String = "", output: String, errors: String
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw Self.failure("pipe", errno) }
        posix_spawn_file_actions_adddup2(&actions, pipe[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o666)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_APPEND, 0o666)
        if let directory { Self.changeDirectory(&actions, directory) }
        // Every other descriptor of this process (other children's pipes among them) stays here.
        Self.closeFrom(&actions, 3)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(pipe[0])
        guard spawned == 0 else {
            close(pipe[1])
            throw Self.failure(executable, spawned)
        }
        processIdentifier = pid
        let bytes = Array(input.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(pipe[1], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            written += count
        }
        close(pipe[1])
    }

    /// True until the child has ended.
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        reap(blocking: false)
        return status == nil
    }

    /// Blocks until the child has ended.
    public func waitUntilExit() {
        while isRunning {
            // Waits for the end without reaping it, so a concurrent `isRunning` never blocks.
            var info = siginfo_t()
            _ = waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOWAIT)
        }
    }

    /// The exit code, or the signal that ended the child.
    public var terminationStatus: Int32 {
        waitUntilExit()
        let raw = lock.withLock { status ?? 0 }
        return raw & 0x7f == 0 ? (raw >> 8) & 0xff : raw & 0x7f
    }

    public var terminationReason: TerminationReason {
        waitUntilExit()
        return lock.withLock { (status ?? 0) & 0x7f == 0 } ? .exit : .uncaughtSignal
    }

    /// The child's own peak resident memory in KiB (not that of any other child of this process).
    public var peakResidentKiB: Int {
        waitUntilExit()
        return lock.withLock { peak }
    }

    /// Asks the child to stop (SIGTERM).
    public func terminate() { kill(processIdentifier, SIGTERM) }

    /// Collects the child's status, once; the lock is held.
    private func reap(blocking: Bool) {
        guard status == nil else { return }
        var raw: Int32 = 0
        var usage = rusage()
        let result = wait4(processIdentifier, &raw, blocking ? 0 : WNOHANG, &usage)
        if result == processIdentifier {
            status = raw
            peak = Int(usage.ru_maxrss)
        }
    }

    // glibc's `posix_spawn_file_actions_addclosefrom_np` and `…_addchdir_np` (2.34, 2.29), looked up
    // at run time: Swift's Glibc module does not declare them.
    private static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ first: Int32) {
        typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: Function.self)(&actions, first)
    }

    private static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) {
        typealias Function =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>)
            -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return }
        _ = path.withCString { unsafeBitCast(symbol, to: Function.self)(&actions, $0) }
    }

    private static func failure(_ what: String, _ code: Int32) -> NSError {
        NSError(
            domain: NSPOSIXErrorDomain, code: Int(code),
            userInfo: [NSLocalizedDescriptionKey: "\(what): \(String(cString: strerror(code)))"])
    }
}
