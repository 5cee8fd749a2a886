import Foundation
import Ledger

/// This process's claims on documents, kept in the ledger's database so that several `rpa run`
/// processes over one folder (on one machine, or on several sharing a PostgreSQL ledger) read each
/// document once. A claim is a lease, renewed while the run lives; a run killed mid-document leaves
/// claims that others take over when their leases end.
struct WorkClaimer: Sendable {
    let ledger: Ledger
    let workflow: String
    let version: String
    /// Who holds the claims: machine, process space, process and a random tag, never a person.
    let holder: String
    /// Seconds a claim lasts unless renewed.
    let lease: Double

    init(ledger: Ledger, workflow: String, version: Int, lease: Double) {
        self.ledger = ledger
        self.workflow = workflow
        self.version = String(version)
        self.lease = lease
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        holder = "\(host)/\(Self.processSpace)/\(getpid())/\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Where a process id means one process: this boot of this kernel and this PID namespace. Host
    /// names are not enough (cloned PCs share them, containers share a kernel); empty when unknown,
    /// and then claims are judged by their leases alone.
    static let processSpace: String = {
        guard
            let boot = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8),
            let namespace = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid")
        else { return "" }
        let digits = namespace.filter(\.isNumber)
        return boot.trimmingCharacters(in: .whitespacesAndNewlines).prefix(8) + "-" + digits
    }()

    func claim(_ hash: String, retakeFinished: Bool = false) throws -> ClaimResult {
        try ledger.claim(
            item(hash), holder: holder, lease: lease, retakeFinished: retakeFinished, abandoned: Self.isGone)
    }

    /// True for a holder in this process space whose process no longer runs (a run stopped with
    /// Ctrl-C or killed): its documents are taken over at once rather than when the lease ends. A
    /// holder on another machine is judged by its lease alone.
    static func isGone(_ holder: String) -> Bool {
        let parts = holder.split(separator: "/")
        guard parts.count == 4, !processSpace.isEmpty, parts[1] == processSpace, let pid = pid_t(parts[2]),
            pid != getpid()
        else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }

    func finish(_ hash: String) throws { try ledger.finish(item(hash), holder: holder) }

    func renew() throws { try ledger.renewClaims(holder: holder, lease: lease) }

    func release() { try? ledger.releaseClaims(holder: holder) }

    /// Renews the leases every third of a lease until cancelled.
    func heartbeat() -> Task<Void, Never> {
        Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(lease / 3))
                if !Task.isCancelled { try? renew() }
            }
        }
    }

    private func item(_ hash: String) -> WorkItem {
        WorkItem(workflow: workflow, version: version, documentHash: hash)
    }
}
