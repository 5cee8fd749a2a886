import ArgumentParser
import Foundation
import Imaging
import Ledger

extension LedgerCommand {
    /// `rpa ledger audit`: every review resolution, for an auditor; names, outcomes and minutes only.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List every review resolution: who, when, outcome, fields changed, minutes and corrections.",
            discussion: """
                Documents are named by the first 12 characters of their SHA-256; fields by name. No value \
                typed and no reason given is in the ledger, so none is listed. Reads a private copy: the \
                ledger file is not changed.
                """)

        @OptionGroup var location: Location
        @Option(help: "Only this workflow id (the workflow file's name without .yml).") var workflow: String?
        @Option(help: "table, csv (UTF-8 with BOM, CRLF, for Excel) or json.") var format: String = "table"
        @Flag(help: "Print JSON (the same as --format json).") var json = false
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output:
            String?

        func run() throws {
            guard let chosen = AuditFormat(rawValue: json ? "json" : format) else {
                throw ValidationError("--format must be one of: table, csv, json")
            }
            let text = chosen.render(try location.openCopy().auditTrail(workflow: workflow))
            if let output {
                try PrivateFiles.write(Data(text.utf8), to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
