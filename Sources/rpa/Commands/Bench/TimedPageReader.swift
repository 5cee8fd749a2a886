import Foundation
import Imaging
import OCR
import Pipeline
import Workflow

/// Where one page's time went.
struct PageTiming {
    var load = 0.0
    var prepare = 0.0
    var register = 0.0
    var zones = 0.0
    var tesseract = 0.0
    var total = 0.0
}

/// Reads every field of a workflow on a page as `rpa run` does (``FormReader``'s preparation and
/// reading, on the bytes read once), timing each stage.
struct TimedPageReader {
    let reader: FormReader

    func read(_ file: URL, recognizers: WorkerRecognizers) throws -> PageTiming {
        var timing = PageTiming()
        let start = now()
        let scan = try ScanBytes.read(file, limit: FileDiscovery.maxFileBytes)
        var times = PreparationTimes()
        let pages = try reader.prepare(scan, times: &times)
        timing.load = now() - start - times.cleanup - times.registration
        timing.prepare = times.cleanup
        timing.register = times.registration
        let readings = try reader.read(pages, recognizers: recognizers)
        timing.tesseract = readings.reduce(0) { $0 + $1.ocrSeconds }
        timing.total = now() - start
        timing.zones = timing.total - timing.load - timing.prepare - timing.register - timing.tesseract
        return timing
    }
}

extension Workflow {
    var textZoneCount: Int { fields.filter { if case .zone = $0.reader { true } else { false } }.count }
    var checkboxCount: Int {
        fields.reduce(0) { count, field in
            if case .boxes(let options) = field.reader { return count + options.count }
            return count
        }
    }
}
