import Foundation

/// Writes a report as JSON: the ``LedgerReport`` structure with derived figures included.
enum JSONReport {
    /// Pretty-printed, keys sorted, so two reports diff cleanly.
    static func render(_ report: LedgerReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(report) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
