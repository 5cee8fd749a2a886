import Foundation
import Imaging
import OCR
import Pipeline
import Workflow

/// Readings scripted zone by zone, handed out by stand-in recognizers in place of Tesseract and the
/// neural recognizer, for tests that are not about the engines: no Tesseract engine is started and no
/// model is loaded.
///
/// Text zones are read in the workflow's field order, document after document (one worker keeps
/// that order). Each Tesseract call takes the current zone's next reading (the first, then the
/// second reading the workflow's verification asks for, ...); the next call after the last one moves to
/// the next zone. The neural stand-in reads the zone Tesseract is on. A script that runs out throws,
/// so the document fails loudly, unless it repeats.
final class ReadingScript: @unchecked Sendable {
    /// What the engines read in one zone.
    struct Zone {
        /// Tesseract's readings, in the order it is asked.
        var tesseract: [String]
        /// Tesseract's confidence in every word, 0–100.
        var confidence = 96.0
        /// The neural recognizer's reading, if it is asked.
        var neural: String?
        /// Its probability for every character, 0–1.
        var probability = 0.99
    }

    /// One call to a stand-in.
    struct Call: Equatable {
        var engine: String
        var zone: Int
        var language: String?
    }

    struct Exhausted: Error {}

    private let lock = NSLock()
    private let zones: [Zone]
    private let repeating: Bool
    private var zone = -1
    private var used = 0
    private var log: [Call] = []

    init(_ zones: [Zone], repeating: Bool = false) {
        self.zones = zones
        self.repeating = repeating
    }

    /// Every zone read as `text` by both engines.
    static func constant(_ text: String) -> ReadingScript {
        ReadingScript([Zone(tesseract: [text], neural: text)], repeating: true)
    }

    /// The calls made so far.
    var calls: [Call] { lock.withLock { log } }

    /// Whether every zone's Tesseract readings were asked for.
    var finished: Bool { lock.withLock { zone == zones.count - 1 && used == zones.last?.tesseract.count } }

    /// A worker's stand-ins; `languages` are the Tesseract languages they claim are installed, which
    /// decide the second reading a workflow asks for.
    func recognizers(languages: Set<String> = ["jpn", "eng"]) -> WorkerRecognizers {
        WorkerRecognizers(
            tesseract: ScriptedTesseract(script: self, installedLanguages: languages),
            neural: ScriptedNeural(script: self))
    }

    fileprivate func nextTesseract(language: String?) throws -> (String, Double) {
        try lock.withLock {
            if zone < 0 || used == zones[zone].tesseract.count {
                zone += 1
                used = 0
                if zone == zones.count {
                    guard repeating else { throw Exhausted() }
                    zone = 0
                }
            }
            let current = zones[zone]
            used += 1
            log.append(Call(engine: "tesseract", zone: zone, language: language))
            return (current.tesseract[used - 1], current.confidence)
        }
    }

    fileprivate func neural() throws -> (String, Double) {
        try lock.withLock {
            guard zone >= 0, let text = zones[zone].neural else { throw Exhausted() }
            log.append(Call(engine: "neural", zone: zone, language: nil))
            return (text, zones[zone].probability)
        }
    }
}

/// Tesseract's stand-in: the script's readings, one word per space-separated piece.
private final class ScriptedTesseract: TesseractRecognizer {
    let script: ReadingScript
    let installedLanguages: Set<String>
    var name: String { "scripted" }

    init(script: ReadingScript, installedLanguages: Set<String>) {
        self.script = script
        self.installedLanguages = installedLanguages
    }

    func recognize(
        _ image: Image, language: String?, segmentation: PageSegmentation, whitelist: String?, dpi: Int
    ) throws -> TextRecognition {
        let (text, confidence) = try script.nextTesseract(language: language)
        let box = Rect(x: 0, y: 0, width: image.width, height: image.height)
        let words = text.split(separator: " ").map {
            RecognizedWord(text: String($0), confidence: confidence, box: box)
        }
        return TextRecognition(text: text, confidence: confidence, words: words, seconds: 0)
    }
}

/// The neural recognizer's stand-in: the zone's scripted reading, every character at its probability.
private final class ScriptedNeural: TextRecognizer {
    let script: ReadingScript
    var name: String { "scripted-neural" }

    init(script: ReadingScript) { self.script = script }

    func read(_ image: Image) throws -> LineReading {
        let (text, probability) = try script.neural()
        return LineReading(
            text: text,
            characters: text.map { RecognizedCharacter(text: String($0), probability: probability) },
            seconds: 0)
    }
}

extension BatchRunner {
    /// A runner with the real store, queue and ledger whose OCR workers read with `script`'s
    /// stand-ins.
    static func scripted(
        workflow: Workflow, options: BatchOptions, script: ReadingScript,
        languages: Set<String> = ["jpn", "eng"]
    ) -> BatchRunner {
        var collaborators = BatchCollaborators.standard(workflow: workflow, options: options)
        collaborators.pool = { workers in
            try OCRWorkerPool(workers: workers) { script.recognizers(languages: languages) }
        }
        return BatchRunner(workflow: workflow, options: options, collaborators: collaborators)
    }
}
