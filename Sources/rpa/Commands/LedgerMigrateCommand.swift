import ArgumentParser
import Foundation
import Ledger

extension LedgerCommand {
    /// `rpa ledger migrate --to postgresql://…`: one machine's ledger moved to a shared server.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy this ledger, every row and seal unchanged, into an empty shared ledger.",
            discussion: """
                For moving one machine's SQLite ledger to the PostgreSQL database several machines \
                share (docs/several-machines.md). The original is checked first and left unchanged; the \
                copy is written in one transaction, then verified, and its chain heads must equal the \
                original's. Give the password in PGPASSFILE or PGPASSWORD, never in the address.
                """)

        @OptionGroup var location: Location
        @Option(help: "The empty ledger to copy into: postgresql://USER@HOST:PORT/DATABASE.") var to: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            guard to != location.path else { throw ValidationError("--to must name another ledger") }
            let source = try location.openCopy()
            let target = try Ledger(path: to)
            let copy = try source.copy(into: target)
            if json {
                try printJSON(
                    MigrateSummary(from: source.path, to: target.path, rows: copy.rows, heads: copy.heads))
                return
            }
            print("copied \(source.path) into \(target.path); verified, chain heads equal:")
            for (table, count) in copy.rows.sorted(by: { $0.key < $1.key }) {
                let head = copy.heads[table].map { " head \($0.prefix(16))…" } ?? ""
                print("  \(table): \(count) rows\(head)")
            }
            print("Point every machine at it with --ledger or RPA_LEDGER; keep the old file as a backup.")
        }
    }

    struct MigrateSummary: Encodable {
        let from: String
        let to: String
        let rows: [String: Int]
        let heads: [String: String]
    }
}
