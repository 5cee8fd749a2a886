/// One value passed to or read from the ledger's database, whichever engine holds it.
///
/// The ledger stores only integers, reals and text, so these four cases are every value either
/// engine hands back; booleans are stored as 0/1.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value that can be bound to a statement's `?`.
package protocol SQLArgument: Sendable {
    var sqlValue: SQLValue { get }
}

extension Int: SQLArgument {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLArgument {
    package var sqlValue: SQLValue { .real(self) }
}

extension String: SQLArgument {
    package var sqlValue: SQLValue { .text(self) }
}

extension Bool: SQLArgument {
    package var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A Swift value that can be read from a column.
package protocol SQLDecodable {
    static func decode(_ value: SQLValue) -> Self?
}

extension Int: SQLDecodable {
    package static func decode(_ value: SQLValue) -> Int? {
        switch value {
        case .integer(let number): return Int(exactly: number)
        case .real(let number): return Int(exactly: number)
        case .text(let text): return Int(text)
        case .null: return nil
        }
    }
}

extension Double: SQLDecodable {
    package static func decode(_ value: SQLValue) -> Double? {
        switch value {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        case .text(let text): return Double(text)
        case .null: return nil
        }
    }
}

extension String: SQLDecodable {
    package static func decode(_ value: SQLValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    package static func decode(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.decode(value).map { .some($0) }
    }
}

/// A column held a value of another type than the code reading it expects: a ledger edited by hand
/// or by another tool.
package struct SQLTypeMismatch: Error, CustomStringConvertible {
    let column: Int
    let expected: String
    let found: SQLValue

    package var description: String {
        "column \(column + 1) holds \(found), where \(expected) was expected"
    }
}

/// One row of a result, read by column position.
package struct SQLRow: Sendable {
    package let values: [SQLValue]

    package init(_ values: [SQLValue]) { self.values = values }

    /// The value at `index`, as the type the caller expects.
    package subscript<T: SQLDecodable>(index: Int) -> T {
        get throws {
            let value = index < values.count ? values[index] : .null
            guard let decoded = T.decode(value) else {
                throw SQLTypeMismatch(column: index, expected: "\(T.self)", found: value)
            }
            return decoded
        }
    }
}

extension SQLValue: SQLArgument {
    package var sqlValue: SQLValue { self }
}
