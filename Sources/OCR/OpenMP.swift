import Foundation

/// Keeps Tesseract's OpenMP to one thread per engine.
///
/// libgomp reads `OMP_THREAD_LIMIT` once, when libtesseract loads, so setting it later has no effect;
/// without it each recognition starts several threads and oversubscribes the cores (measured: a page
/// 3.6× slower on 2 cores). The process therefore restarts itself once with the variable set.
public enum OpenMP {
    /// Re-executes the current program with `OMP_THREAD_LIMIT=1` unless it is already set. Returns
    /// only when no restart was needed (or possible).
    public static func ensureSingleThreaded() {
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        let arguments = CommandLine.arguments
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &pointers)
        // execv returned: the restart failed; carry on with the limit unset rather than stop.
        pointers.forEach { free($0) }
    }
}
