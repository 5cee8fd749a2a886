import Foundation

/// Digit strings as OCR returns them: full-width digits, look-alikes, inserted spaces and hyphens.
enum DigitText {
    /// The digits of `text` after NFKC and look-alike mapping, ignoring white space and hyphens;
    /// `nil` if anything else remains (a letter or symbol must not silently vanish).
    static func digits(of text: String) -> String? {
        let mapped = DigitLookalikes.map(text.precomposedStringWithCompatibilityMapping)
        var digits = ""
        for character in mapped where !character.isWhitespace && character != "-" {
            guard character.isASCII, character.isNumber else { return nil }
            digits.append(character)
        }
        return digits
    }

    /// `digits(of:)` with the count checked, as a validation result.
    static func exactly(_ count: Int, in text: String, what: String) -> Result<String, ValidationFailure> {
        guard let digits = digits(of: text) else {
            return .failure(.format("\(what) must contain digits only"))
        }
        guard digits.count == count else {
            return .failure(
                ValidationFailure(
                    code: "length", message: "\(what) must have \(count) digits, found \(digits.count)"))
        }
        return .success(digits)
    }
}
