import Foundation
import Testing

@testable import Ledger

/// Claims on documents (`rpa run` over one folder from several processes or machines), on both
/// engines: one holder at a time, a lease that ends, a finished document left alone.
@Suite("Work claims")
struct WorkClaimTests {
    let item = WorkItem(workflow: "juminido", version: "1", documentHash: Fixture.hash("claimed"))

    @Test("one holder at a time; renewed by its holder; finished once")
    func oneHolder() throws {
        let folder = try TempFolder()
        let first = try Ledger(path: folder.ledgerPath)
        let second = try Ledger(path: folder.ledgerPath)
        #expect(try first.claim(item, holder: "pc1/a", lease: 60) == .granted)
        guard case .held(let seconds) = try second.claim(item, holder: "pc2/b", lease: 60) else {
            Issue.record("a live claim must hold")
            return
        }
        #expect(seconds > 50 && seconds <= 60)
        #expect(try first.claim(item, holder: "pc1/a", lease: 60) == .granted)
        #expect(try second.workInProgress() == [item])
        try first.finish(item, holder: "pc1/a")
        #expect(try second.claim(item, holder: "pc2/b", lease: 60) == .finished)
        #expect(try second.workInProgress().isEmpty)
        #expect(try second.claim(item, holder: "pc2/b", lease: 60, retakeFinished: true) == .granted)
    }

    @Test("a killed holder's claim is taken over when its lease ends, or at once when known gone")
    func leaseEnds() throws {
        let folder = try TempFolder()
        let ledger = try Ledger(path: folder.ledgerPath)
        #expect(try ledger.claim(item, holder: "pc1/killed", lease: 1) == .granted)
        #expect(try ledger.claim(item, holder: "pc2/alive", lease: 60) != .granted)
        Thread.sleep(forTimeInterval: 1.3)
        #expect(try ledger.claim(item, holder: "pc2/alive", lease: 60) == .granted)
        // Its finish, should the first holder come back, does not end the new holder's claim.
        try ledger.finish(item, holder: "pc1/killed")
        #expect(try ledger.workInProgress() == [item])
        let gone = try ledger.claim(item, holder: "pc3/next", lease: 60) { $0 == "pc2/alive" }
        #expect(gone == .granted)
        try ledger.releaseClaims(holder: "pc3/next")
        #expect(try ledger.workInProgress().isEmpty)
    }
}
