import ArgumentParser
import Foundation
import Pipeline
import Workflow

/// `rpa review`: the review queue from the terminal, and the review station in the browser.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, show and resolve documents waiting for a person.",
        subcommands: [List.self, Show.self, Resolve.self, Serve.self, Audit.self])

    /// Where the workflow's queue is.
    struct Location: ParsableArguments {
        @Argument(help: "The workflow file (.yml).")
        var workflow: String

        @Option(help: "The output folder given to `rpa run --output` (default: the workflow's folder).")
        var output: String?

        @Option(help: "The time-saved ledger (default: $RPA_LEDGER, else ./rpa-ledger.sqlite).")
        var ledger: String?

        func resolver() throws -> ReviewResolver {
            let loaded = try loadWorkflow(workflow)
            let root = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? loaded.folder
            return ReviewResolver(workflow: loaded, root: root, ledgerPath: ledger)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the documents waiting for review.")
        @OptionGroup var location: Location
        @Flag(help: "Print as JSON.") var json = false

        func run() throws {
            let items = try location.resolver().queue.items()
            if json {
                try printJSON(items.map { Masked($0) })
                return
            }
            if items.isEmpty { print("The review queue is empty.") }
            for item in items {
                let reasons = item.allReasons.map(\.code)
                print(
                    "\(item.document.prefix(12))  \(TerminalText.escape(item.file))  \(Set(reasons).sorted().joined(separator: ", "))"
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one document's fields, reasons and crops.")
        @OptionGroup var location: Location
        @Argument(help: "The document id (the start of its hash, from `rpa review list`).") var id: String

        func run() throws {
            let resolver = try location.resolver()
            let item = try resolver.find(id)
            let folder = resolver.queue.folder.appendingPathComponent(String(item.document.prefix(16)))
            print("\(TerminalText.escape(item.file))  (\(item.document))")
            for problem in item.problems { print("  !! \(problem.message)") }
            for (index, field) in item.fields.enumerated() {
                let crop = folder.appendingPathComponent(String(format: "%02d.png", index + 1))
                let cropText =
                    FileManager.default.fileExists(atPath: crop.path) ? "  crop: \(crop.relativePath)" : ""
                let reasons = field.reasons.map(\.message).joined(separator: "; ")
                let value = TerminalText.escape(field.value)
                let raw = TerminalText.escape(field.raw)
                print(
                    "  \(field.reasons.isEmpty ? "ok" : "!!") \(field.name) = \"\(value)\" (read \"\(raw)\", confidence \(Int(field.confidence.rounded())))\(reasons.isEmpty ? "" : "  ← \(reasons)")\(cropText)"
                )
            }
            if let earlier = item.earlier {
                let outcome = earlier.resolution.rejected ? "rejected" : "accepted"
                print("  earlier review (version \(earlier.version)): \(outcome)")
                for (name, value) in earlier.values.sorted(by: { $0.key < $1.key }) {
                    print("    \(name) = \"\(TerminalText.escape(value))\"")
                }
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a document with corrections (or reject it), recording the minutes spent.",
            discussion: """
                Every value, corrected or confirmed, goes through the workflow's types, options, checks \
                and rules; a document that still breaks one stays waiting (exit 65), unless --override \
                gives the reason the paper really says so. A resolution that failed half-way (exit 74, a \
                full disk) is finished by the same command again; another outcome is refused (exit 65). \
                While a review station serves the queue (SQLite ledger), resolve there (exit 75). \
                Sensitive fields (My Number) are never typed on the command line: --read FIELD reads \
                the value from standard input (twice on a terminal, without echo, and both must match).
                """)
        @OptionGroup var location: Location
        @Argument(help: "The document id (the start of its hash).") var id: String
        @Option(
            name: .customLong("set"), help: "A correction FIELD=VALUE (repeatable); options joined with ;.")
        var corrections: [String] = []
        @Option(help: "A field whose corrected value is read from standard input (repeatable).")
        var read: [String] = []
        @Option(
            parsing: .unconditional,
            help: "Minutes the review took, 0 to the workflow's review.max_minutes (default 120).")
        var minutes: String
        @Flag(help: "Reject the form: it is not written to the outputs and claims no savings.")
        var reject = false
        @Option(help: "Why the form is rejected (kept in the run state, not in the ledger).")
        var reason: String?
        @Option(help: "Accept although checks or rules fail, because the paper really says so: the reason.")
        var override: String?

        func run() throws {
            let minutes = try Minutes.parse(minutes)
            let resolver = try location.resolver()
            var values: [String: String] = [:]
            for correction in corrections {
                guard let equals = correction.firstIndex(of: "=") else {
                    throw ValidationError("--set takes FIELD=VALUE, e.g. --set 氏名=山田花子")
                }
                let name = String(correction[..<equals])
                if resolver.workflow.field(name)?.sensitive == true {
                    throw ValidationError(
                        "\(name) holds personal data: give it with --read \(name) (standard input), not --set, "
                            + "so it stays out of shell history and the process list")
                }
                values[name] = String(correction[correction.index(after: equals)...])
            }
            for name in read {
                guard resolver.workflow.field(name) != nil else { throw ReviewError.unknownField(name) }
                values[name] = try SecretInput.read(field: name)
            }
            var decision = ReviewDecision(corrections: values, minutes: minutes, reject: reject)
            decision.overrideReason = override
            decision.rejectReason = reason
            // With an SQLite ledger, the queue is the station's while one serves it; with a shared
            // ledger, a station on another machine may have the document open: only the holder of
            // the claim resolves it.
            try resolver.refuseIfServed()
            let document = try resolver.documentHash(id)
            // Per machine, not per process: the same person retrying a resolution a kill or a
            // full disk interrupted holds the claim already.
            let place = "cli-\(ProcessInfo.processInfo.hostName)"
            let claims = try ReviewClaims(for: resolver, place: place)
            let reviewer = decision.reviewer
            if let holder = try claims?.claim(document, reviewer: reviewer, lease: 120) {
                throw ReviewError.taken(String(document.prefix(16)), by: holder)
            }
            let result: DocumentResult
            do {
                result = try resolver.resolve(document, decision)
            } catch {
                claims?.release(document, reviewer: reviewer)
                throw error
            }
            try claims?.finish(document, reviewer: reviewer)
            let resolution = result.resolution
            let outcome =
                resolution?.rejected == true
                ? "rejected" : resolution?.overridden != nil ? "accepted with an override" : "accepted"
            print(
                "\(TerminalText.escape(result.file)): \(outcome), \(resolution?.minutes ?? minutes) min recorded"
            )
        }
    }

    /// A review item for scripts, with sensitive values masked.
    struct Masked: Encodable {
        var document: String
        var file: String
        var reasons: [Reason]
        var fields: [FieldResult]

        init(_ item: DocumentResult) {
            document = item.document
            file = item.file
            reasons = item.allReasons
            fields = item.fields
        }
    }
}
