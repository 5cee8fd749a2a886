import Foundation
import TestSupport
import Testing

@testable import ReviewStation

/// Issue #24, case 5, in the station: the page image shown is made from the bytes whose hash is the
/// document's, even when the scan is replaced while it is read.
@Suite("The station shows the scan it hashed")
struct SwappedScanImageTests {
    @Test("a scan swapped with another every 2 ms: every page image shown is the document's own, or none")
    func swappedWhileShown() async throws {
        let fixture = try await StationFixture(["juminhyo-001.tif"])
        let item = try #require(fixture.resolver.queue.items().first)
        let workflow = fixture.resolver.workflow
        let target = URL(fileURLWithPath: try #require(item.source))
        let own = target.deletingLastPathComponent().appendingPathComponent("own.tif")
        let other = target.deletingLastPathComponent().appendingPathComponent("other.tif")
        #expect(link(target.path, own.path) == 0)
        try FileManager.default.copyItem(
            at: Fixtures.root.appendingPathComponent("samples/juminhyo/batch-01/juminhyo-004.tif"), to: other)
        let expected = try await ScanRenderer().page(1, of: item, workflow: workflow, hidden: [])

        let swapper = FileSwapper(own, other, over: target)
        var (shown, refused, wrong) = (0, 0, 0)
        // Each try opens one of the two files, so about half are shown; on a loaded machine a try takes
        // seconds, so the time limit applies only once both outcomes have been seen.
        let deadline = Date().addingTimeInterval(15)
        for _ in 0..<60 where Date() < deadline || shown == 0 || refused == 0 {
            // A new renderer each time: nothing prepared is kept from one try to the next.
            do {
                let png = try await ScanRenderer().page(1, of: item, workflow: workflow, hidden: [])
                shown += 1
                if png != expected { wrong += 1 }
            } catch let error as StationError where error.code == "scan_unavailable" {
                refused += 1
            }
        }
        swapper.stop()
        #expect(swapper.swaps > 100, "the scan was swapped while it was shown")
        #expect(shown > 0, "some images were shown (\(refused) refused as changed)")
        #expect(wrong == 0, "\(wrong) of \(shown) page images showed the other scan")
    }
}
