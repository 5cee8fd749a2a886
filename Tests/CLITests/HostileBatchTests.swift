import Foundation
import TestSupport
import Testing

/// The hostile files of issue #10 through `rpa run`, beside good scans: each refused with one line
/// naming it, the good ones read, exit 4, and memory bounded.
@Suite("Hostile files in a batch")
struct HostileBatchTests {
    @Test("hostile PNG, JPEG, TIFF and PDF files beside good scans: each named and set aside, the rest read")
    func hostileBesideGood() throws {
        let space = try Workspace(scans: ["juminhyo-001.tif", "juminhyo-002.jpg"])
        let sample = TestRoot.url.appendingPathComponent("samples/juminhyo/batch-01")
        let jpeg = try Data(contentsOf: sample.appendingPathComponent("juminhyo-002.jpg"))
        let tiff = try Data(contentsOf: sample.appendingPathComponent("juminhyo-001.tif"))
        let png = try Data(
            contentsOf: TestRoot.url.appendingPathComponent("workflows/templates/juminhyo.png"))
        let bomb = HostileFiles.TIFFPage(
            width: 9990, height: 9990, compression: 8, strip: [0x78, 0x9C, 0x03, 0])
        let hostile: [String: Data] = [
            "mediabox.pdf": HostileFiles.pdf(pages: 1, width: "100000000000000", height: "100000000000000"),
            "blank-pages.pdf": HostileFiles.pdf(pages: 20, width: "2398", height: "2398"),
            "bomb.tif": HostileFiles.tiff(Array(repeating: bomb, count: 40)),
            "huge.png": HostileFiles.png(png, width: 0x7FFF_FFFF, height: 0x7FFF_FFFF),
            "huge.jpg": try #require(HostileFiles.jpeg(jpeg, width: 65535, height: 65535)),
            "cut.tif": tiff.prefix(tiff.count / 3),
            "cut.jpg": jpeg.prefix(jpeg.count / 2),
            "renamed.png": Data("name,my number\n".utf8),
        ]
        for (name, data) in hostile { try data.write(to: space.scans.appendingPathComponent(name)) }

        let start = Date()
        let result = try space.run(["--workers", "1"])
        #expect(Date().timeIntervalSince(start) < 120)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stdout.contains("\(hostile.count + 2) documents"))
        let failed = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  failed: ") }
        #expect(failed.count == hostile.count, "\(result.stdout)")
        for name in hostile.keys {
            #expect(
                failed.filter { $0.hasPrefix("  failed: \(name): ") }.count == 1, "\(name): \(result.stdout)")
        }
        #expect(result.stdout.contains("\(hostile.count) failed"))
        let processed = try FileManager.default.contentsOfDirectory(
            atPath: space.output.appendingPathComponent(".rpa/juminhyo-v1").path
        ).filter { $0.hasSuffix(".json") }
        #expect(processed.count == 2, "both good scans were read")

        // This rpa run's own peak: not the 4.6 GB the forty-page TIFF cost before. The debug build reached
        // 905 and 932 MB in two runs of the whole suite (other tests working beside it), and 1.24 GiB once
        // each worker also loaded the neural recognizer and scans were held whole to be read once (issues
        // #20, #24; well under 1 GiB when run alone, not investigated further), so the bound is 1.5 GiB.
        #expect(result.peakKiB > 0 && result.peakKiB < 1536 * 1024, "peak \(result.peakKiB) KiB")
    }
}
