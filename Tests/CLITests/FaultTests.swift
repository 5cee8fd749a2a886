import Foundation
import Ledger
import Testing

/// Faults of the machine, not the data: each gives one line saying what and where, a documented
/// exit code, nothing half-written, and the next run recovers.
@Suite("Faults", .serialized)
struct FaultTests {
    /// Running as root; the permission tests run rpa as `nobody` through setpriv, and the disk-full
    /// test mounts a small tmpfs.
    static let isRoot = getuid() == 0

    /// Hands the workspace to `nobody`, so that it can run there, with its own copies of the templates
    /// and lists and its own link to the binary (the clone they come from may be a folder only root can
    /// enter); returns the binary to run.
    @discardableResult
    func giveToNobody(_ space: Workspace) throws -> URL {
        let manager = FileManager.default
        for folder in ["templates", "vocabularies"] {
            let copy = space.root.appendingPathComponent("workflows/\(folder)")
            try manager.removeItem(at: copy)
            try manager.copyItem(at: TestRoot.url.appendingPathComponent("workflows/\(folder)"), to: copy)
        }
        for path in [space.root.path]
            + (try FileManager.default.subpathsOfDirectory(atPath: space.root.path))
            .map({ space.root.appendingPathComponent($0).path })
        {
            _ = lchown(path, 65534, 65534)
        }
        // A hard link, not a copy: a copy's write descriptor, inherited by a process another test
        // starts at that moment, made executing it fail with "Text file busy". The binary stays
        // root's, 0755, which nobody may run.
        let binary = space.root.appendingPathComponent("rpa")
        if link(CLI.binary.path, binary.path) != 0 {
            try manager.copyItem(at: CLI.binary, to: binary)
        }
        return binary
    }

    @Test("a read-only output folder: exit 73 with one line naming it", .enabled(if: isRoot))
    func readOnlyOutput() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        let binary = try giveToNobody(space)
        try FileManager.default.createDirectory(at: space.output, withIntermediateDirectories: true)
        _ = chown(space.output.path, 0, 0)
        _ = chmod(space.output.path, 0o755)
        let result = try CLI.run(
            [
                "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
                space.ledger, "--quiet",
            ],
            asNobody: true, executable: binary)
        #expect(result.status == 73, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(result.stderr.contains(space.output.path))
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test(
        "an unreadable sub-folder with --recursive is named and skipped; the rest is read (exit 4)",
        .enabled(if: isRoot))
    func unreadableSubfolder() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        let locked = space.scans.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        let binary = try giveToNobody(space)
        _ = chown(locked.path, 0, 0)
        _ = chmod(locked.path, 0o700)
        let result = try CLI.run(
            [
                "run", space.workflow, space.scans.path, "--recursive", "--output", space.output.path,
                "--ledger", space.ledger, "--quiet",
            ],
            asNobody: true, executable: binary)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stdout.contains("failed: locked: this folder cannot be read"))
        #expect(result.stdout.contains("1 to review"))
    }

    @Test(
        "a full disk: exit 74 with one line; after space is freed the next run counts each document once",
        .enabled(if: isRoot))
    func diskFull() throws {
        let space = try Workspace(scans: ["juminhyo-001.tif", "juminhyo-003.tif"])
        let disk = space.root.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.path]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "this machine lets root mount a tmpfs")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [disk.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        // Leave a few kilobytes free: enough to start, not enough for a review item's crops.
        let filler = disk.appendingPathComponent("filler")
        FileManager.default.createFile(atPath: filler.path, contents: Data(repeating: 0, count: 240 * 1024))
        let output = disk.appendingPathComponent("out")
        let arguments = [
            "run", space.workflow, space.scans.path, "--output", output.path, "--ledger", space.ledger,
            "--quiet", "--workers", "1",
        ]
        let full = try CLI.run(arguments)
        #expect(full.status == 74, "\(full.stdout) \(full.stderr)")
        #expect(full.stderr.split(separator: "\n").count == 1)
        #expect(full.stderr.contains("No space left on device"))
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: output.path)) ?? []
        #expect(
            !names.contains { ($0 as NSString).lastPathComponent.hasPrefix(".rpa-tmp-") },
            "nothing half-written")

        try FileManager.default.removeItem(at: filler)
        let again = try CLI.run(arguments)
        #expect([0, 3].contains(again.status), "\(again.stderr)")
        #expect(try Ledger(path: space.ledger).documentCount() == 2)
    }

    @Test("file names cannot forge summary lines or send escape sequences to the terminal")
    func namesAreEscaped() throws {
        let space = try Workspace()
        let forged = "x\nledger: FAKE.sqlite (999 newly counted).png"
        try Data(repeating: 0x89, count: 100).write(to: space.scans.appendingPathComponent(forged))
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: "samples/juminhyo/batch-01/juminhyo-003.tif", relativeTo: TestRoot.url),
            to: space.scans.appendingPathComponent("\u{1B}[2J\u{1B}[31mevil.tif"))
        let run = try space.run()
        #expect(run.status == 4)
        #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("ledger: FAKE") })
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout.contains("\\u{a}ledger: FAKE"))
        let list = try space.review(["list"])
        #expect(list.status == 0)
        #expect(!list.stdout.contains("\u{1B}") && list.stdout.contains("\\u{1b}[31mevil.tif"))
    }
}
