/// Inline SVG bar chart: hours saved per month, with the monthly target as a stepped line.
struct MonthlyChart {
    let months: [MonthPoint]

    private let width = 1000.0
    private let height = 340.0
    private let left = 64.0
    private let right = 16.0
    private let top = 28.0
    private let bottom = 56.0

    /// The `<svg>` element: one `rect.bar` per month and one `polyline.target` (two points per
    /// month that has a target).
    func render() -> String {
        guard !months.isEmpty else { return "<p class=\"empty\">No documents in this period.</p>" }
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let peak = months.map { max($0.hoursSaved, $0.targetHours ?? 0) }.max() ?? 0
        let scale = ChartScale(maximum: peak)
        let step = plotWidth / Double(months.count)
        func y(_ value: Double) -> Double { top + plotHeight - max(0, value) / scale.top * plotHeight }

        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart monthly\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
                + "role=\"img\" aria-label=\"削減時間 (月別) と目標\">"
        ]
        for tick in scale.ticks {
            let ty = Markup.coordinate(y(tick))
            svg.append(
                "<line class=\"grid\" x1=\"\(Markup.coordinate(left))\" y1=\"\(ty)\" x2=\"\(Markup.coordinate(width - right))\" y2=\"\(ty)\"/>"
            )
            svg.append(
                "<text class=\"tick\" x=\"\(Markup.coordinate(left - 6))\" y=\"\(ty)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(scale.label(tick))</text>"
            )
        }
        let labelEvery = months.count > 24 ? 3 : 1
        for (index, point) in months.enumerated() {
            let x = left + Double(index) * step
            let barTop = y(point.hoursSaved)
            let title =
                "\(point.month.key) \(point.month.japaneseLabel): \(NumberText.hours(point.hoursSaved)) h"
            svg.append(
                "<rect class=\"bar\" x=\"\(Markup.coordinate(x + step * 0.15))\" y=\"\(Markup.coordinate(barTop))\" "
                    + "width=\"\(Markup.coordinate(step * 0.7))\" height=\"\(Markup.coordinate(top + plotHeight - barTop))\">"
                    + "<title>\(Markup.escape(title))</title></rect>")
            if index % labelEvery == 0 {
                svg.append(
                    "<text class=\"tick\" x=\"\(Markup.coordinate(x + step / 2))\" y=\"\(Markup.coordinate(top + plotHeight + 16))\" text-anchor=\"middle\">\(point.month.month)月</text>"
                )
            }
            if point.month.month == 4 || index == 0 {
                let year = point.month.fiscalYear
                svg.append(
                    "<text class=\"year\" x=\"\(Markup.coordinate(x + 2))\" y=\"\(Markup.coordinate(top + plotHeight + 36))\">\(Markup.escape(year.japaneseLabel)) \(year.key)</text>"
                )
            }
        }
        let targetPoints = months.enumerated().compactMap { index, point -> String? in
            guard let target = point.targetHours else { return nil }
            let x = left + Double(index) * step
            let ty = Markup.coordinate(y(target))
            return "\(Markup.coordinate(x)),\(ty) \(Markup.coordinate(x + step)),\(ty)"
        }
        if !targetPoints.isEmpty {
            svg.append("<polyline class=\"target\" points=\"\(targetPoints.joined(separator: " "))\"/>")
        }
        svg.append(
            "<line class=\"axis\" x1=\"\(Markup.coordinate(left))\" y1=\"\(Markup.coordinate(top + plotHeight))\" x2=\"\(Markup.coordinate(width - right))\" y2=\"\(Markup.coordinate(top + plotHeight))\"/>"
        )
        svg.append("<text class=\"unit\" x=\"\(Markup.coordinate(left))\" y=\"16\">時間 (h)</text>")
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}

/// A y axis from 0 to a round number above the data, with about five ticks.
struct ChartScale {
    /// Top of the axis.
    let top: Double
    /// Tick values from 0 to `top`.
    let ticks: [Double]

    /// Picks a round step (1, 2 or 5 × 10ⁿ) so that the axis covers `maximum`.
    init(maximum: Double) {
        let raw = max(maximum, 1) / 5
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        let count = Int((max(maximum, 1) / step).rounded(.up))
        top = step * Double(max(count, 1))
        ticks = (0...max(count, 1)).map { Double($0) * step }
        wholeSteps = step >= 1
    }

    private let wholeSteps: Bool

    /// A tick's label: `1,200` for whole steps, `0.5` for small ones.
    func label(_ tick: Double) -> String {
        wholeSteps ? NumberText.count(Int(tick.rounded())) : NumberText.hours(tick)
    }
}
