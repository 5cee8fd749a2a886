import Foundation
import JapaneseCalendar

/// One end of a `date_range` check: a fixed day or "today" (the day the batch runs).
public enum DateBound: Sendable, Hashable, CustomStringConvertible {
    /// A fixed day.
    case date(CalendarDate)
    /// The run's today, so "not in the future" can be written without editing the workflow daily.
    case today

    /// Reads "today" or any date `JapaneseDate.parse` accepts ("2024-04-01", "令和6年4月1日").
    public init?(_ text: String) {
        if text.trimmingCharacters(in: .whitespaces).lowercased() == "today" {
            self = .today
        } else if case .success(let date) = JapaneseDate.parse(text) {
            self = .date(date)
        } else {
            return nil
        }
    }

    /// The day this bound stands for on `today`.
    public func resolve(today: CalendarDate) -> CalendarDate {
        switch self {
        case .date(let date): date
        case .today: today
        }
    }

    public var description: String {
        switch self {
        case .date(let date): date.iso
        case .today: "today"
        }
    }
}

/// Stored as the workflow writes it: "today" or an ISO date.
extension DateBound: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let bound = DateBound(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected 'today' or a date such as 2024-04-01")
        }
        self = bound
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
