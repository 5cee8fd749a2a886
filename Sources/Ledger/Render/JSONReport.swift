import Foundation

/// Writes a report as JSON: the ``LedgerReport`` structure with derived figures included.
enum JSONReport {
    /// Pretty-printed, keys sorted, so two reports diff cleanly.
    static func render(_ report: LedgerReport) -> String { encode(report) }

    /// Any report structure as pretty-printed JSON with sorted keys, ending with a line break.
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
