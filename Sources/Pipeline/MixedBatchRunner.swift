import Foundation
import Imaging
import Workflow

/// What a mixed batch did: each workflow's batch over the scans of its form, and the scans that
/// were none of the forms.
public struct MixedSummary: Sendable, Codable {
    /// One per workflow, in the order given, for the scans that were its form.
    public var batches: [BatchSummary]
    /// Scans that matched no workflow's form (`unknown_form`): read against none, counted in no
    /// ledger, each named once with how near the nearest form came.
    public var unknown: [FileProblem]
    /// Files that could not be opened to tell their form, or were refused from the listing (pipes,
    /// devices, links out of the folder, over the size limit); counted under no workflow either.
    public var failures: [FileProblem]
    /// Files in the folder that are not scans, passed over.
    public var ignored: [String]

    /// Documents waiting in the review queues after the run.
    public var waiting: Int { batches.reduce(0) { $0 + $1.waiting } }
    /// Files that failed, in any batch or before sorting.
    public var failed: Int { failures.count + batches.reduce(0) { $0 + $1.failed } }
}

/// Runs several workflows over one folder of mixed forms: each scan's form is told by its printed
/// ink (``FormSorter``), the scan is read by that form's workflow exactly as `rpa run` reads it
/// (claims, outputs, queue, ledger under its own form), and a scan that is none of the forms is set
/// aside as `unknown_form`. A scan one of the workflows has already processed goes to it unsorted.
public final class MixedBatchRunner: Sendable {
    public let runners: [BatchRunner]
    let sorter: FormSorter

    /// Refuses two workflows with the same id (their results and queues would mix).
    public init(runners: [BatchRunner]) throws {
        var ids = Set<String>()
        for runner in runners where !ids.insert(runner.workflow.id).inserted {
            throw MixedBatchError.sameWorkflowTwice(runner.workflow.id)
        }
        self.runners = runners
        sorter = try FormSorter(workflows: runners.map(\.workflow))
    }

    public func run(
        _ folder: URL, recursive: Bool, workers: Int, progress: @Sendable (BatchProgress) -> Void = { _ in }
    ) async throws -> MixedSummary {
        let listing = try FileDiscovery.scans(in: folder, recursive: recursive)
        var shares = [FileDiscovery.Listing](repeating: FileDiscovery.Listing(), count: runners.count)
        var summary = MixedSummary(
            batches: [], unknown: [], failures: listing.refused, ignored: listing.ignored)
        // Sorting shows as the first pass over the scans; each form's batch then shows its own.
        let sorted = await sortAll(listing.scans, workers: workers) { done in
            progress(
                BatchProgress(
                    total: listing.scans.count, done: done, accepted: 0, review: 0, failed: 0, skipped: 0))
        }
        for (scan, verdict) in zip(listing.scans, sorted) {
            switch verdict {
            case .form(let index): shares[index].scans.append(scan)
            case .unknown(let reason): summary.unknown.append(FileProblem(file: scan.file, reason: reason))
            case .failed(let reason): summary.failures.append(FileProblem(file: scan.file, reason: reason))
            }
        }
        for (runner, share) in zip(runners, shares) where !share.scans.isEmpty {
            summary.batches.append(try await runner.run(share, progress: progress))
        }
        return summary
    }

    /// What sorting found for one scan.
    enum Verdict: Sendable {
        case form(Int)
        case unknown(String)
        case failed(String)
    }

    /// Sorts the scans on up to `workers` threads, in the listing's order.
    private func sortAll(
        _ scans: [ScanFile], workers: Int, progress: (_ done: Int) -> Void
    ) async -> [Verdict] {
        var verdicts = [Verdict](repeating: .failed("not sorted"), count: scans.count)
        await withTaskGroup(of: (Int, Verdict).self) { group in
            var next = 0
            func start() {
                guard next < scans.count else { return }
                let index = next
                next += 1
                group.addTask { (index, self.sort(scans[index])) }
            }
            for _ in 0..<max(1, workers) { start() }
            var done = 0
            while let (index, verdict) = await group.next() {
                verdicts[index] = verdict
                done += 1
                progress(done)
                start()
            }
        }
        return verdicts
    }

    /// One scan's form: the workflow that already processed its content, else its first page's fit.
    private func sort(_ scan: ScanFile) -> Verdict {
        do {
            let bytes = try ScanBytes.read(scan.url, limit: FileDiscovery.maxFileBytes)
            let hash = DocumentHasher.sha256(of: bytes.bytes)
            if let index = runners.firstIndex(where: { $0.collaborators.store.load(hash) != nil }) {
                return .form(index)
            }
            var loader = PageLoader()
            loader.assumedDPI = runners[0].workflow.template.dpi
            let page = try ScannedPage(loader.open(bytes).load(page: 0))
            let (form, scores) = try sorter.sort(page)
            if let form { return .form(form) }
            let nearest = scores.max { $0.coverage < $1.coverage }
            return .unknown(
                "unknown_form: not the form of any workflow given"
                    + (nearest.map {
                        String(
                            format:
                                " (nearest: %@, %.0f%% of its print found, %.0f%% of its own labels, %.0f%% of the scan's ink explained)",
                            $0.workflow, $0.coverage * 100, $0.distinct * 100, $0.explained * 100)
                    } ?? ""))
        } catch let error as ImageLoadError {
            return .failed("\(error.reason); it was not sorted")
        } catch {
            return .failed("\(error); it was not sorted")
        }
    }
}

/// Why a mixed batch cannot start.
public enum MixedBatchError: Error, CustomStringConvertible {
    case sameWorkflowTwice(String)
    /// A workflow whose blank form has next to no print the others lack.
    case sameForm(String)

    public var description: String {
        switch self {
        case .sameWorkflowTwice(let id):
            return "the workflow \(id) is given twice: give each form's workflow once"
        case .sameForm(let name):
            return
                "the blank form of \(name) has almost no print the other workflows' forms lack, so its scans "
                + "cannot be told apart from theirs: run it on its own folder"
        }
    }
}
