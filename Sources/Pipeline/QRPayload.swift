import Foundation

/// The data a form's QR code carries, as key → value: a JSON object (`{"氏名":"山田 花子"}`; numbers and
/// booleans become their text, null and nested values are left out), or `key=value` lines.
enum QRPayload {
    /// The pairs of a decoded payload, or nil when it is not UTF-8 text in either form.
    static func parse(_ data: Data) -> [String: String]? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
            else { return nil }
            return object.compactMapValues { value in
                switch value {
                case let text as String: text
                case let number as NSNumber: number.stringValue
                default: nil
                }
            }
        }
        var pairs: [String: String] = [:]
        for line in trimmed.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { return nil }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { return nil }
            pairs[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return pairs.isEmpty ? nil : pairs
    }
}
