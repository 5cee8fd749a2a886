import ArgumentParser

/// Exit codes with a fixed meaning, documented in `rpa --help` and the README (BSD sysexits where
/// one fits). 1 is left for crashes: an error no type below claims.
enum ExitCodes {
    /// Some documents wait in the review queue (none failed).
    static let needsReview = ExitCode(3)
    /// Some files could not be processed at all.
    static let someFailed = ExitCode(4)
    /// Wrong usage: an unknown option, a malformed date or number (sysexits EX_USAGE).
    static let usage = ExitCode(64)
    /// An input file or workflow is unreadable, damaged, hostile or wrong, or a value breaks a check
    /// (sysexits EX_DATAERR).
    static let badInput = ExitCode(65)
    /// A file or folder named on the command line does not exist (sysexits EX_NOINPUT).
    static let noInput = ExitCode(66)
    /// A required system package (a Tesseract model, poppler) is missing (sysexits EX_UNAVAILABLE).
    static let missingDependency = ExitCode(69)
    /// An output, the review queue or the ledger cannot be created: permissions, a read-only folder
    /// (sysexits EX_CANTCREAT).
    static let cannotCreate = ExitCode(73)
    /// Reading or writing failed: the disk is full, the device failed (sysexits EX_IOERR).
    static let ioError = ExitCode(74)
    /// The shared ledger's PostgreSQL server cannot be reached or refused the login, or another review
    /// station serves the queue: try again later (sysexits EX_TEMPFAIL). Nothing was half-counted.
    static let unavailable = ExitCode(75)
}
