import Foundation

/// A blank form's print (ruling, labels, boxes) as points to line a scan up with, when the form has
/// no printed frame registration can use (a small table, a form of labels and lines): the centres of
/// its ink cells at three sizes, coarse to fine, each thinned to at most its share of ``limits``.
public struct TemplatePrint: Sendable, Codable, Equatable {
    /// Template pixels per cell side at each step, coarse to fine.
    public static let cells = [16, 4, 1]
    /// The most points kept at each step: enough to place each quarter of a page within a pixel,
    /// few enough that a search takes milliseconds.
    static let limits = [2_000, 8_000, 12_000]
    /// For each cell size, the centres of its ink cells in template pixels.
    public var points: [[Point]]

    public init(ink: Image) throws {
        points = try zip(Self.cells, Self.limits).map { cell, limit in
            let grid = try InkGrid(ink: ink, cell: cell)
            let inked = grid.inkIndices
            let step = max(1, (inked.count + limit - 1) / limit)
            return stride(from: 0, to: inked.count, by: step).map { index in
                let cellIndex = inked[index]
                return Point(
                    x: (Double(cellIndex % grid.columns) + 0.5) * Double(cell),
                    y: (Double(cellIndex / grid.columns) + 0.5) * Double(cell))
            }
        }
    }

    /// Whether there is enough print to line a scan up with.
    public var isUsable: Bool { (points.last?.count ?? 0) >= PrintRegistration.minimumPoints }
}

/// Lines a scan up with its blank form by the form's print, when no printed frame can be used.
///
/// First the whole print is moved over the scan's ink (its skew corrected, at its resolution) in
/// 16-pixel cells, up to ``range`` each way. Then each quarter of the print, a landmark of its own
/// (labels, line crossings, the corners of cells), is moved on its own in 4-pixel cells and then
/// pixel by pixel: where the four quarters land gives the page's scale on each axis and its shift
/// (a scanner stretches paper by a percent or two). The fit's coverage is the share of the whole
/// print it puts on ink within a pixel.
public struct PrintRegistration: Sendable {
    /// The fewest points of print, in single pixels, a form needs (a few labels' worth).
    static let minimumPoints = 2_000
    /// How far a scan may lie from where its resolution puts it, in template pixels (32 mm at 300 dpi).
    public var range = 384.0
    /// The share of the form's print that must lie on ink within a pixel.
    public var minimumCoverage = 0.9
    /// The largest difference between the measured scale and the resolution's.
    public var maxScaleError = 0.05

    public init() {}

    /// What the search found: the template → straightened-page transform, and how much of the print
    /// it puts on ink within a pixel.
    public struct Fit: Sendable {
        public var templateToStraightened: AffineMap
        public var coverage: Double
    }

    /// The page's ink at one cell size, grown by `grown` cells, with where template points land on it.
    private struct Grid {
        let near: InkGrid
        let cell: Double
        /// Straightened page → source pixels.
        let unturn: AffineMap

        init(_ page: ScannedPage, cell: Int, grown: Int = 1) throws {
            near = try InkGrid(ink: page.ink, cell: cell, grown: grown)
            self.cell = Double(cell)
            unturn = page.deskew.inverted ?? .identity
        }

        /// How many of `points` (template pixels) `map` puts on ink.
        func count(_ points: [Point], _ map: AffineMap) -> Int {
            let toSource = unturn.concatenating(after: map)
            var count = 0
            for point in points {
                let p = toSource.apply(point)
                if near[Int((p.x / cell).rounded(.down)), Int((p.y / cell).rounded(.down))] { count += 1 }
            }
            return count
        }

        /// The shift within `reach` of `map`'s, by `step`, that puts most of `points` on ink. Print
        /// drawn bolder on the scan than on the blank fits at several neighbouring shifts alike: the
        /// middle of those near the best is taken, not the first found.
        func bestShift(_ points: [Point], around map: AffineMap, reach: Double, step: Double) -> AffineMap {
            var tried: [(count: Int, dx: Double, dy: Double)] = []
            for dy in stride(from: -reach, through: reach, by: step) {
                for dx in stride(from: -reach, through: reach, by: step) {
                    var moved = map
                    moved.c += dx
                    moved.f += dy
                    tried.append((count(points, moved), dx, dy))
                }
            }
            guard let best = tried.max(by: { $0.count < $1.count }), best.count > 0 else { return map }
            let plateau = tried.filter {
                Double($0.count) >= 0.99 * Double(best.count) && abs($0.dx - best.dx) <= 3 * step
                    && abs($0.dy - best.dy) <= 3 * step
            }
            var moved = map
            moved.c += plateau.map(\.dx).reduce(0, +) / Double(plateau.count)
            moved.f += plateau.map(\.dy).reduce(0, +) / Double(plateau.count)
            return moved
        }
    }

    /// The best fit of `print` on `page`, with `scale` template → page pixels by the resolution.
    public func fit(_ page: ScannedPage, print: TemplatePrint, scale: Double) throws -> Fit {
        let coarse = try Grid(page, cell: TemplatePrint.cells[0])
        let global = coarse.bestShift(
            print.points[0], around: .scale(scale, scale), reach: range, step: Double(TemplatePrint.cells[0]))
        // Each quarter of the print, about its middle, lined up on its own.
        let fine = print.points[2]
        guard !fine.isEmpty else { return Fit(templateToStraightened: global, coverage: 0) }
        let middle = Point(x: fine.map(\.x).mean, y: fine.map(\.y).mean)
        let quarter = { (point: Point) in (point.x < middle.x ? 0 : 1) + (point.y < middle.y ? 0 : 2) }
        let medium = try Grid(page, cell: TemplatePrint.cells[1])
        // Pixel by pixel the ink is taken as it is: grown, every shift within a pixel would fit.
        let single = try Grid(page, cell: TemplatePrint.cells[2], grown: 0)
        // A quarter's shift is measured where its print says most about it (a long line says nothing
        // along itself), not at its middle: at another scale than the fit's, the two differ by the
        // scale error times their distance. Lined up again at the scale found, the error shrinks
        // with the scale's: after three rounds every committed A4 sample is within 4 px of where the
        // generator put it, across the page.
        var map = global
        for round in 0..<3 {
            var landmarks: [(template: Point, page: Point)] = []
            for index in 0..<4 {
                let finePoints = fine.filter { quarter($0) == index }
                guard finePoints.count >= Self.minimumPoints / 8 else { continue }
                var local = map
                if round == 0 {
                    local = medium.bestShift(
                        print.points[1].filter { quarter($0) == index }, around: map, reach: 24, step: 4)
                }
                local = single.bestShift(finePoints, around: local, reach: 4, step: 1)
                let centre = Point(x: finePoints.map(\.x).mean, y: finePoints.map(\.y).mean)
                landmarks.append((centre, local.apply(centre)))
            }
            guard let x = Self.line(landmarks.map { ($0.template.x, $0.page.x) }),
                let y = Self.line(landmarks.map { ($0.template.y, $0.page.y) })
            else { break }
            // A first round's scale may overshoot (its landmarks were measured at the resolution's
            // scale): it is held within `maxScaleError` and the next round measures again.
            let (sx, sy) = (clampScale(x.slope, scale), clampScale(y.slope, scale))
            map = AffineMap(
                a: sx, b: 0, c: x.offset + (x.slope - sx) * landmarks.map(\.template.x).mean,
                d: 0, e: sy, f: y.offset + (y.slope - sy) * landmarks.map(\.template.y).mean)
        }
        let near = try Grid(page, cell: TemplatePrint.cells[2])
        return Fit(templateToStraightened: map, coverage: Double(near.count(fine, map)) / Double(fine.count))
    }

    /// `measured` held within `maxScaleError` of `scale`.
    private func clampScale(_ measured: Double, _ scale: Double) -> Double {
        min(max(measured, scale * (1 - maxScaleError)), scale * (1 + maxScaleError))
    }

    /// The least-squares line y = slope·x + offset through `pairs`, when they are spread along x.
    static func line(_ pairs: [(Double, Double)]) -> (slope: Double, offset: Double)? {
        guard pairs.count >= 2 else { return nil }
        let meanX = pairs.map(\.0).mean
        let meanY = pairs.map(\.1).mean
        let spread = pairs.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
        guard spread > 1 else { return nil }
        let slope = pairs.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +) / spread
        return (slope, meanY - slope * meanX)
    }
}

extension [Double] {
    fileprivate var mean: Double { isEmpty ? 0 : reduce(0, +) / Double(count) }
}
