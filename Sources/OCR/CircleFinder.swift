import Imaging

/// Finds the option of a pick-one field that a person circled (○ around its box and label) instead of
/// ticking its box, as many Japanese forms ask (「該当するものに○」).
///
/// Each option owns the strip from just left of its box to just before the next option's box (the
/// last one as far as the options' usual pitch). A ring around an option leaves ink both above and
/// below its row inside that strip; printed labels and boxes stay within the row. For each option the
/// finder measures the share of the strip's columns with ink above the row and, separately, below it,
/// and keeps the smaller: a ring covers both. Ruled lines are left out: a row where every option's
/// strip holds ink is a line of the form, and the search outwards stops there, so writing in the
/// next cell is never seen. Measured on the calibration hands (`--hand calibration`, seeds 9201–9203,
/// 45 circled fields): a circled option covers 0.64–0.88 of its strip, every other option 0–0.02
/// (two rings on one faint JPEG page, drawn lighter than the page's threshold, covered 0.01 and 0.06).
package struct CircleFinder: Sendable {
    /// A strip covered at least this much above and below is circled.
    package var circledAbove = 0.4
    /// Every other strip must stay below this: otherwise the evidence is not one ring.
    package var clearBelow = 0.1

    package init() {}

    /// The rectangle (page coordinates) `coverage(in:boxes:)` needs around `boxes`: the options' strips
    /// with room for a ring above and below.
    package static func band(around boxes: [Rect]) -> Rect? {
        guard let first = boxes.first else { return nil }
        let strips = strips(of: boxes)
        let height = median(boxes.map(\.height))
        let top = boxes.map(\.y).min() ?? first.y
        let bottom = boxes.map(\.maxY).max() ?? first.maxY
        let left = strips.map(\.lowerBound).min() ?? first.x
        let right = strips.map(\.upperBound).max() ?? first.maxX
        let reach = Int(Double(height) * 1.3)
        return Rect(x: left, y: top - reach, width: right - left, height: bottom - top + 2 * reach)
    }

    /// For each box (page coordinates), the share of its strip's columns with ink both above and below
    /// its row; `band` is the ink of the rectangle `area`, `band(around: boxes)`.
    package func coverage(in band: Image, area: Rect, boxes: [Rect]) throws -> [Double] {
        let strips = Self.strips(of: boxes).map { strip in
            max(0, strip.lowerBound - area.x)..<min(band.width, strip.upperBound - area.x)
        }
        guard strips.count >= 2, strips.allSatisfy({ !$0.isEmpty }) else {
            return boxes.map { _ in 0 }
        }
        let columnsOf = try strips.map {
            try band.cropped(to: Rect(x: $0.lowerBound, y: 0, width: $0.count, height: band.height))
        }
        let rowShares = columnsOf.map { strip in strip.inkPerRow().map { Double($0) / Double(strip.width) } }
        // A row where every strip holds ink is a ruled line (grown by 3 rows for its fringe).
        let ruled = (0..<band.height).map { row in rowShares.allSatisfy { $0[row] >= 0.4 } }
        let isLine = (0..<band.height).map { row in
            ((row - 3)...(row + 3)).contains { $0 >= 0 && $0 < band.height && ruled[$0] }
        }
        let gap = Int(Double(Self.median(boxes.map(\.height))) * 0.1)
        return try zip(boxes, zip(strips, columnsOf)).map { box, pair in
            let (strip, image) = pair
            let standing = Set(
                image.inkPerColumn().enumerated().filter { Double($0.element) >= 0.7 * Double(band.height) }
                    .map(\.offset))
            let rowTop = box.y - area.y - gap
            let rowBottom = box.maxY - area.y + gap
            var above = rowTop
            while above > 0 && !isLine[above - 1] { above -= 1 }
            var below = rowBottom
            while below < band.height && !isLine[below] { below += 1 }
            func covered(_ rows: Range<Int>) throws -> Double {
                guard rows.count > 0 else { return 0 }
                let columns = try image.cropped(
                    to: Rect(x: 0, y: rows.lowerBound, width: strip.count, height: rows.count)
                ).inkPerColumn()
                let counted = columns.indices.filter { !standing.contains($0) }
                guard !counted.isEmpty else { return 0 }
                return Double(counted.filter { columns[$0] > 0 }.count) / Double(counted.count)
            }
            return min(
                try covered(above..<max(above, rowTop)), try covered(min(rowBottom, below)..<below))
        }
    }

    /// The one circled option, or nil when no single ring stands out: one strip covered at least
    /// `circledAbove`, every other below `clearBelow`.
    package func circled(_ coverage: [Double]) -> Int? {
        guard let best = coverage.indices.max(by: { coverage[$0] < coverage[$1] }),
            coverage[best] >= circledAbove,
            coverage.indices.allSatisfy({ $0 == best || coverage[$0] < clearBelow })
        else { return nil }
        return best
    }

    /// Each box's strip of columns (page coordinates): from half a box left of it to just before the
    /// next box on its row, or as far as the row's usual pitch for the last one.
    static func strips(of boxes: [Rect]) -> [Range<Int>] {
        let width = median(boxes.map(\.width))
        let height = median(boxes.map(\.height))
        func sameRow(_ a: Rect, _ b: Rect) -> Bool { abs(a.y - b.y) < height / 2 }
        let pitches = boxes.compactMap { box in
            boxes.filter { sameRow($0, box) && $0.x > box.x }.map(\.x).min().map { $0 - box.x }
        }
        let pitch = pitches.isEmpty ? 4 * width : median(pitches)
        return boxes.map { box in
            let next = boxes.filter { sameRow($0, box) && $0.x > box.x }.map(\.x).min() ?? box.x + pitch
            let start = box.x - width / 2
            return start..<max(start + 1, next - width * 3 / 10)
        }
    }

    private static func median(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
