import Foundation

/// A checkbox reading as "true" or "false".
enum CheckboxText {
    private static let checked: Set<String> = [
        "true", "yes", "y", "on", "1", "checked", "x", "×", "✓", "✔", "☑", "☒", "レ", "○", "◯", "●", "■",
    ]
    private static let unchecked: Set<String> = ["false", "no", "n", "off", "0", "unchecked", "☐", "□"]

    /// "true" or "false" from the OCR engine's or a person's spelling of a mark.
    static func normalize(_ text: String) -> Result<String, ValidationFailure> {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if checked.contains(key) { return .success("true") }
        if unchecked.contains(key) { return .success("false") }
        return .failure(.format("a checkbox must read as checked or unchecked (true/false)"))
    }
}
