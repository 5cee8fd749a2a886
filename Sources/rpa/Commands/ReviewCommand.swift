import ArgumentParser
import Foundation
import Pipeline
import Workflow

/// `rpa review`: the review queue from the terminal, until the browser review station.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, show and resolve documents waiting for a person.",
        subcommands: [List.self, Show.self, Resolve.self])

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
                    "\(item.document.prefix(12))  \(item.file)  \(Set(reasons).sorted().joined(separator: ", "))"
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
            print("\(item.file)  (\(item.document))")
            for problem in item.problems { print("  !! \(problem.message)") }
            for (index, field) in item.fields.enumerated() {
                let crop = folder.appendingPathComponent(String(format: "%02d.png", index + 1))
                let cropText =
                    FileManager.default.fileExists(atPath: crop.path) ? "  crop: \(crop.relativePath)" : ""
                let reasons = field.reasons.map(\.message).joined(separator: "; ")
                print(
                    "  \(field.reasons.isEmpty ? "ok" : "!!") \(field.name) = \"\(field.value)\" (read \"\(field.raw)\", confidence \(Int(field.confidence.rounded())))\(reasons.isEmpty ? "" : "  ← \(reasons)")\(cropText)"
                )
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a document with corrections (or reject it), recording the minutes spent.")
        @OptionGroup var location: Location
        @Argument(help: "The document id (the start of its hash).") var id: String
        @Option(
            name: .customLong("set"), help: "A correction FIELD=VALUE (repeatable); options joined with ;.")
        var corrections: [String] = []
        @Option(help: "Minutes the review took (recorded in the ledger).") var minutes: Double
        @Flag(help: "Reject the form: it is not written to the outputs.") var reject = false

        func run() throws {
            var values: [String: String] = [:]
            for correction in corrections {
                guard let equals = correction.firstIndex(of: "=") else {
                    throw ValidationError("--set takes FIELD=VALUE, e.g. --set 氏名=山田花子")
                }
                values[String(correction[..<equals])] = String(correction[correction.index(after: equals)...])
            }
            do {
                let result = try location.resolver().resolve(
                    id, corrections: values, minutes: minutes, reject: reject)
                print("\(result.file): \(reject ? "rejected" : "accepted"), \(minutes) min recorded")
            } catch let error as ReviewError {
                printError("error: \(error)")
                throw ExitCodes.badInput
            }
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
