import Foundation

/// A closed list of the values a field can take (a city's 町字, 続柄, bank and branch names): a
/// reading is replaced by the one entry it is close to, and a reading close to several, or to none,
/// goes to a person.
///
/// Unlike the `enum` check, which only accepts exact members, a vocabulary corrects what OCR gets
/// slightly wrong, but only when no other entry is nearly as close: the best entry must be within
/// `maxEdits(for:)` edits and the runner-up at least `margin` edits further.
public struct Vocabulary: Sendable, Equatable {
    /// The entries, as written in the list.
    public let entries: [String]
    /// Where the list came from (the file's name, or "vocabulary" when inline), for messages.
    public let source: String
    private let keys: [[Character]]
    /// Each key's first entry: a reading that is exactly a value (most are) needs no distances.
    private let exact: [String: Int]

    /// The runner-up must be this many edits further than the best entry.
    public static let margin = 2
    /// The most entries a list may hold.
    public static let maxEntries = 200_000

    public init(entries: [String], source: String) {
        self.entries = entries
        self.source = source
        keys = entries.map { Array(Self.key($0)) }
        exact = Dictionary(keys.enumerated().map { (String($1), $0) }, uniquingKeysWith: min)
    }

    /// Reads a list file: UTF-8, one entry per line; blank lines and lines starting with `#` skipped.
    public init(contentsOf url: URL) throws(VocabularyError) {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else {
            throw .unreadable(url.path)
        }
        guard data.count <= 32 << 20 else { throw .tooLarge(url.path) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(url.path) }
        let entries = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !entries.isEmpty else { throw .empty(url.path) }
        guard entries.count <= Self.maxEntries else { throw .tooLarge(url.path) }
        self.init(entries: entries, source: url.lastPathComponent)
    }

    /// How many edits a reading may be from an entry of this length and still be corrected to it: 1
    /// for up to 5 characters, then one more per 5.
    public static func maxEdits(for length: Int) -> Int { max(1, length / 5) }

    /// The entry a normalised reading stands for, or why it stands for none. The failure's message
    /// never holds the reading or the entries it is close to.
    public func match(_ value: String) -> Result<String, ValidationFailure> {
        guard let ranked = rank(value), ranked.distance <= Self.maxEdits(for: keys[ranked.index].count) else {
            return .failure(
                ValidationFailure(
                    code: "not_in_vocabulary",
                    message: "is not close to any value of the list \(source)"))
        }
        guard ranked.runnerUp - ranked.distance >= Self.margin else {
            return .failure(
                ValidationFailure(
                    code: "ambiguous_vocabulary",
                    message: "is as close to another value of the list \(source): choose one"))
        }
        return .success(entries[ranked.index])
    }

    /// The one entry nearest to a reading, within `maxEdits(for:)` but with no margin to the
    /// runner-up: what a second reading points to, to be compared with what the first settled.
    package func nearest(_ value: String) -> String? {
        guard let ranked = rank(value), ranked.distance <= Self.maxEdits(for: keys[ranked.index].count),
            ranked.runnerUp > ranked.distance
        else { return nil }
        return entries[ranked.index]
    }

    /// Whether `value` is an entry, with no other entry within one edit: a misreading would have to
    /// change two characters to land on it.
    package func isolatedEntry(_ value: String) -> Bool {
        let normal = Self.key(value)
        guard exact[normal] != nil else { return false }
        let reading = Array(normal)
        return !keys.contains { key in
            abs(key.count - reading.count) <= 1 && key != reading
                && Self.editDistance(reading, key, limit: 2) <= 1
        }
    }

    /// The nearest entry, its distance and the runner-up's.
    private func rank(_ value: String) -> (index: Int, distance: Int, runnerUp: Int)? {
        let normal = Self.key(value)
        if let index = exact[normal] { return (index, 0, Int.max) }
        let reading = Array(normal)
        var best = (distance: Int.max, index: -1)
        var second = Int.max
        for (index, key) in keys.enumerated() {
            // Lengths alone bound the distance from below: most entries are skipped without a table.
            guard abs(key.count - reading.count) < min(second, Self.maxEdits(for: key.count) + Self.margin)
            else { continue }
            let distance = Self.editDistance(reading, key, limit: second)
            if distance < best.distance {
                second = best.distance
                best = (distance, index)
            } else if distance < second {
                second = distance
            }
        }
        return best.index < 0 ? nil : (best.index, best.distance, second)
    }

    /// The form entries and readings are compared in: NFKC, without white space.
    static func key(_ text: String) -> String {
        String(text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace })
    }

    /// Levenshtein distance, or any value ≥ `limit` once it is certain to reach it.
    package static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum >= limit { return limit }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Why a vocabulary file could not be used.
public enum VocabularyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case notUTF8(String)
    case empty(String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the vocabulary file \(path); check the path"
        case .notUTF8(let path): "the vocabulary file \(path) is not UTF-8 text"
        case .empty(let path): "the vocabulary file \(path) lists no values"
        case .tooLarge(let path):
            "the vocabulary file \(path) is larger than \(Vocabulary.maxEntries) entries or 32 MiB"
        }
    }
}
