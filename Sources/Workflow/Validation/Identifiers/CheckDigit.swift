/// The check digits of Japan's two national identifiers.
public enum CheckDigit {
    /// The check digit of a My Number (個人番号) from its first 11 digits, or `nil` unless given
    /// exactly 11 ASCII digits.
    ///
    /// With Pn the n-th digit counted from the right (P1 is the 11th digit) and Qn = n + 1 for
    /// n ≤ 6, n − 5 for n ≥ 7: r = Σ Pn × Qn mod 11, and the check digit is 0 if r ≤ 1, else 11 − r.
    public static func myNumber(_ base: String) -> Int? {
        guard let digits = asciiDigits(base, count: 11) else { return nil }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            let n = offset + 1
            sum += digit * (n <= 6 ? n + 1 : n - 5)
        }
        let remainder = sum % 11
        return remainder <= 1 ? 0 : 11 - remainder
    }

    /// The check digit (the first digit) of a corporate number (法人番号) from the 12 digits after
    /// it, or `nil` unless given exactly 12 ASCII digits.
    ///
    /// With Pn counted from the right and Qn = 1 for odd n, 2 for even n: 9 − (Σ Pn × Qn mod 9).
    public static func corporateNumber(_ base: String) -> Int? {
        guard let digits = asciiDigits(base, count: 12) else { return nil }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            sum += digit * ((offset + 1) % 2 == 1 ? 1 : 2)
        }
        return 9 - sum % 9
    }

    private static func asciiDigits(_ text: String, count: Int) -> [Int]? {
        let digits = text.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        return digits.count == count && text.count == count ? digits : nil
    }
}
