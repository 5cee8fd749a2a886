import ArgumentParser

/// The `rpa` command: reads scanned paper forms into clean data and counts the time it saves.
struct RPA: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpa",
        abstract: "Read scanned paper forms into clean data, and count the staff time it saves.",
        discussion: """
            Exit codes:
              0   success (every document accepted)
              1   a crash: an error rpa does not know (please report it)
              3   some documents wait in the review queue
              4   some files could not be processed (each named; the rest went on)
              64  wrong usage (an option, date, number or review id)
              65  an input, workflow, ledger or correction is wrong or damaged
              66  a file or folder named does not exist
              69  a required system package is missing (rpa doctor says which)
              73  an output, queue or ledger cannot be created (permissions, read-only)
              74  reading or writing failed (disk full, device error)
              75  the shared PostgreSQL ledger cannot be reached, or another review
                  station serves the queue (try again later)
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CheckCommand.self, PreviewCommand.self, ReviewCommand.self, OCRCommand.self,
            LedgerCommand.self,
            DoctorCommand.self, BenchCommand.self,
        ]
    )
}
