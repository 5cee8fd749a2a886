import ArgumentParser

/// Exit codes with a fixed meaning, documented in `rpa --help` and the README.
enum ExitCodes {
    /// Some documents could not be processed.
    static let partialFailure = ExitCode(1)
    /// An input file is unreadable, damaged or hostile (sysexits EX_DATAERR).
    static let badInput = ExitCode(65)
    /// A required system package (a Tesseract model, poppler) is missing (sysexits EX_UNAVAILABLE).
    static let missingDependency = ExitCode(69)
}
