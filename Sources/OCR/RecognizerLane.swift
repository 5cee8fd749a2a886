import Foundation
import Imaging

/// A reading that may still be in progress on another thread, or not begun; ``result()`` waits for
/// it, or makes it.
public final class PendingReading: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<LineReading, any Error>?
    /// The reading to make in ``result()``'s thread, for an engine without a lane of its own.
    private var deferred: (() throws -> LineReading)?

    init(deferred: (() throws -> LineReading)? = nil) {
        self.deferred = deferred
    }

    func fulfil(_ outcome: Result<LineReading, any Error>) {
        condition.lock()
        self.outcome = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// The reading, once made; rethrows the engine's error.
    public func result() throws -> LineReading {
        if let deferred {
            self.deferred = nil
            fulfil(Result { try deferred() })
        }
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let outcome { return try outcome.get() }
            condition.wait()
        }
    }
}

/// A worker's second engine on a thread of its own, so that a page's zones are read by it while the
/// worker's thread reads them with Tesseract: one worker's page then takes about as long as its
/// slower engine, not the two added up. The engine is still used by one thread only (the lane's),
/// and reads the zones in the order they were started.
public final class RecognizerLane: TextRecognizer {
    public let name: String
    private let thread = WorkThread(name: "rpa-lane")
    private let engine: Owned<any TextRecognizer>

    /// Moves `recognizer` onto a new thread; from now on only that thread uses it.
    public init(_ recognizer: any TextRecognizer) {
        name = recognizer.name
        engine = Owned(recognizer)
    }

    /// Starts reading `image` on the lane's thread (on a copy of it: Leptonica images stay with one
    /// thread) and returns at once.
    public func start(_ image: Image) -> PendingReading {
        let pending = PendingReading()
        do {
            let copy = Owned(try image.copy())
            let engine = self.engine
            thread.run { pending.fulfil(Result { try engine.value.read(copy.value) }) }
        } catch {
            pending.fulfil(.failure(error))
        }
        return pending
    }

    public func read(_ image: Image) throws -> LineReading {
        try start(image).result()
    }
}

extension TextRecognizer {
    /// Starts reading `image` on the lane's thread for a ``RecognizerLane``; any other engine reads it
    /// when the reading is asked for, in the thread asking (the worker's), as if it were never started.
    public func startReading(_ image: Image) -> PendingReading {
        if let lane = self as? RecognizerLane { return lane.start(image) }
        return PendingReading { try self.read(image) }
    }
}

/// What is handed to the lane's thread, which alone uses it from then on: the engine, an image.
private final class Owned<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
