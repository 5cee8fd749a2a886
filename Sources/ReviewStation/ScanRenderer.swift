import Foundation
import Imaging
import Pipeline
import Workflow

/// Makes the review station's images on request, from the scan itself: a page straightened as
/// registration sees it, and the crop of one field. Nothing is written to disk; sensitive fields
/// are painted out of page images.
///
/// Leptonica images are not thread-safe, so all image work happens on one serial queue, which also
/// keeps the few most recently prepared scans (a document's page and crops are asked for together).
/// Claims prepare their document ahead, but never pile up: one prefetch waits at most, a newer claim
/// takes its place, and releasing the document drops it if it has not started.
final class ScanRenderer: @unchecked Sendable {
    /// Page images are scaled down to this width: enough to see the form, small to send.
    static let pageWidth = 1100
    private let work = DispatchQueue(label: "rpa.review.scans")
    // Touched only on `work`.
    private var readers: [String: FormReader] = [:]
    private var recent: [(document: String, pages: [RegisteredPage])] = []
    private let lock = NSLock()
    // Guarded by `lock`: the document the waiting prefetch will prepare, whether a prefetch is
    // waiting on `work`, and how many jobs of any kind wait there.
    private var nextPrefetch: (result: DocumentResult, workflow: Workflow)?
    private var prefetchWaiting = false
    private var waitingJobs = 0

    /// Jobs queued for the image queue and not started yet: requests being answered, and at most
    /// one prefetch.
    var waiting: Int { lock.withLock { waitingJobs } }

    /// The scale from a straightened page to its image in the station.
    static func scale(forWidth width: Int) -> Double { min(1, Double(pageWidth) / Double(max(1, width))) }

    /// Page `number` (from 1) as PNG, scaled to ``pageWidth``, with `hidden` areas painted black.
    func page(_ number: Int, of result: DocumentResult, workflow: Workflow, hidden: [FieldArea]) async throws
        -> Data
    {
        try await onQueue {
            let pages = try self.prepared(result, workflow: workflow)
            guard number >= 1, number <= pages.count else { throw StationError.notFound("page \(number)") }
            let page = pages[number - 1].page
            let gray = try page.straightenedGray()
            let scale = Self.scale(forWidth: gray.width)
            let image = scale < 1 ? try gray.scaled(by: scale) : gray
            for area in hidden where area.page == number {
                image.blackOut(area.rect.scaled(by: scale).insetBy(-4))
            }
            return try image.pngData()
        }
    }

    /// A field's crop as PNG, with a margin around it.
    func crop(_ area: FieldArea, of result: DocumentResult, workflow: Workflow) async throws -> Data {
        try await onQueue {
            let pages = try self.prepared(result, workflow: workflow)
            guard area.page >= 1, area.page <= pages.count else {
                throw StationError.notFound("page \(area.page)")
            }
            return try pages[area.page - 1].page.extractGray(area.rect.insetBy(-8)).pngData()
        }
    }

    /// Prepares a document's scan ahead, so its images are ready when the page asks for them; a
    /// prefetch still waiting is replaced by this one.
    func prefetch(_ result: DocumentResult, workflow: Workflow) {
        let schedule = lock.withLock {
            nextPrefetch = (result, workflow)
            defer { prefetchWaiting = true }
            return !prefetchWaiting
        }
        guard schedule else { return }
        enqueue {
            let next = self.lock.withLock {
                self.prefetchWaiting = false
                defer { self.nextPrefetch = nil }
                return self.nextPrefetch
            }
            if let next { _ = try? self.prepared(next.result, workflow: next.workflow) }
        }
    }

    /// Drops the waiting prefetch of `document` (released before it started).
    func cancelPrefetch(of document: String) {
        lock.withLock {
            if nextPrefetch?.result.document == document { nextPrefetch = nil }
        }
    }

    /// The document's pages, cleaned and registered as `rpa run` did, from the scan it was read from.
    private func prepared(_ result: DocumentResult, workflow: Workflow) throws -> [RegisteredPage] {
        if let hit = recent.first(where: { $0.document == result.document }) { return hit.pages }
        guard let source = result.source else {
            throw StationError.scanUnavailable("it was read by an older rpa")
        }
        // Read once: the bytes shown are the bytes whose hash is the document's.
        guard let scan = try? ScanBytes.read(URL(fileURLWithPath: source), limit: FileDiscovery.maxFileBytes),
            DocumentHasher.sha256(of: scan.bytes) == result.document
        else {
            throw StationError.scanUnavailable("\(result.file) has moved or changed since it was read")
        }
        let reader = try readers[workflow.id] ?? FormReader(workflow: workflow)
        readers[workflow.id] = reader
        let pages = try reader.prepare(scan)
        recent.insert((result.document, pages), at: 0)
        if recent.count > 3 { recent.removeLast() }
        return pages
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs `job` on the image queue, counted in ``waiting`` until it starts.
    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        lock.withLock { waitingJobs += 1 }
        work.async {
            self.lock.withLock { self.waitingJobs -= 1 }
            job()
        }
    }
}

extension Rect {
    func scaled(by factor: Double) -> Rect {
        Rect(
            x: Int((Double(x) * factor).rounded(.down)), y: Int((Double(y) * factor).rounded(.down)),
            width: Int((Double(width) * factor).rounded(.up)),
            height: Int((Double(height) * factor).rounded(.up)))
    }
}
