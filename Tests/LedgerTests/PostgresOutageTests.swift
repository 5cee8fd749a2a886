import Foundation
import TestSupport
import Testing

@testable import Ledger

/// A shared ledger whose PostgreSQL server goes away or stops answering (each test on a server of
/// its own): every call ends in bounded time with `unreachable`, and the ledger works again by
/// itself once the server is back.
@Suite("A PostgreSQL ledger through an outage")
struct PostgresOutageTests {
    /// What each of `bodies` returned, each run on a thread of its own at once; nil for one that has
    /// not returned within `seconds`: a call that hangs fails the test rather than blocking it.
    static func within<T: Sendable>(_ seconds: Double, _ bodies: [@Sendable () -> T]) -> [T?] {
        let deadline = DispatchTime.now() + seconds
        let runs = bodies.map { body in
            let run = Run<T>()
            Thread {
                run.value = body()
                run.done.signal()
            }.start()
            return run
        }
        return runs.map { $0.done.wait(timeout: deadline) == .success ? $0.value : nil }
    }

    static func within<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        within(seconds, [body])[0]
    }

    /// One thread's result, read once the semaphore says it is there.
    final class Run<T>: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var value: T?
    }

    static func item(_ label: String) -> WorkItem {
        WorkItem(workflow: "outage", version: "1", documentHash: DocumentHash.sha256(text: label))
    }

    /// What a claim gave: its result, or the reason the server was unreachable (any other error as
    /// itself).
    static func claim(_ ledger: Ledger, _ label: String) -> Result<ClaimResult, LedgerError> {
        Result { () throws(LedgerError) in try ledger.claim(item(label), holder: "pc1/1", lease: 60) }
    }

    static func isUnreachable(_ outcome: Result<ClaimResult, LedgerError>?) -> Bool {
        guard case .failure(.unreachable) = outcome else { return false }
        return true
    }

    @Test(
        "a server stopped (immediate, fast): calls fail at once as unreachable, and work again once it is back"
    )
    func stopped() throws {
        let cluster = try PostgresCluster.own()
        defer { try? cluster.stop() }
        let ledger = try Ledger(path: try cluster.createDatabase())
        #expect(try Self.claim(ledger, "before").get() == .granted)
        for mode in ["immediate", "fast"] {
            try cluster.stop(mode)
            // Before the fix the first call after the stop never returned.
            let during = Self.within(10) { Self.claim(ledger, "during-\(mode)") }
            #expect(Self.isUnreachable(during), "\(mode): \(String(describing: during))")
            #expect(Self.isUnreachable(Self.within(10) { Self.claim(ledger, "during-\(mode)") }))
            try cluster.start()
            let after = Self.within(10) { Self.claim(ledger, "after-\(mode)") }
            #expect(try after?.get() == .granted, "\(mode)")
        }
        #expect(Self.within(10) { try? ledger.workInProgress().count } == 3)
    }

    @Test("a server that stops answering: every call ends by its deadline, then the ledger connects again")
    func hung() throws {
        let cluster = try PostgresCluster.own()
        defer {
            try? cluster.freeze(false)
            try? cluster.stop()
        }
        let address = try PostgresAddress(try cluster.createDatabase())
        let deadlines = PostgresDeadlines(connect: 2, statement: 2)
        let ledger = Ledger(
            store: try PostgresStore(address: address, deadlines: deadlines), ownedFolder: nil)
        #expect(try Self.claim(ledger, "before").get() == .granted)

        try cluster.freeze(true)
        // Two threads at once: one waits on the server, the other for its turn on the connection
        // (the lease heartbeat beside a run's counting); both end as unreachable.
        let started = Date()
        let outcomes = Self.within(
            20, ["frozen-1", "frozen-2"].map { label in { @Sendable in Self.claim(ledger, label) } })
        for outcome in outcomes {
            #expect(Self.isUnreachable(outcome), "\(String(describing: outcome))")
        }
        // One statement's deadline, then the other call's reconnection and statement, and slack.
        #expect(Date().timeIntervalSince(started) < deadlines.statement + deadlines.turn + 4)

        try cluster.freeze(false)
        let after = Self.within(10) { Self.claim(ledger, "after") }
        #expect(try after?.get() == .granted)
    }
}
