import Foundation
import Imaging
import OCR
import Workflow

/// A processed document with the crops a reviewer needs.
public struct ProcessedDocument: Sendable {
    public var result: DocumentResult
    /// PNG crops of the doubtful fields, by field name (none for sensitive fields).
    public var crops: [String: Data]
}

/// A scan read and prepared for a worker's engines (``DocumentProcessor/prepare(_:file:hash:)``), or
/// its result already when it could not be. It stays with the worker thread that made it.
public struct PreparedDocument {
    fileprivate let result: DocumentResult
    fileprivate let pages: [RegisteredPage]?
    fileprivate var zones: [String: CleanZone]
}

/// Reads, normalises and checks one document; runs on a worker with that worker's recognizers.
public struct DocumentProcessor: Sendable {
    public let reader: FormReader
    public let evaluator: FieldEvaluator

    public init(reader: FormReader, evaluator: FieldEvaluator) {
        self.reader = reader
        self.evaluator = evaluator
    }

    /// The problem code of a scan whose bytes are no longer those its hash was taken from (it was
    /// replaced after it was listed): nothing of it was read, so it is not counted; the next run reads it.
    static let changedCode = "changed"

    /// Reads the scan at `url` once and processes those bytes, provided they are the ones hashed as
    /// `hash` when the scan was listed: a result never carries one scan's hash with another's values.
    public func process(_ url: URL, file: String, hash: String, recognizers: WorkerRecognizers)
        -> ProcessedDocument
    {
        finish(prepare(url, file: file, hash: hash), recognizers: recognizers)
    }

    /// The part of ``process(_:file:hash:recognizers:)`` that needs no engine: the scan read once,
    /// checked against `hash`, its pages lined up and its text zones cleaned.
    public func prepare(_ url: URL, file: String, hash: String) -> PreparedDocument {
        let start = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let workflow = reader.workflow
        var result = DocumentResult(
            document: hash, file: file, workflow: workflow.id, version: workflow.version, processedAt: Date(),
            outcome: .failed, pages: 0, seconds: 0, fields: [], problems: [], resolution: nil)
        result.source = url.standardizedFileURL.path
        do {
            let scan = try ScanBytes.read(url, limit: FileDiscovery.maxFileBytes)
            guard DocumentHasher.sha256(of: scan.bytes) == hash else {
                throw ScanChanged()
            }
            let pages = try reader.prepare(scan)
            result.pages = pages.count
            let zones = try reader.cleanZones(pages)
            result.seconds = seconds()
            return PreparedDocument(result: result, pages: pages, zones: zones)
        } catch {
            result.problems = Self.problems(error)
            result.seconds = seconds()
            return PreparedDocument(result: result, pages: nil, zones: [:])
        }
    }

    /// The prepared scan with its zones' neural readings started on the worker's lane: done by the
    /// worker for its next scan before it finishes the one in hand, so that the model never waits.
    public func start(_ prepared: PreparedDocument, recognizers: WorkerRecognizers) -> PreparedDocument {
        var prepared = prepared
        prepared.zones = reader.startZones(prepared.zones, recognizers: recognizers)
        return prepared
    }

    /// Reads a prepared scan's fields with a worker's engines, normalises and checks them.
    public func finish(_ prepared: PreparedDocument, recognizers: WorkerRecognizers) -> ProcessedDocument {
        let start = DispatchTime.now().uptimeNanoseconds
        let workflow = reader.workflow
        var result = prepared.result
        var crops: [String: Data] = [:]
        if let pages = prepared.pages {
            do {
                let readings = try reader.read(pages, zones: prepared.zones, recognizers: recognizers)
                result.ocrSeconds = readings.reduce(0) { $0 + $1.ocrSeconds }
                result.neuralSeconds = readings.reduce(0) { $0 + ($1.neural?.seconds ?? 0) }
                var (fields, problems) = evaluator.evaluate(readings)
                for (index, (spec, reading)) in zip(workflow.fields, readings).enumerated() {
                    guard let rect = reading.area, spec.page <= pages.count else { continue }
                    let source = pages[spec.page - 1].page.source
                    fields[index].area = FieldArea(
                        page: spec.page, rect: rect, pageWidth: source.width, pageHeight: source.height)
                }
                result.fields = fields
                result.problems = problems
                for page in pages where page.alignment.method == .resolutionOnly {
                    result.problems.append(
                        Reason(
                            code: "not_registered",
                            message:
                                "the page could not be lined up with the form: \(page.alignment.note ?? "")")
                    )
                }
                // All outputs hold a document or none does: a value an output cannot encode is doubtful.
                for (name, reason) in OutputWriter.encodingReasons(result, workflow: workflow) {
                    if let index = result.fields.firstIndex(where: { $0.name == name }) {
                        result.fields[index].reasons.append(reason)
                    } else {
                        result.problems.append(reason)
                    }
                }
                result.outcome = result.allReasons.isEmpty ? .accepted : .review
                if result.outcome == .review {
                    crops = reviewCrops(fields, readings: readings, pages: pages)
                }
            } catch {
                result.problems = Self.problems(error)
            }
        }
        // Time spent on it, not waiting for a worker.
        result.seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return ProcessedDocument(result: result, crops: crops)
    }

    /// Why a scan could not be read, as its result says.
    private static func problems(_ error: any Error) -> [Reason] {
        switch error {
        case is ScanChanged:
            [
                Reason(
                    code: Self.changedCode,
                    message:
                        "the file was replaced after it was listed, so it was not read; run again to read it")
            ]
        case let error as ImageLoadError: [Reason(code: "unreadable", message: error.reason)]
        default: [Reason(code: "error", message: "\(error)")]
        }
    }

    private struct ScanChanged: Error {}

    private func reviewCrops(_ fields: [FieldResult], readings: [FieldReading], pages: [RegisteredPage])
        -> [String: Data]
    {
        var crops: [String: Data] = [:]
        for ((spec, field), reading) in zip(zip(reader.workflow.fields, fields), readings)
        where !field.reasons.isEmpty && !field.sensitive && spec.page <= pages.count {
            guard let area = reading.area else { continue }
            let page = pages[spec.page - 1].page
            if let png = try? page.extractGray(area.insetBy(-8)).pngData() { crops[field.name] = png }
        }
        return crops
    }
}
