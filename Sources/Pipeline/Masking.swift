/// Hides personal data wherever it is not the output itself (review queue files, messages).
public enum Masking {
    /// The value with every character but separators replaced by `*`.
    public static func mask(_ value: String) -> String {
        String(value.map { $0 == "-" || $0 == " " ? $0 : "*" })
    }
}
