import Foundation

/// Prints a value as JSON on standard output, keys sorted so that output is stable for scripts, times
/// in ISO 8601 (as the run state and audit files hold them).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}

/// Writes a line to standard error, control characters escaped (file names come from shared folders).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.escape(message, keepNewlines: true) + "\n").utf8))
}
