import ArgumentParser

/// The `rpa` command: reads scanned paper forms into clean data and counts the time it saves.
struct RPA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpa",
        abstract: "Read scanned paper forms into clean data, and count the staff time it saves.",
        discussion: """
            Exit codes: 0 success; 1 some input could not be processed; 64 wrong usage;
            65 an input file is unreadable or damaged; 69 a required system package is missing.
            """,
        version: "0.1.0",
        subcommands: [OCRCommand.self, DoctorCommand.self, LedgerCommand.self, BenchCommand.self]
    )
}
