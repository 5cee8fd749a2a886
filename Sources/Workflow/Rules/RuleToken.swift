import Foundation
import JapaneseCalendar

/// One lexical token of a rule.
struct RuleToken: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case number(Decimal)
        case string(String)
        case date(CalendarDate)
        /// Operators and punctuation: == != < <= > >= + - * / ( ) [ ] , ! && ||
        case symbol(String)
        /// and or not in true false null today
        case keyword(String)
        case end
    }

    var kind: Kind
    /// 0-based character offset of the token's first character.
    var offset: Int

    /// How the token is quoted in messages ("'<='", "the end of the rule").
    var display: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .number: "a number"
        case .string: "a quoted text"
        case .date: "a date"
        case .symbol(let symbol), .keyword(let symbol): "'\(symbol)'"
        case .end: "the end of the rule"
        }
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
    func isKeyword(_ keyword: String) -> Bool { kind == .keyword(keyword) }
}
