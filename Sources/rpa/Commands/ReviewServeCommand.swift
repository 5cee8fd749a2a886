import ArgumentParser
import Foundation
import Pipeline
import ReviewStation
import Workflow

extension ReviewCommand {
    /// `rpa review serve`: the review station, a page in the browser over one or more queues.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the review station: clear the review queue in a browser, by keyboard.",
            discussion: """
                Listens on 127.0.0.1 (this machine only) unless --host says otherwise; any other \
                address needs a token, read from --token-file or made up and printed at start, and \
                every request without it is refused. See docs/review.md.
                """)

        @Argument(help: "Workflow files (.yml), or folders of them.")
        var workflows: [String]

        @Option(help: "The output folder given to `rpa run --output` (default: each workflow's folder).")
        var output: String?

        @Option(help: "The time-saved ledger (default: $RPA_LEDGER, else ./rpa-ledger.sqlite).")
        var ledger: String?

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port).")
        var port = 8765

        @Option(help: "A file holding the access token (at least 16 characters).")
        var tokenFile: String?

        func run() async throws {
            let resolvers = try workflowFiles().map { path in
                let workflow = try loadWorkflow(path)
                let root = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? workflow.folder
                return ReviewResolver(workflow: workflow, root: root, ledgerPath: ledger)
            }
            var configuration = StationConfiguration(host: host, port: port, token: try token())
            if !configuration.isLoopback && configuration.token == nil {
                configuration.token = StationConfiguration.randomToken()
            }
            let station = try ReviewStation(resolvers: resolvers, configuration: configuration)
            let names = resolvers.map { TerminalText.escape($0.workflow.name) }.joined(separator: ", ")
            do {
                try await station.run { [token = configuration.token] url in
                    let address = token.map { "\(url)?token=\($0)" } ?? url
                    // Scripts and tests read the address from the first line, so it goes out at once.
                    FileHandle.standardOutput.write(
                        Data("Review station: \(address)\nServing \(names). Press Ctrl+C to stop.\n".utf8))
                }
            } catch {
                printError("cannot serve on \(host):\(port): \(error); choose another --port or --host")
                throw ExitCodes.missingDependency
            }
        }

        /// The workflow files named, folders expanded to the .yml files in them.
        func workflowFiles() throws -> [String] {
            var files: [String] = []
            for path in workflows {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                    printError("\(path): no such workflow file or folder")
                    throw ExitCodes.noInput
                }
                guard isFolder.boolValue else {
                    files.append(path)
                    continue
                }
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter {
                    $0.hasSuffix(".yml") || $0.hasSuffix(".yaml")
                }.sorted()
                files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
            }
            guard !files.isEmpty else {
                printError("no workflow files (.yml) in \(workflows.joined(separator: ", "))")
                throw ExitCodes.noInput
            }
            return files
        }

        func token() throws -> String? {
            guard let tokenFile else { return nil }
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                printError("\(tokenFile): cannot read the token file")
                throw ExitCodes.noInput
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= 16,
                token.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != ";" && $0 != "," })
            else {
                printError(
                    "\(tokenFile): the token must be at least 16 printable ASCII characters, no spaces")
                throw ExitCodes.badInput
            }
            return token
        }
    }
}
