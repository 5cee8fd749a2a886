/// Hides personal data wherever it is not the output itself (review queue files, messages).
public enum Masking {
    /// The value with every character but separators replaced by `*`.
    public static func mask(_ value: String) -> String {
        String(value.map { $0 == "-" || $0 == " " ? $0 : "*" })
    }
}

extension FieldResult {
    /// This field as it may be shown outside the outputs: a sensitive value and its raw reading masked.
    public var masked: FieldResult {
        guard sensitive else { return self }
        var copy = self
        copy.value = Masking.mask(value)
        copy.raw = Masking.mask(raw)
        copy.second = nil
        return copy
    }
}
