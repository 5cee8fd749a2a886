/// The characters a field of each type can hold, which Tesseract is held to when it reads one
/// (`tessedit_char_whitelist`, honoured by the LSTM engine since 4.1): an amount never gains a 9
/// from 円, and a katakana field never yields kanji.
extension FieldType {
    /// The characters a reading of this type may use, or nil when any character may appear (text,
    /// addresses, choices, tick boxes). A field's own `whitelist` replaces it.
    public var characterSet: String? {
        switch self {
        case .text, .address, .choice, .checkbox, .qr:
            return nil
        case .date:
            // 和暦 (令和6年6月25日, 令和元年), its letter form (R6.6.25) and 西暦 (2024/06/25, 2024-06-25).
            return Self.asciiDigits + "元年月日明治大正昭和平成令和MTSHR./-"
        case .katakana:
            // The katakana block with ー and the middle dot; spaces are never held back.
            return String(String.UnicodeScalarView((0x30A1...0x30FC).compactMap(Unicode.Scalar.init)))
        case .digits, .myNumber, .corporateNumber:
            // Grouped as printed: 1234 5678 9012, 1234-5678-9012.
            return Self.asciiDigits + "-"
        case .number:
            return Self.asciiDigits + ",.円金也¥\\"
        case .postalCode:
            return Self.asciiDigits + "-〒"
        case .phone:
            return Self.asciiDigits + "-()"
        }
    }

    private static let asciiDigits = "0123456789"
}
