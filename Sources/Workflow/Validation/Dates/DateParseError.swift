/// Why a date field could not be read. Messages never repeat the field's value.
public enum DateParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not written like any accepted date form.
    case unreadable
    /// The form is right but the day does not exist (2月30日, month 13, 平成31年2月29日).
    case impossibleDate(reason: String)
    /// The day exists but not in the named era (平成31年5月1日, 令和元年4月30日, 令和0年).
    case eraOutOfRange(reason: String)

    public var description: String {
        switch self {
        case .unreadable:
            "not a recognisable date; write it like 令和7年4月1日, R7.4.1 or 2024-04-01"
        case .impossibleDate(let reason), .eraOutOfRange(let reason):
            reason
        }
    }
}
