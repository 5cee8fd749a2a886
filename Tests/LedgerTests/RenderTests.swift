import Foundation
import Testing

@testable import Ledger

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A report over twelve months of FY2024 with two workflows and a programme target.
enum SampleReport {
    static func make(in folder: TempFolder) throws -> LedgerReport {
        let ledger = try Fixture.ledger(in: folder)
        try ledger.register(rule: try Fixture.inkanRule())
        var entries = [LedgerEntry]()
        for (offset, month) in [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].enumerated() {
            let year = month >= 4 ? 2024 : 2025
            for index in 0..<(3 + offset) {
                let date = try Fixture.tokyo(year, month, 1 + index % 27)
                entries.append(
                    Fixture.entry(
                        "j-\(month)-\(index)", at: date, outcome: index % 4 == 0 ? .reviewed : .accepted))
                entries.append(
                    Fixture.entry("i-\(month)-\(index)", at: date, workflow: "inkan", department: "戸籍係"))
            }
        }
        try ledger.record(batch: entries)
        let targets = Targets(
            programs: [ProgramTarget(name: "簡易作業削減時間", hours: 96, fromFiscalYear: 2024, toFiscalYear: 2027)])
        return try ledger.report(
            ReportQuery(
                from: FiscalYear(2024).firstDay, to: FiscalYear(2024).lastDay, targets: targets,
                asOf: try Fixture.tokyo(2025, 3, 31, 12)))
    }
}

@Suite("Report formats")
struct RenderTests {
    @Test("CSV opens in Japanese Excel: BOM, CRLF, Japanese headers, one row per line")
    func csv() throws {
        let folder = try TempFolder()
        let report = try SampleReport.make(in: folder)
        let csv = ReportFormat.csv.render(report)
        let bytes = Array(csv.utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.hasSuffix("\r\n"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n").dropLast()
        #expect(!lines.contains { $0.contains("\n") })
        #expect(lines.first?.hasPrefix("区分,キー,項目,件数") == true)
        let expected = 2 + report.breakdowns.reduce(0) { $0 + $1.lines.count }
        #expect(lines.count == expected)
        #expect(lines.contains { $0.hasPrefix("年度 (fiscal year),FY2024,令和6年度 (FY2024),") })
        #expect(CSVReport.escape("a,b") == "\"a,b\"")
        #expect(CSVReport.escape("=cmd()") == "'=cmd()")
    }

    @Test("JSON decodes back into the same report")
    func json() throws {
        let folder = try TempFolder()
        let report = try SampleReport.make(in: folder)
        let text = ReportFormat.json.render(report)
        let decoded = try JSONDecoder().decode(LedgerReport.self, from: Data(text.utf8))
        #expect(decoded == report)
        #expect(text.contains("\"hoursSaved\""))
    }

    @Test("the table shows each breakdown and the ledger head")
    func table() throws {
        let folder = try TempFolder()
        let report = try SampleReport.make(in: folder)
        let text = ReportFormat.table.render(report)
        #expect(text.contains("令和6年度 (FY2024)"))
        #expect(text.contains("令和6年度 上期 (FY2024 H1)"))
        #expect(text.contains(report.ledgerHead))
        #expect(TextTable.width("令和6年度") == 9)
    }

    @Test("the HTML is one self-contained file with well-formed SVG charts")
    func html() throws {
        let folder = try TempFolder()
        let report = try SampleReport.make(in: folder)
        let html = ReportFormat.html.render(report)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(
            !html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))

        let charts = try svgElements(in: html)
        #expect(charts.count == 2)
        let monthly = try #require(charts.first)
        #expect(monthly.count(of: "rect", class: "bar") == 12)
        let target = try #require(monthly.attributes(of: "polyline", class: "target").first)
        let points = target["points"]?.split(separator: " ") ?? []
        #expect(points.count == 24)  // two per month: a step per month
        let rates = try #require(charts.last)
        #expect(rates.count(of: "rect", class: "bar") == 2)
        #expect(rates.attributes(of: "line", class: "target").count == 1)
    }

    @Test("numbers are formatted without the machine's locale")
    func numbers() {
        #expect(NumberText.hours(17_600) == "17,600.0")
        #expect(NumberText.hours(-1234.56) == "-1,234.6")
        #expect(NumberText.percent(0.75) == "75.0%")
        #expect(NumberText.percent(nil) == "—")
        #expect(NumberText.plain(0.004, decimals: 2) == "0.00")
    }

    /// Parses every `<svg>…</svg>` in the page as XML.
    private func svgElements(in html: String) throws -> [SVGSummary] {
        var summaries = [SVGSummary]()
        var rest = html[...]
        while let start = rest.range(of: "<svg"),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            let fragment = String(rest[start.lowerBound..<end.upperBound])
            let summary = SVGSummary()
            let parser = XMLParser(data: Data(fragment.utf8))
            parser.delegate = summary
            #expect(parser.parse(), "SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
            summaries.append(summary)
            rest = rest[end.upperBound...]
        }
        return summaries
    }
}

/// Collects the elements of one SVG document.
final class SVGSummary: NSObject, XMLParserDelegate, @unchecked Sendable {
    private(set) var elements: [(name: String, attributes: [String: String])] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append((elementName, attributes))
    }

    func attributes(of name: String, class className: String) -> [[String: String]] {
        elements.filter { element in
            element.name == name
                && (element.attributes["class"] ?? "").split(separator: " ").contains { $0 == className }
        }.map(\.attributes)
    }

    func count(of name: String, class className: String) -> Int {
        attributes(of: name, class: className).count
    }
}
