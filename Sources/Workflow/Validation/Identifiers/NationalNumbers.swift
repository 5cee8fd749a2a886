/// My Number and corporate number fields: 12 or 13 digits whose check digit must match.
enum NationalNumbers {
    /// The 12 digits of a My Number, or why they are not one.
    static func myNumber(_ text: String) -> Result<String, ValidationFailure> {
        DigitText.exactly(12, in: text, what: "個人番号 (My Number)").flatMap { digits in
            CheckDigit.myNumber(String(digits.prefix(11))) == digits.last?.wholeNumberValue
                ? .success(digits) : .failure(checkDigitMismatch("個人番号 (My Number)"))
        }
    }

    /// The 13 digits of a corporate number, or why they are not one.
    static func corporateNumber(_ text: String) -> Result<String, ValidationFailure> {
        DigitText.exactly(13, in: text, what: "法人番号 (corporate number)").flatMap { digits in
            CheckDigit.corporateNumber(String(digits.dropFirst())) == digits.first?.wholeNumberValue
                ? .success(digits) : .failure(checkDigitMismatch("法人番号 (corporate number)"))
        }
    }

    private static func checkDigitMismatch(_ what: String) -> ValidationFailure {
        ValidationFailure(
            code: "check_digit", message: "\(what): check digit does not match; a digit is likely misread")
    }
}
