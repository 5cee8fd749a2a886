/// Inline SVG bar chart: reduction rate per workflow against the target line (75%).
struct RateChart {
    let lines: [ReportLine]
    let target: Double

    private let width = 1000.0
    private let left = 220.0
    private let right = 70.0
    private let top = 24.0
    private let rowHeight = 30.0

    /// The `<svg>` element: one `rect.bar` per workflow that ran, and one `line.target`.
    func render() -> String {
        guard !lines.isEmpty else { return "<p class=\"empty\">No workflows.</p>" }
        let plotWidth = width - left - right
        let height = top + rowHeight * Double(lines.count) + 30
        func x(_ rate: Double) -> Double { left + min(max(rate, 0), 1) * plotWidth }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart rates\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
                + "role=\"img\" aria-label=\"業務別 削減率と目標\">"
        ]
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let tx = Markup.coordinate(x(tick))
            svg.append(
                "<line class=\"grid\" x1=\"\(tx)\" y1=\"\(Markup.coordinate(top))\" x2=\"\(tx)\" y2=\"\(Markup.coordinate(height - 30))\"/>"
            )
            svg.append(
                "<text class=\"tick\" x=\"\(tx)\" y=\"\(Markup.coordinate(height - 12))\" text-anchor=\"middle\">\(Int(tick * 100))%</text>"
            )
        }
        for (index, line) in lines.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            let middle = Markup.coordinate(rowTop + rowHeight / 2)
            svg.append(
                "<text class=\"label\" x=\"\(Markup.coordinate(left - 8))\" y=\"\(middle)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Markup.escape(line.label))</text>"
            )
            guard line.figures.documents > 0, let rate = line.figures.reductionRate else {
                svg.append(
                    "<text class=\"none\" x=\"\(Markup.coordinate(left + 6))\" y=\"\(middle)\" dominant-baseline=\"middle\">\(line.mark.rawValue) 期間内の実績なし (no runs)</text>"
                )
                continue
            }
            let kind = line.mark == .met ? "met" : "below"
            let title = "\(line.label): \(NumberText.percent(rate)) \(line.mark.rawValue)"
            svg.append(
                "<rect class=\"bar \(kind)\" x=\"\(Markup.coordinate(left))\" y=\"\(Markup.coordinate(rowTop + 5))\" "
                    + "width=\"\(Markup.coordinate(x(rate) - left))\" height=\"\(Markup.coordinate(rowHeight - 10))\">"
                    + "<title>\(Markup.escape(title))</title></rect>")
            svg.append(
                "<text class=\"value\" x=\"\(Markup.coordinate(x(rate) + 6))\" y=\"\(middle)\" dominant-baseline=\"middle\">\(NumberText.percent(rate)) \(line.mark.rawValue)</text>"
            )
        }
        let tx = Markup.coordinate(x(target))
        svg.append(
            "<line class=\"target\" x1=\"\(tx)\" y1=\"\(Markup.coordinate(top - 6))\" x2=\"\(tx)\" y2=\"\(Markup.coordinate(height - 30))\"/>"
        )
        svg.append(
            "<text class=\"target-label\" x=\"\(tx)\" y=\"\(Markup.coordinate(top - 10))\" text-anchor=\"middle\">目標 \(NumberText.percent(target))</text>"
        )
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
