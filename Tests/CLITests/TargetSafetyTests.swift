import Foundation
import Testing

/// Nothing rpa writes may damage what is not its own: a device, a pipe, a folder or another user's
/// file where a file is asked for is refused (73, one line) and left as it was; a symbolic link is
/// followed and its target replaced; reading a ledger never writes it, whatever `--ledger` names.
/// Every node is a private one in a temporary folder, never the system's.
@Suite("Target safety", .serialized)
struct TargetSafetyTests {
    static let isRoot = getuid() == 0

    /// A pipe, a character device (1:3, as /dev/null; nil where mknod is refused), a folder, a
    /// regular file with absolute and relative links to it, and another user's file (as root).
    final class Nodes {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rpa-nodes-\(UUID().uuidString)")
        var pipe: URL { root.appendingPathComponent("pipe") }
        var folder: URL { root.appendingPathComponent("folder") }
        var file: URL { root.appendingPathComponent("file.txt") }
        var absoluteLink: URL { root.appendingPathComponent("absolute-link") }
        /// Relative to `root`: run with `in: root`.
        let relativeLink = "relative-link"
        private(set) var device: URL?
        private(set) var theirs: URL?

        init() throws {
            let manager = FileManager.default
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try #require(mkfifo(pipe.path, 0o644) == 0)
            try Data("mine\n".utf8).write(to: file)
            try manager.createSymbolicLink(atPath: absoluteLink.path, withDestinationPath: file.path)
            try manager.createSymbolicLink(
                atPath: root.appendingPathComponent(relativeLink).path, withDestinationPath: "file.txt")
            let device = root.appendingPathComponent("null")
            if mknod(device.path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
                self.device = device
            } else {
                print("mknod refused (\(String(cString: strerror(errno)))): the device cases are skipped")
            }
            if TargetSafetyTests.isRoot {
                let theirs = root.appendingPathComponent("theirs.txt")
                try Data("theirs\n".utf8).write(to: theirs)
                try #require(chown(theirs.path, 65534, 65534) == 0)
                self.theirs = theirs
            }
        }

        /// The refused nodes with what the message calls them.
        var refused: [(URL, String)] {
            [(pipe, "is a pipe"), (folder, "is a folder")] + (device.map { [($0, "is a device")] } ?? [])
                + (theirs.map { [($0, "belongs to another user")] } ?? [])
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    /// The file type bits of `url` itself (a link is not followed).
    static func kind(_ url: URL) -> mode_t {
        var info = stat()
        return lstat(url.path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// Runs rpa, killed after `seconds` (a pipe opened for reading or writing waits for ever).
    static func bounded(
        _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
        seconds: Double = 60
    ) throws -> CLI.Result {
        let running = try CLI.start(arguments, in: folder, environment: environment)
        let deadline = Date().addingTimeInterval(seconds)
        while running.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if running.process.isRunning {
            kill(running.process.processIdentifier, SIGKILL)
            Issue.record("rpa \(arguments.prefix(2).joined(separator: " ")) did not end within \(seconds) s")
        }
        running.process.waitUntilExit()
        return running.result()
    }

    /// Expects exit 73 and one line naming `node` and what it is; `node` is as it was.
    static func expectRefused(
        _ result: CLI.Result, _ node: URL, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 73, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(
            result.stderr.contains("\(node.path) \(what)"), "\(result.stderr)", sourceLocation: sourceLocation
        )
        #expect(
            result.stderr.split(separator: "\n").count == 1, "\(result.stderr)",
            sourceLocation: sourceLocation)
    }

    /// A workspace with one document counted in its ledger (sent to review).
    static func countedWorkspace() throws -> Workspace {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        let run = try space.run()
        try #require(run.status == 3, "\(run.stderr)")
        return space
    }

    @Test("report, audit, preview, outputs and crops refuse a pipe, a device, a folder, another user's file")
    func writersRefuse() throws {
        let space = try Self.countedWorkspace()
        let nodes = try Nodes()
        let scan = space.scans.appendingPathComponent("juminhyo-003.tif").path
        let writers: [(String, (URL) -> [String])] = [
            (
                "ledger report",
                { ["ledger", "report", "--ledger", space.ledger, "--format", "html", "-o", $0.path] }
            ),
            (
                "ledger audit",
                { ["ledger", "audit", "--ledger", space.ledger, "--format", "csv", "-o", $0.path] }
            ),
            ("preview", { ["preview", space.workflow, scan, "-o", $0.path] }),
        ]
        for (name, arguments) in writers {
            for (node, what) in nodes.refused {
                let before = Self.kind(node)
                let result = try Self.bounded(arguments(node))
                Self.expectRefused(result, node, what)
                #expect(Self.kind(node) == before, "\(name) changed \(node.lastPathComponent)")
            }
        }
        if let theirs = nodes.theirs {
            var info = stat()
            #expect(stat(theirs.path, &info) == 0 && info.st_uid == 65534)
            #expect(try Data(contentsOf: theirs) == Data("theirs\n".utf8))
        }

        // A workflow's output and a saved crop, where a pipe stands.
        let outputs = space.output.appendingPathComponent("out")
        try FileManager.default.removeItem(at: outputs.appendingPathComponent("juminhyo.csv"))
        let outputPipe = outputs.appendingPathComponent("juminhyo.csv")
        try #require(mkfifo(outputPipe.path, 0o644) == 0)
        let run = try Self.bounded(
            [
                "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
                space.ledger,
                "--quiet",
            ])
        Self.expectRefused(run, outputPipe, "is a pipe")
        #expect(Self.kind(outputPipe) == S_IFIFO)

        let crops = nodes.root.appendingPathComponent("crops")
        try FileManager.default.createDirectory(at: crops, withIntermediateDirectories: true)
        let cropPipe = crops.appendingPathComponent("zone-1.png")
        try #require(mkfifo(cropPipe.path, 0o644) == 0)
        let ocr = try Self.bounded(["ocr", scan, "--zone", "660,640,1632,170", "--save-crops", crops.path])
        Self.expectRefused(ocr, cropPipe, "is a pipe")
        #expect(Self.kind(cropPipe) == S_IFIFO)
    }

    @Test("a symbolic link, absolute or relative, is followed: the link stays, its target is replaced")
    func linksAreFollowed() throws {
        let space = try Self.countedWorkspace()
        let nodes = try Nodes()
        let relative = nodes.root.appendingPathComponent(nodes.relativeLink)
        for link in [nodes.absoluteLink.path, nodes.relativeLink] {
            try Data("mine\n".utf8).write(to: nodes.file)
            let result = try Self.bounded(
                ["ledger", "report", "--ledger", space.ledger, "--format", "csv", "-o", link], in: nodes.root)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.kind(nodes.absoluteLink) == S_IFLNK && Self.kind(relative) == S_IFLNK)
            #expect(Self.kind(nodes.file) == S_IFREG)
            let written = try String(contentsOf: nodes.file, encoding: .utf8)
            #expect(written != "mine\n" && !written.isEmpty, "the link's target holds the report")
        }
        let preview = try Self.bounded(
            [
                "preview", space.workflow, space.scans.appendingPathComponent("juminhyo-003.tif").path, "-o",
                nodes.absoluteLink.path,
            ])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(Self.kind(nodes.absoluteLink) == S_IFLNK)
        #expect(try Data(contentsOf: nodes.file).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))

        // A link to a pipe is refused like the pipe.
        let toPipe = nodes.root.appendingPathComponent("link-to-pipe")
        try FileManager.default.createSymbolicLink(atPath: toPipe.path, withDestinationPath: "pipe")
        let refused = try Self.bounded(["ledger", "report", "--ledger", space.ledger, "-o", toPipe.path])
        Self.expectRefused(refused, toPipe, "(a link to \(nodes.pipe.path)) is a pipe")
        #expect(Self.kind(toPipe) == S_IFLNK && Self.kind(nodes.pipe) == S_IFIFO)
    }

    /// The ledger's bytes, size and mode.
    static func snapshot(_ path: String) throws -> (Data, mode_t) {
        var info = stat()
        try #require(stat(path, &info) == 0)
        return (try Data(contentsOf: URL(fileURLWithPath: path)), info.st_mode)
    }

    @Test(
        "verify, report, audit and migrate through an absolute or a relative link leave the ledger as it was")
    func ledgerReadThroughLinks() throws {
        let space = try Self.countedWorkspace()
        let links = space.root.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: links.appendingPathComponent("absolute.sqlite").path, withDestinationPath: space.ledger)
        try FileManager.default.createSymbolicLink(
            atPath: links.appendingPathComponent("relative.sqlite").path,
            withDestinationPath: "../ledger.sqlite")
        let (bytes, mode) = try Self.snapshot(space.ledger)
        for link in ["absolute.sqlite", "relative.sqlite"] {
            let commands = [
                ["ledger", "verify", "--ledger", link],
                ["ledger", "report", "--ledger", link, "--format", "json"],
                ["ledger", "audit", "--ledger", link],
                ["ledger", "migrate", "--ledger", link, "--to", "copy-\(link)"],
            ]
            for arguments in commands {
                let result = try Self.bounded(arguments, in: links)
                #expect(result.status == 0, "\(arguments.prefix(2)) through \(link): \(result.stderr)")
                let (after, afterMode) = try Self.snapshot(space.ledger)
                #expect(after == bytes, "\(arguments.prefix(2)) through \(link) changed the ledger's bytes")
                #expect(afterMode == mode, "\(arguments.prefix(2)) through \(link) changed the ledger's mode")
            }
            let verify = try Self.bounded(["ledger", "verify", "--ledger", link], in: links)
            #expect(verify.stdout.contains("documents: 1 rows"), "the counted document: \(verify.stdout)")
            #expect(verify.stdout.contains("is intact"))
        }
    }

    @Test("a pipe, a device, a folder or an empty file as --ledger is refused before anything opens it")
    func ledgerRefusesNodes() throws {
        let nodes = try Nodes()
        let temporary = nodes.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let environment = ["TMPDIR": temporary.path]
        let targets =
            [(nodes.pipe, "is a pipe"), (nodes.folder, "is a folder")]
            + (nodes.device.map { [($0, "is a device")] } ?? [])
        for (node, what) in targets {
            for arguments in [
                ["ledger", "verify"], ["ledger", "report"], ["ledger", "audit"],
                ["ledger", "migrate", "--to", nodes.root.appendingPathComponent("to.sqlite").path],
            ] {
                let started = Date()
                let result = try Self.bounded(
                    arguments + ["--ledger", node.path], environment: environment, seconds: 20)
                #expect(Date().timeIntervalSince(started) < 20)
                #expect(result.status == 73, "\(arguments) \(node.lastPathComponent): \(result.stderr)")
                #expect(
                    result.stderr.contains("ledger \(node.path) \(what), not a ledger file"),
                    "\(result.stderr)")
                #expect(!result.stdout.contains("intact"))
            }
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "no copy left")
        }
        #expect(Self.kind(nodes.pipe) == S_IFIFO)

        // Counting into a device: refused before SQLite leaves a journal beside it.
        if let device = nodes.device {
            let space = try Workspace(scans: ["juminhyo-003.tif"])
            let run = try Self.bounded(
                [
                    "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
                    device.path,
                    "--quiet",
                ])
            #expect(run.status == 73, "\(run.stderr)")
            #expect(run.stderr.contains("is a device"))
            #expect(Self.kind(device) == S_IFCHR)
            let beside = try FileManager.default.contentsOfDirectory(atPath: nodes.root.path)
            #expect(!beside.contains { $0.hasPrefix("null-") }, "\(beside)")
        }

        // An empty file is not a ledger: refused as such, and left empty.
        let empty = nodes.root.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        let verify = try Self.bounded(["ledger", "verify", "--ledger", empty.path], environment: environment)
        #expect(verify.status == 65, "\(verify.stderr)")
        #expect(verify.stderr.contains("is not a ledger"))
        #expect(try Data(contentsOf: empty).isEmpty)
    }

    @Test("a bad RPA_STATE_KEY: 73 for a pipe, a device or a folder (never opened), 65 for a wrong size")
    func stateKey() throws {
        let nodes = try Nodes()
        let short = nodes.root.appendingPathComponent("short.key")
        try Data(repeating: 7, count: 10).write(to: short)
        let keys =
            [(nodes.pipe, "is a pipe", Int32(73)), (nodes.folder, "is a folder", 73)]
            + (nodes.device.map { [($0, "is a device", Int32(73))] } ?? [])
            + [(short, "is not a run-state key (32 bytes)", 65)]
        for (key, what, status) in keys {
            // juminhyo-001 has a My Number to seal.
            let space = try Workspace(scans: ["juminhyo-001.tif"])
            let result = try Self.bounded(
                [
                    "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
                    space.ledger,
                    "--quiet",
                ], environment: ["RPA_STATE_KEY": key.path])
            #expect(result.status == status, "\(key.lastPathComponent): \(result.stderr)")
            #expect(result.stderr.contains("RPA_STATE_KEY \(key.path) \(what)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(Self.kind(nodes.pipe) == S_IFIFO)
    }

    @Test("--output naming a file, and a read-only place for -o, outputs and --ledger: 73 and one line")
    func placesNotWritable() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        let file = space.root.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let notAFolder = try Self.bounded(
            [
                "run", space.workflow, space.scans.path, "--output", file.path, "--ledger", space.ledger,
                "--quiet",
            ])
        #expect(notAFolder.status == 73, "\(notAFolder.stderr)")
        #expect(
            notAFolder.stderr.contains("\(file.path) is not a folder (it is a regular file)"),
            "\(notAFolder.stderr)")
        #expect(notAFolder.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: file) == Data("x".utf8))

        // A read-only tmpfs, mounted in a private mount namespace for the one command.
        let readOnly = space.root.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        func onReadOnly(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(
                [
                    "-m", "sh", "-c", "mount -t tmpfs -o ro rpa-test \"$0\" && exec \"$@\"", readOnly.path,
                    CLI.binary.path,
                ] + arguments, executable: URL(fileURLWithPath: "/usr/bin/unshare"))
        }
        let probe = try onReadOnly(["--version"])
        guard probe.status == 0 else {
            print("no private read-only mount here (\(probe.stderr)): the read-only cases are skipped")
            return
        }
        let cases: [(String, [String], String)] = [
            (
                "preview -o",
                [
                    "preview", space.workflow, space.scans.appendingPathComponent("juminhyo-003.tif").path,
                    "-o", readOnly.appendingPathComponent("p.png").path,
                ], "Read-only file system"
            ),
            (
                "--output",
                [
                    "run", space.workflow, space.scans.path, "--output",
                    readOnly.appendingPathComponent("out").path,
                    "--ledger", space.ledger, "--quiet",
                ], "Read-only file system"
            ),
            (
                "--ledger",
                [
                    "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
                    readOnly.appendingPathComponent("ledger.sqlite").path, "--quiet",
                ], "cannot be written here"
            ),
        ]
        for (name, arguments, message) in cases {
            let result = try onReadOnly(arguments)
            #expect(result.status == 73, "\(name): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(name): \(result.stderr)")
        }
    }

    @Test("rpa review audit --json gives ISO 8601 times, as the audit file holds them")
    func auditTimes() throws {
        let space = try Self.countedWorkspace()
        let resolved = try space.review(
            ["resolve", ExitCodeTests.id, "--minutes", "1", "--set", "交付種別=住民票", "--set", "生年月日=昭和35年1月17日"])
        try #require(resolved.status == 0, "\(resolved.stderr)")
        let audit = try space.review(["audit", "--json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let at = try #require(entries.first?["at"] as? String, "\(audit.stdout)")
        #expect(at.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil, "\(at)")
    }
}
