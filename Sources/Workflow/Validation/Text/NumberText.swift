import Foundation

/// Amounts and counts as written on forms and read by OCR: "3,850,000", "¥12,345", "\12,345"
/// (jpn's reading of ¥), "金12,345円也", "1,234.5", with `,` and `.` sometimes swapped.
enum NumberText {
    /// A number in canonical form: no separators, no leading zeros, `.` as the decimal point.
    struct Parsed: Equatable {
        var text: String
        var value: Decimal
    }

    private static let prefixes: Set<Character> = ["¥", "\\", "金"]
    private static let suffixes: Set<Character> = ["円", "也"]
    private static let negativeSigns: Set<Character> = ["-", "△", "▲"]

    /// Reads the number, or says why it cannot be read without guessing.
    static func parse(_ text: String) -> Result<Parsed, ValidationFailure> {
        var body = Substring(
            String(
                text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }.map(mapLookalike)))
        var negative = false
        if let first = body.first, negativeSigns.contains(first) {
            negative = true
            body = body.dropFirst()
        }
        let hadCurrency = body.first.map(prefixes.contains) == true
        while let first = body.first, prefixes.contains(first) { body = body.dropFirst() }
        while let last = body.last, suffixes.contains(last) { body = body.dropLast() }
        if hadCurrency, body.last == "-" { body = body.dropLast() }  // receipts write ¥12,345-
        guard !body.isEmpty, body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." }) else {
            return .failure(.format("not a number; write digits with optional ',' grouping and '.' decimals"))
        }
        return split(body).flatMap { integer, fraction in
            canonical(integer: integer, fraction: fraction, negative: negative)
        }
    }

    private static func mapLookalike(_ character: Character) -> Character {
        switch character {
        case "O", "o", "〇": "0"
        case "l", "I", "|": "1"
        case "、": ","
        default: character
        }
    }

    /// Integer digits and fraction digits, deciding which separators group thousands.
    private static func split(_ body: Substring) -> Result<(String, String), ValidationFailure> {
        let separators = body.filter { $0 == "," || $0 == "." }
        let groups = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        guard groups.allSatisfy({ !$0.isEmpty }) else {
            return .failure(.format("a ',' or '.' must stand between digits"))
        }
        guard let last = separators.last, let lastGroup = groups.last else {
            return .success((String(body), ""))
        }
        let firstGroup = groups[0]
        if separators.allSatisfy({ $0 == last }) {
            if separators.count >= 2 {
                return thousands(groups).map { ($0, "") }
            }
            if lastGroup.count != 3 || firstGroup == "0" || firstGroup.count > 3 {
                guard last == "." else {
                    return .failure(.format("a ',' must group digits in threes"))
                }
                return .success((String(firstGroup), String(lastGroup)))
            }
            guard last == "," else {
                return .failure(
                    ValidationFailure(
                        code: "ambiguous_number",
                        message: "a single '.' before three digits may be a decimal point or a misread ','"))
            }
            return .success((String(firstGroup) + lastGroup, ""))
        }
        // Mixed: the last separator is the decimal point, the others group thousands.
        let grouping = separators.dropLast()
        guard grouping.allSatisfy({ $0 != last }), Set(grouping).count == 1 else {
            return .failure(.format("',' and '.' are mixed in a way that does not read as one number"))
        }
        return thousands(groups.dropLast()).map { ($0, String(lastGroup)) }
    }

    /// Joins groups of a thousands-grouped integer: 1–3 digits, then threes.
    private static func thousands(_ groups: some Collection<Substring>) -> Result<String, ValidationFailure> {
        guard let first = groups.first, (1...3).contains(first.count),
            groups.dropFirst().allSatisfy({ $0.count == 3 })
        else {
            return .failure(.format("digit groups between separators must have three digits"))
        }
        return .success(groups.joined())
    }

    private static func canonical(integer: String, fraction: String, negative: Bool)
        -> Result<Parsed, ValidationFailure>
    {
        let trimmed = integer.drop { $0 == "0" }
        var text = trimmed.isEmpty ? "0" : String(trimmed)
        if !fraction.isEmpty { text += "." + fraction }
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        if negative && !isZero { text = "-" + text }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(.format("not a number"))
        }
        return .success(Parsed(text: text, value: value))
    }
}
