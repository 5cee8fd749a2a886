import Foundation

/// Japanese telephone numbers: 10 digits (fixed lines, 0120, 0570) or 11 (mobile, IP, 0800).
enum PhoneNumber {
    /// The prefixes an 11-digit number can start with.
    private static let elevenDigitPrefixes = ["020", "050", "060", "070", "080", "090", "0800"]

    /// The number with hyphens where they were written ("042-754-1111", from "042一754一1111",
    /// "０４２－７５４－１１１１" or "042(754)1111"), or digits only when none were written.
    static func normalize(_ text: String) -> Result<String, ValidationFailure> {
        let mapped = DigitLookalikes.map(text.precomposedStringWithCompatibilityMapping)
        let unified = String(mapped.filter { !$0.isWhitespace }.map { $0 == "(" || $0 == ")" ? "-" : $0 })
        let groups = unified.split(separator: "-")
        guard !groups.isEmpty, groups.count <= 3,
            groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else {
            return .failure(.format("a phone number must be digits with optional hyphens, like 042-754-1111"))
        }
        let digits = groups.joined()
        guard digits.first == "0", digits.dropFirst().first != "0" else {
            return .failure(
                .format("a Japanese phone number starts with 0 followed by an area or service code"))
        }
        switch digits.count {
        case 10 where elevenDigitPrefixes.contains(where: digits.hasPrefix):
            return .failure(
                ValidationFailure(
                    code: "length", message: "mobile, IP and 0800 numbers have 11 digits, found 10"))
        case 10: break
        case 11 where elevenDigitPrefixes.contains(where: digits.hasPrefix): break
        case 11:
            return .failure(
                ValidationFailure(
                    code: "length",
                    message: "only mobile, IP and 0800 numbers have 11 digits; fixed lines have 10"))
        default:
            return .failure(
                ValidationFailure(
                    code: "length", message: "a phone number must have 10 or 11 digits, found \(digits.count)"
                ))
        }
        return .success(groups.joined(separator: "-"))
    }
}
