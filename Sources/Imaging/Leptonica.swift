import CLeptonica

/// Process-wide Leptonica settings.
public enum Leptonica {
    /// Leptonica's version string, e.g. "leptonica-1.82.0".
    public static var version: String {
        guard let raw = getLeptonicaVersion() else { return "unknown" }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Silences Leptonica's own stderr messages once per process: failures reach the user as typed
    /// errors instead, naming the file and the reason.
    public static func silence() {
        _ = silenced
    }

    private static let silenced: Bool = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        return true
    }()
}
