import ArgumentParser

/// The `rpa` command: reads scanned paper forms into clean data and counts the time it saves.
struct RPA: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpa",
        abstract: "Read scanned paper forms into clean data, and count the staff time it saves.",
        discussion: """
            Exit codes:
              0   success (every document accepted)
              3   some documents wait in the review queue
              4   some files could not be processed
              64  wrong usage
              65  an input file or workflow is unreadable, damaged or wrong
              69  a required system package is missing (rpa doctor says which)
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CheckCommand.self, PreviewCommand.self, ReviewCommand.self, OCRCommand.self,
            LedgerCommand.self,
            DoctorCommand.self, BenchCommand.self,
        ]
    )
}
