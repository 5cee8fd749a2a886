import Foundation

extension FiscalYear {
    /// Reads a fiscal year as people write it: `2024`, `FY2024`, `R6`, `令和6年度`, `令和元年度`,
    /// `H30`, `平成30年度`. Fiscal year N runs from April N to March N+1.
    public init(parsing text: String) throws(LedgerError) {
        var body = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["年度", "年"] where body.hasSuffix(suffix) { body.removeLast(suffix.count) }
        let eras: [(prefixes: [String], offset: Int)] = [(["令和", "R"], 2018), (["平成", "H"], 1988)]
        for era in eras {
            for prefix in era.prefixes where body.hasPrefix(prefix) {
                let number = body.dropFirst(prefix.count)
                guard let year = number == "元" ? 1 : Int(number), year >= 1 else { break }
                self.init(year + era.offset)
                return
            }
        }
        if body.hasPrefix("FY") { body.removeFirst(2) }
        guard body.count == 4, let year = Int(body), year >= 1900 else {
            throw .invalidValue(
                field: "fiscal year '\(text)'",
                reason: "is not a fiscal year: write 2024, FY2024, R6 or 令和6年度")
        }
        self.init(year)
    }
}
