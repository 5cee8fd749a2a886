import ArgumentParser
import Foundation
import Pipeline

extension ReviewCommand {
    /// `rpa review audit`: who resolved what, when, and which values they changed.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the review audit trail: who, when, which field, old and new value, why.",
            discussion: "Sensitive values (My Number) are masked. The ledger keeps the same resolutions "
                + "without any value: `rpa ledger audit`.")
        @OptionGroup var location: Location
        @Flag(help: "Print as JSON lines' array.") var json = false

        func run() throws {
            let entries = try location.resolver().audit.entries()
            if json {
                try printJSON(entries)
                return
            }
            if entries.isEmpty { print("No reviews recorded yet.") }
            let format = Date.ISO8601FormatStyle(timeZone: .current).year().month().day().time(
                includingFractionalSeconds: false)
            for entry in entries {
                var line =
                    "\(entry.at.formatted(format))  \(entry.document.prefix(12))  "
                    + "\(TerminalText.escape(entry.reviewer))  \(entry.action.rawValue)  \(TerminalText.escape(entry.file))"
                if let minutes = entry.minutes {
                    line += "  \(minutes) min \(entry.measured == true ? "measured" : "typed")"
                }
                print(line)
                for change in entry.changes {
                    print(
                        "    \(change.field): \"\(TerminalText.escape(change.old))\" → \"\(TerminalText.escape(change.new))\""
                    )
                }
                if let field = entry.field { print("    showed \(field)") }
                if let reason = entry.reason { print("    reason: \(TerminalText.escape(reason))") }
                for rule in entry.overridden ?? [] { print("    overridden: \(TerminalText.escape(rule))") }
            }
        }
    }
}
