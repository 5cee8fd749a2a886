import Foundation

/// One text clean-up step applied to an OCR reading before it is validated.
///
/// Workflow files list transforms by name (`nfkc`, `collapse_spaces`, …) and they run in order.
/// Each step is a pure function of the text so a reading can be replayed step by step when a
/// staff member debugs a field against a real scan.
public enum Transform: Sendable, Equatable, Hashable {
    /// Unicode NFKC: full-width letters and digits become ASCII, ⾏ becomes 行, ㍻ becomes 平成,
    /// half-width katakana becomes full-width.
    case nfkc
    /// Removes white space (including the ideographic space U+3000) at both ends.
    case trim
    /// Turns each run of white space into one ASCII space, and drops the space entirely between two
    /// CJK characters, where Tesseract inserts spaces that are not on the paper ("山田 花子" → "山田花子").
    case collapseSpaces
    /// Removes every white-space character.
    case removeSpaces
    /// Keeps the digits 0–9 only, after mapping full-width digits and OCR look-alikes (O/o/〇 → 0, l/I/| → 1).
    case digitsOnly
    /// Writes kanji numerals as Arabic numbers: 二千二十四 → 2024, 十五 → 15, 二〇二四 → 2024.
    case kanjiNumerals
    /// Hiragana → katakana (ふりがな → フリガナ).
    case katakana
    /// Katakana → hiragana (フリガナ → ふりがな).
    case hiragana
    /// Upper-cases letters.
    case uppercase
    /// Lower-cases letters.
    case lowercase
    /// Literal replacements, the longest matching key first at each position; empty keys are ignored.
    case replace([String: String])
    /// For digit-like fields: O/o/〇 → 0, l/I/| → 1 and the dash look-alikes ー 一 － — ‐ → `-`.
    case digitLookalikes

    /// Applies the step to `text`.
    public func apply(_ text: String) -> String {
        switch self {
        case .nfkc: text.precomposedStringWithCompatibilityMapping
        case .trim: text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .collapseSpaces: CJKSpacing.collapse(text)
        case .removeSpaces: String(text.filter { !$0.isWhitespace })
        case .digitsOnly: DigitLookalikes.digitsOnly(text)
        case .kanjiNumerals: KanjiNumerals.convert(text)
        case .katakana: KanaConversion.toKatakana(text)
        case .hiragana: KanaConversion.toHiragana(text)
        case .uppercase: text.uppercased()
        case .lowercase: text.lowercased()
        case .replace(let table): LiteralReplacement.apply(table, to: text)
        case .digitLookalikes: DigitLookalikes.map(text)
        }
    }

    /// Applies `transforms` in order.
    public static func apply(_ transforms: [Transform], to text: String) -> String {
        transforms.reduce(text) { $1.apply($0) }
    }

    /// The transform a workflow file names, or `nil` for an unknown name.
    ///
    /// `replace` is not a name: it is written as a map (`{replace: {"エ": "〒"}}`).
    public static func named(_ name: String) -> Transform? {
        simpleCases.first { $0.name == name }
    }

    /// The YAML spelling of the step (`"collapse_spaces"`); `replace` for replacements.
    public var name: String {
        switch self {
        case .nfkc: "nfkc"
        case .trim: "trim"
        case .collapseSpaces: "collapse_spaces"
        case .removeSpaces: "remove_spaces"
        case .digitsOnly: "digits_only"
        case .kanjiNumerals: "kanji_numerals"
        case .katakana: "katakana"
        case .hiragana: "hiragana"
        case .uppercase: "uppercase"
        case .lowercase: "lowercase"
        case .replace: "replace"
        case .digitLookalikes: "digit_lookalikes"
        }
    }

    /// The YAML names `named(_:)` accepts, for listing in errors and "did you mean" hints.
    public static let names: [String] = simpleCases.map(\.name)

    /// Every transform that a bare name selects.
    public static let simpleCases: [Transform] = [
        .nfkc, .trim, .collapseSpaces, .removeSpaces, .digitsOnly, .kanjiNumerals,
        .katakana, .hiragana, .uppercase, .lowercase, .digitLookalikes,
    ]
}
