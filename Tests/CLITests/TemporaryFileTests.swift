import Foundation
import Testing

/// Rendered PDF pages are whole forms: they live in one private folder per process, removed when
/// the run ends, is interrupted, or (after kill -9) by the next run.
@Suite("Temporary files", .serialized)
struct TemporaryFileTests {
    /// A workspace whose scans are PDFs made from committed samples, and a private TMPDIR.
    func pdfWorkspace(_ count: Int) throws -> (Workspace, URL) {
        let space = try Workspace()
        let temporary = space.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let samples = ["juminhyo-001.tif", "juminhyo-003.tif", "juminhyo-004.tif", "juminhyo-005.tif"]
        for index in 0..<count {
            let source = TestRoot.url.appendingPathComponent(
                "samples/juminhyo/batch-01/\(samples[index % 4])")
            let target = space.scans.appendingPathComponent("scan-\(index).pdf")
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = [
                "python3", "-c",
                "import sys; from PIL import Image; Image.open(sys.argv[1]).save(sys.argv[2], resolution=300)",
                source.path, target.path,
            ]
            try python.run()
            python.waitUntilExit()
            try #require(python.terminationStatus == 0, "Pillow makes the PDF fixtures")
        }
        return (space, temporary)
    }

    func leftovers(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasPrefix("rpa-")
        }
    }

    @Test(
        "after a run, and after a run stopped by SIGTERM, no rendered page is left; kill -9 leftovers go next run"
    )
    func nothingLeft() throws {
        let (space, temporary) = try pdfWorkspace(4)
        let environment = ["TMPDIR": temporary.path]
        let arguments = [
            "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger", space.ledger,
            "--quiet",
            "--workers", "1",
        ]
        // A dead process's folder, as kill -9 leaves it.
        let dead = temporary.appendingPathComponent("rpa-tmp-999999-deadbeef")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: dead.appendingPathComponent("page.png"))

        let run = try CLI.start(arguments, environment: environment)
        var sawFolder = false
        for _ in 0..<2000 where run.process.isRunning {
            if leftovers(temporary).contains(where: {
                $0.hasPrefix("rpa-tmp-\(run.process.processIdentifier)-")
            }) {
                sawFolder = true
                break
            }
            usleep(10_000)
        }
        #expect(sawFolder, "the run rendered its pages in its own folder")
        run.process.terminate()
        run.process.waitUntilExit()
        #expect(run.process.terminationStatus == 143 || run.process.terminationReason == .uncaughtSignal)
        #expect(leftovers(temporary).isEmpty, "\(leftovers(temporary))")

        let finished = try CLI.run(arguments, environment: environment)
        #expect([0, 3].contains(finished.status), "\(finished.stderr)")
        #expect(leftovers(temporary).isEmpty, "\(leftovers(temporary))")
    }
}

/// Personal data never printed or left where the outputs are not.
@Suite("Personal data outside the outputs")
struct PersonalDataTests {
    @Test("rpa preview masks My Number in text and in --json")
    func previewMasks() throws {
        let space = try Workspace(scans: ["juminhyo-008.tif"])
        let scan = space.scans.appendingPathComponent("juminhyo-008.tif").path
        let image = space.root.appendingPathComponent("preview.png").path
        for extra in [[], ["--json"]] {
            let result = try CLI.run(["preview", space.workflow, scan, "-o", image] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("個人番号"))
            #expect(!result.stdout.contains("633448100467") && !result.stdout.contains("6334 4810 0467"))
        }
        // The annotated page is the whole form: readable by its owner only.
        let mode = try FileManager.default.attributesOfItem(atPath: image)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test("half-written temporary copies a killed run left beside the outputs are removed by the next run")
    func leftoversRemoved() throws {
        let space = try Workspace(scans: ["juminhyo-008.tif"])
        #expect([0, 3].contains(try space.run().status))
        let folder = space.output.appendingPathComponent("out")
        let stale = [".rpa-tmp-3F2A", ".dat.nosync1a2b.jsonl"].map { folder.appendingPathComponent($0) }
        for url in stale {
            try Data("633448100467".utf8).write(to: url)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: url.path)
        }
        #expect([0, 3].contains(try space.run().status))
        for url in stale {
            #expect(!FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent)")
        }
    }
}
