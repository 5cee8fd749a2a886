import CRE2

/// A workflow's regular expression (a `regex:` reader or a `pattern:` check), compiled by RE2 so
/// that matching takes time linear in the text whatever the pattern: no pattern a workflow holds can
/// backtrack and hang a run (`(.+)+Z` is as fast as `Z`).
///
/// The syntax is RE2's: the usual classes, groups, alternation, counted repetition and flags such as
/// `(?i)`, but no backreferences (`\1`) and no lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`); RE2 refuses
/// those when the pattern is compiled, so `rpa check` reports them. `\d`, `\s` and `\w` keep the
/// Unicode meaning they had with ICU (full-width digits are digits, the ideographic space is a space,
/// kanji and kana are word characters). Texts are matched as UTF-8 and at most
/// `maxInputCharacters` of them are looked at.
///
/// Immutable once compiled, so one instance may be matched from many threads at once.
public final class SafeRegex: @unchecked Sendable {
    /// The most characters of a text a match looks at: a page's text beyond it is not searched, and
    /// a longer value fails a `pattern:` check. A form's page holds a few thousand characters.
    public static let maxInputCharacters = 10_000

    /// The pattern as the workflow wrote it.
    public let pattern: String
    /// The number of capture groups `( … )` in the pattern.
    public let groupCount: Int
    // Immutable after init and freed only in deinit; RE2 allows concurrent matching on one object.
    private let compiled: OpaquePointer

    /// Compiles `pattern` in RE2 syntax; throws RE2's reason when it does not compile (a syntax
    /// mistake, a backreference, lookaround, or a pattern too large).
    public init(_ pattern: String) throws(SafeRegexError) {
        self.pattern = pattern
        guard let compiled = Self.compile(Self.unicodeClasses(pattern)) else {
            // The reason is given for the pattern as written, not for its Unicode-class rewrite.
            var reason = "the pattern is not valid"
            _ = Self.compile(pattern, reason: &reason)
            throw SafeRegexError(reason: reason)
        }
        self.compiled = compiled
        self.groupCount = Int(cre2shim_groups(compiled))
    }

    deinit { cre2shim_free(compiled) }

    /// The first match in the first `maxInputCharacters` characters of `text`, as the text of
    /// capture group `group` (0 is the whole match); `nil` when nothing matches, the group does not
    /// exist or took no part in the match.
    public func firstMatch(in text: String, group: Int = 0) -> String? {
        guard group >= 0, group <= groupCount else { return nil }
        let bounded =
            text.index(text.startIndex, offsetBy: Self.maxInputCharacters, limitedBy: text.endIndex)
            .map { String(text[..<$0]) } ?? text
        return match(bounded, whole: false, group: group)
    }

    /// Whether the whole of `value` matches (not just a part of it). A value longer than
    /// `maxInputCharacters` does not match.
    public func matchesWhole(_ value: String) -> Bool {
        if let limit = value.index(
            value.startIndex, offsetBy: Self.maxInputCharacters, limitedBy: value.endIndex),
            limit != value.endIndex
        {
            return false
        }
        return match(value, whole: true, group: 0) != nil
    }

    private func match(_ text: String, whole: Bool, group: Int) -> String? {
        var text = text
        let count = group + 1
        var starts = [Int](repeating: -1, count: count)
        var ends = [Int](repeating: -1, count: count)
        return text.withUTF8 { bytes -> String? in
            let found = bytes.withMemoryRebound(to: CChar.self) { chars in
                cre2shim_match(
                    compiled, chars.baseAddress, chars.count, whole ? 1 : 0, &starts, &ends, Int32(count))
            }
            let start = starts[group]
            let end = ends[group]
            guard found == 1, start >= 0, start <= end, end <= bytes.count else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    private static func compile(_ pattern: String) -> OpaquePointer? {
        var reason = ""
        return compile(pattern, reason: &reason)
    }

    private static func compile(_ pattern: String, reason: inout String) -> OpaquePointer? {
        var pattern = pattern
        var message = [CChar](repeating: 0, count: 256)
        let capacity = message.count
        let compiled = pattern.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cre2shim_compile(chars.baseAddress, chars.count, &message, capacity)
            }
        }
        if compiled == nil {
            let text = String(
                decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.isEmpty { reason = text }
        }
        return compiled
    }

    /// The pattern with `\d`, `\s`, `\w` (and `\D`, `\S`, `\W` outside brackets) written as the
    /// Unicode classes ICU gave them, since RE2's are ASCII only: OCR text holds full-width digits
    /// and ideographic spaces. Text inside `\Q … \E` is left alone.
    static func unicodeClasses(_ pattern: String) -> String {
        let space = #"\t\n\v\f\r\p{Z}"#
        let word = #"\p{L}\p{M}\p{Nd}\p{Pc}"#
        var result = ""
        var inClass = false
        var quoted = false
        var scalars = pattern.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return scalars.next()
        }
        while let scalar = next() {
            if quoted {
                result.unicodeScalars.append(scalar)
                if scalar == "\\", let following = next() {
                    result.unicodeScalars.append(following)
                    if following == "E" { quoted = false }
                }
                continue
            }
            switch scalar {
            case "\\":
                guard let escaped = next() else {
                    result += "\\"
                    continue
                }
                switch (escaped, inClass) {
                case ("d", _): result += #"\p{Nd}"#
                case ("D", _): result += #"\P{Nd}"#
                case ("s", false): result += "[\(space)]"
                case ("s", true): result += space
                case ("S", false): result += "[^\(space)]"
                case ("w", false): result += "[\(word)]"
                case ("w", true): result += word
                case ("W", false): result += "[^\(word)]"
                default:
                    if escaped == "Q" { quoted = true }
                    result += "\\"
                    result.unicodeScalars.append(escaped)
                }
            case "[" where !inClass:
                inClass = true
                result += "["
                // A `]` first in the brackets (after an optional `^`) is a literal `]`.
                var following = next()
                if following == "^" {
                    result += "^"
                    following = next()
                }
                if following == "]" {
                    result += "]"
                } else {
                    pending = following
                }
            case "[" where inClass:
                result += "["
                // A POSIX class such as [:alpha:] is copied whole.
                if let following = next() {
                    if following == ":" {
                        result += ":"
                        while let inner = next() {
                            result.unicodeScalars.append(inner)
                            if inner == "]" { break }
                        }
                    } else {
                        pending = following
                    }
                }
            case "]" where inClass:
                inClass = false
                result += "]"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Why a workflow's regular expression was refused, in RE2's words.
public struct SafeRegexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// RE2's reason, e.g. "invalid escape sequence: \1" or "missing ]: [0-9".
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    /// The reason and what to do about it.
    public var description: String {
        "\(reason); write it in RE2 syntax, without backreferences (\\1) or lookaround ((?=, (?!, (?<=, (?<!)"
    }
}
