import Foundation

/// Resident memory of this process, from /proc/self/status (Linux).
enum ProcessMemory {
    /// Current resident set size in MiB.
    static var residentMiB: Double { field("VmRSS:") }
    /// Peak resident set size in MiB.
    static var peakMiB: Double { field("VmHWM:") }

    private static func field(_ name: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kib / 1024
    }
}

/// Wall-clock seconds since some fixed point, for timing.
func now() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
