import ArgumentParser

/// Exit codes with a fixed meaning, documented in `rpa --help` and the README.
enum ExitCodes {
    /// Some documents wait in the review queue (none failed).
    static let needsReview = ExitCode(3)
    /// Some files could not be processed at all.
    static let someFailed = ExitCode(4)
    /// An input file or workflow is unreadable, damaged, hostile or wrong (sysexits EX_DATAERR).
    static let badInput = ExitCode(65)
    /// A required system package (a Tesseract model, poppler) is missing (sysexits EX_UNAVAILABLE).
    static let missingDependency = ExitCode(69)
}
