import Foundation
import Ledger
import Testing

/// Several `rpa run` processes on one folder at once: every one finishes with a documented exit
/// code, and the ledger and outputs hold each document once.
@Suite("Concurrent runs")
struct ConcurrentRunTests {
    @Test("three processes racing on one folder, again and again")
    func threeProcesses() throws {
        let scans = ["juminhyo-001.tif", "juminhyo-003.tif", "juminhyo-004.tif"]
        for round in 0..<4 {
            let space = try Workspace(scans: scans)
            let arguments = [
                "run", space.workflow, space.scans.path, "--output", space.output.path, "--ledger",
                space.ledger,
                "--quiet", "--workers", "1",
            ]
            let processes = try (0..<3).map { _ in try CLI.start(arguments) }
            let results = processes.map { running in
                running.process.waitUntilExit()
                return running.result()
            }
            for result in results {
                #expect([0, 3].contains(result.status), "round \(round): \(result.status) \(result.stderr)")
                #expect(result.stderr.isEmpty, "round \(round): \(result.stderr)")
            }
            let ledger = try Ledger(path: space.ledger)
            #expect(try ledger.documentCount() == scans.count)
            #expect(try ledger.verify().isIntact)
            let queue = space.output.appendingPathComponent("review/juminhyo")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: queue.path)) ?? []
            #expect(!names.contains { $0.hasPrefix(".staging-") })
            let csv = try String(
                contentsOf: space.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
            let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            #expect(Set(rows).count == rows.count)
            let summed = try ledger.report().totals
            #expect(summed.accepted + summed.waiting == scans.count)
            #expect(rows.count == summed.accepted)
        }
    }
}
