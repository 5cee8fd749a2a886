/// Number formatting shared by the renderers, independent of the machine's locale.
enum NumberText {
    /// `12,345.6`: one decimal with thousands separators.
    static func hours(_ value: Double) -> String { grouped(value, decimals: 1) }

    /// `12,345`.
    static func count(_ value: Int) -> String { grouped(Double(value), decimals: 0) }

    /// `76.3%`, or `—` when there is nothing to divide.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return plain(value * 100, decimals: 1) + "%"
    }

    /// `2.0`, `0.35`: minutes with one decimal, or two when the second one counts.
    static func minutes(_ value: Double) -> String {
        let text = plain(value, decimals: 2)
        return text.hasSuffix("0") ? String(text.dropLast()) : text
    }

    /// `+25.4%`, `−80%` (with a minus sign): a change as a share, whole when it is whole.
    static func signedPercent(_ value: Double) -> String {
        let text = plain(abs(value) * 100, decimals: 1)
        let number = text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        return (value < 0 && number != "0" ? "−" : "+") + number + "%"
    }

    /// `12345.6`: no separators, for CSV cells Excel reads as numbers.
    static func plain(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let rounded = (value * scale).rounded() / scale
        let negative = rounded < 0
        let units = Int((abs(rounded) * scale).rounded())
        let whole = units / Int(scale)
        let fraction = units % Int(scale)
        let sign = negative && units != 0 ? "-" : ""
        return decimals == 0 ? sign + String(whole) : sign + String(whole) + "." + pad(fraction, decimals)
    }

    private static func grouped(_ value: Double, decimals: Int) -> String {
        let text = plain(value, decimals: decimals)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "0")
        var groups = [String]()
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + groups.joined(separator: ",") + fraction
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
