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
        let start = DispatchTime.now().uptimeNanoseconds
        let workflow = reader.workflow
        var result = DocumentResult(
            document: hash, file: file, workflow: workflow.id, version: workflow.version, processedAt: Date(),
            outcome: .failed, pages: 0, seconds: 0, fields: [], problems: [], resolution: nil)
        result.source = url.standardizedFileURL.path
        var crops: [String: Data] = [:]
        do {
            let scan = try ScanBytes.read(url, limit: FileDiscovery.maxFileBytes)
            guard DocumentHasher.sha256(of: scan.bytes) == hash else {
                throw ScanChanged()
            }
            let pages = try reader.prepare(scan)
            result.pages = pages.count
            let readings = try reader.read(pages, recognizers: recognizers)
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
                        message: "the page could not be lined up with the form: \(page.alignment.note ?? "")")
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
        } catch is ScanChanged {
            result.problems = [
                Reason(
                    code: Self.changedCode,
                    message:
                        "the file was replaced after it was listed, so it was not read; run again to read it")
            ]
        } catch let error as ImageLoadError {
            result.problems = [Reason(code: "unreadable", message: error.reason)]
        } catch {
            result.problems = [Reason(code: "error", message: "\(error)")]
        }
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return ProcessedDocument(result: result, crops: crops)
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
