import ArgumentParser

/// `--minutes`, taken as text so that `--minutes -5` reaches the range check with a clear message
/// instead of being read as an unknown option.
enum Minutes {
    static func parse(_ text: String) throws -> Double {
        guard let minutes = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("--minutes takes a number of minutes such as 1.5, got '\(text)'")
        }
        return minutes
    }
}
