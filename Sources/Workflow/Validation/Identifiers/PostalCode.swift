import Foundation

/// Japanese postal codes (郵便番号), NNN-NNNN.
enum PostalCode {
    /// Leading marks taken as the postal mark 〒: itself and Tesseract's readings of it.
    private static let postalMarks: Set<Character> = ["〒", "エ", "干"]

    /// "252-5277" from "〒252-5277", "エ252一5277", "２５２５２７７" and the like.
    static func normalize(_ text: String) -> Result<String, ValidationFailure> {
        var rest = Substring(
            DigitLookalikes.map(text.precomposedStringWithCompatibilityMapping).filter { !$0.isWhitespace })
        if let first = rest.first, postalMarks.contains(first) { rest = rest.dropFirst() }
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        switch parts.count {
        case 1 where parts[0].count == 7 && isDigits(parts[0]):
            return .success("\(parts[0].prefix(3))-\(parts[0].suffix(4))")
        case 2 where parts[0].count == 3 && parts[1].count == 4 && isDigits(parts[0]) && isDigits(parts[1]):
            return .success("\(parts[0])-\(parts[1])")
        default:
            return .failure(.format("a postal code must be 7 digits written NNN-NNNN"))
        }
    }
}
