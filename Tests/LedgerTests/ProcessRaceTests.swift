import Foundation
import Testing

@testable import Ledger

@Suite("Separate processes share one ledger")
struct ProcessRaceTests {
    /// Two child processes (Swift Testing exit tests) record overlapping documents at the same
    /// time, each on its own connection; each writes how many it counted.
    @Test("two processes racing on overlapping documents count each once")
    func twoProcesses() async throws {
        let folder = try TempFolder()
        _ = try Fixture.ledger(in: folder)
        let path = folder.ledgerPath
        let counts = folder.url.appendingPathComponent("counted").path
        async let first = #expect(processExitsWith: .success) {
            [path = path as String, counts = counts as String] in
            try ProcessRaceTests.recordRange(path: path, range: 0..<300, into: counts + ".a")
        }
        async let second = #expect(processExitsWith: .success) {
            [path = path as String, counts = counts as String] in
            try ProcessRaceTests.recordRange(path: path, range: 100..<400, into: counts + ".b")
        }
        let results = await (first, second)
        #expect(results.0 != nil && results.1 != nil)
        let countedA = try Int(String(contentsOfFile: counts + ".a", encoding: .utf8))
        let countedB = try Int(String(contentsOfFile: counts + ".b", encoding: .utf8))
        #expect((countedA ?? 0) + (countedB ?? 0) == 400)
        let ledger = try Ledger(path: path)
        #expect(try ledger.documentCount() == 400)
        #expect(try ledger.verify().isIntact)
    }

    static func recordRange(path: String, range: Range<Int>, into file: String) throws {
        let ledger = try Ledger(path: path)
        let date = try Fixture.tokyo(2024, 7, 1)
        var counted = 0
        for index in range
        where try ledger.record(Fixture.entry("process-race-\(index)", at: date)) == .counted {
            counted += 1
        }
        try String(counted).write(toFile: file, atomically: true, encoding: .utf8)
    }
}
