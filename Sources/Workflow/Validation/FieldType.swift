import Foundation

/// What kind of value a field holds: decides its canonical output form and the checks that come
/// with the type, so a workflow says `type: postal_code` instead of spelling out transforms.
public enum FieldType: String, Sendable, Codable, CaseIterable {
    /// Free text: NFKC, white space collapsed (OCR spaces inside Japanese removed), trimmed.
    case text
    /// An address: normalised like text. With a `vocabulary` of places (the city's 町字 list), the
    /// part before the block number must be close to one of them and is written as the list does.
    case address
    /// A date in 和暦 or 西暦, output as ISO "2024-04-01".
    case date
    /// フリガナ: katakana without spaces (hiragana converted, OCR dashes after kana read as ー).
    case katakana
    /// A digit string (account numbers, codes): digits only, leading zeros kept.
    case digits
    /// An amount or count: "3850000" from "3,850,000", "¥12,345" or "\12,345"; decimals with ".".
    case number
    /// 個人番号: 12 digits with a valid check digit.
    case myNumber = "my_number"
    /// 法人番号: 13 digits with a valid check digit.
    case corporateNumber = "corporate_number"
    /// 郵便番号: "252-5277".
    case postalCode = "postal_code"
    /// Telephone number: digits with the hyphens as written, "042-754-1111".
    case phone
    /// One of a list of choices: normalised like text; membership is the `one_of` check.
    case choice
    /// A checkbox: "true" or "false".
    case checkbox
    /// A QR code zone, decoded rather than read: its payload (JSON or key=value lines) fills the
    /// fields its `fill` names. The payload itself is the value, always sensitive.
    case qr

    /// The canonical output of a raw reading, or why it cannot have one.
    ///
    /// Empty or blank input gives "" for every type: whether a field is required is decided by the
    /// caller. Failures never contain the value.
    public func normalize(_ raw: String) -> Result<String, ValidationFailure> {
        if raw.allSatisfy(\.isWhitespace) { return .success("") }
        switch self {
        case .text, .address, .choice:
            return .success(Transform.apply([.nfkc, .collapseSpaces, .trim], to: raw))
        case .date:
            return JapaneseDate.parse(raw).map(\.iso).mapError(ValidationFailure.init)
        case .katakana:
            return KatakanaText.normalize(raw)
        case .digits:
            guard let digits = DigitText.digits(of: raw) else {
                return .failure(.format("must contain digits only"))
            }
            return .success(digits)
        case .number:
            return NumberText.parse(raw).map(\.text)
        case .myNumber:
            return NationalNumbers.myNumber(raw)
        case .corporateNumber:
            return NationalNumbers.corporateNumber(raw)
        case .postalCode:
            return PostalCode.normalize(raw)
        case .phone:
            return PhoneNumber.normalize(raw)
        case .checkbox:
            return CheckboxText.normalize(raw)
        case .qr:
            return .success(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Whether values of this type are sensitive personal data that must never be logged or put in
    /// the ledger (個人番号, and a QR code's payload, which holds the whole form).
    public var isSensitive: Bool { self == .myNumber || self == .qr }
}
