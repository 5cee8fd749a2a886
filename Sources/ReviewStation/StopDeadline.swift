import Dispatch
import Foundation

/// SIGINT and SIGTERM always stop the station. Hummingbird stops it gracefully, letting the
/// requests in progress finish; a request still running `grace` seconds later (a call to a shared
/// ledger that stopped answering, a hung network share) no longer holds the process, which then
/// ends as the signal ends a program by default.
///
/// The wait runs on a dispatch queue of its own, not on Swift's concurrency threads, so that
/// requests blocked in synchronous calls cannot delay it.
final class StopDeadline {
    private let sources: [any DispatchSourceSignal]

    init(grace: TimeInterval) {
        let queue = DispatchQueue(label: "rpa.review.stop")
        sources = [SIGINT, SIGTERM].map { number in
            // As swift-service-lifecycle does: the signal reaches the dispatch sources only.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                queue.asyncAfter(deadline: .now() + grace) { Self.end(by: number, after: grace) }
            }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }

    private static func end(by number: Int32, after grace: TimeInterval) {
        FileHandle.standardError.write(
            Data(
                "review station: a request was still running \(Int(grace)) s after the stop signal; stopped without it\n"
                    .utf8))
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, number)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        signal(number, SIG_DFL)
        raise(number)
        _exit(128 + number)
    }
}
