import CLeptonica
import Foundation

/// The outer edges of a form's printed frame, in straightened page coordinates.
public struct FrameEdges: Sendable, Codable, Equatable {
    public var left: Double
    public var top: Double
    public var right: Double
    public var bottom: Double

    public init(left: Double, top: Double, right: Double, bottom: Double) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    public var width: Double { right - left }
    public var height: Double { bottom - top }
}

/// Finds a form's outer frame from its long ruled lines.
///
/// Every ink pixel is projected onto the straightened axes (the page is not rotated); a ruled line
/// then shows as a row or column whose ink count is close to the longest line's. The outermost such
/// rows and columns are the frame's outer edges.
public struct FrameFinder: Sendable {
    /// A row or column counts as ruled when its ink reaches this share of the fullest one.
    public var lineShare: Double = 0.5
    /// The longest line must span at least this share of the page for a frame to be found.
    public var minimumSpan: Double = 0.3

    public init() {}

    /// The frame of `ink` (1-bit) in the coordinates `straightening` maps its pixels to, or nil.
    public func find(in ink: Image, straightening: AffineMap) -> FrameEdges? {
        guard ink.depth == 1 else { return nil }
        let width = ink.width
        let height = ink.height
        let t = straightening
        // u = a·x + b·y + c ; v = d·x + e·y + f. The margin keeps bins non-negative.
        let margin =
            Int((Double(width + height) * (abs(t.b) + abs(t.d)) + abs(t.c) + abs(t.f)).rounded(.up)) + 2
        var columns = [Int](repeating: 0, count: width + 2 * margin)
        var rows = [Int](repeating: 0, count: height + 2 * margin)
        guard let data = pixGetData(ink.pix) else { return nil }
        let wordsPerLine = Int(pixGetWpl(ink.pix))
        // Rows: every row, a byte (8 pixels) at a time at the byte's centre (the skew moves a
        // byte's pixels by under 0.3 px). Columns: every 4th row, pixel by pixel; vertical lines
        // are long, so a quarter of their rows is plenty and each column keeps full precision.
        let rowStep = 4
        columns.withUnsafeMutableBufferPointer { columns in
            rows.withUnsafeMutableBufferPointer { rows in
                for y in 0..<height {
                    let line = data + y * wordsPerLine
                    let baseU = t.b * Double(y) + t.c + Double(margin)
                    let baseV = t.e * Double(y) + t.f + Double(margin)
                    let sampleColumns = y % rowStep == 0
                    for wordIndex in 0..<wordsPerLine {
                        let word = line[wordIndex]
                        if word == 0 { continue }
                        for byteIndex in 0..<4 {
                            let byte = (word >> UInt32(24 - 8 * byteIndex)) & 0xFF
                            if byte == 0 { continue }
                            let centre = Double(wordIndex * 32 + byteIndex * 8) + 3.5
                            let v = Int(baseV + t.d * centre)
                            if v >= 0 && v < rows.count { rows[v] += byte.nonzeroBitCount }
                        }
                        guard sampleColumns else { continue }
                        var bits = word
                        while bits != 0 {
                            let bit = bits.leadingZeroBitCount
                            bits &= ~(UInt32(0x8000_0000) >> UInt32(bit))
                            let u = Int(baseU + t.a * Double(wordIndex * 32 + bit))
                            if u >= 0 && u < columns.count { columns[u] += rowStep }
                        }
                    }
                }
            }
        }
        guard let (top, bottom) = outerLines(rows, minimum: Double(width) * minimumSpan),
            let (left, right) = outerLines(columns, minimum: Double(height) * minimumSpan)
        else { return nil }
        let offset = Double(margin)
        return FrameEdges(
            left: Double(left) - offset, top: Double(top) - offset,
            right: Double(right + 1) - offset, bottom: Double(bottom + 1) - offset)
    }

    /// The first and last bins whose count reaches `lineShare` of the largest, if that is long enough.
    private func outerLines(_ counts: [Int], minimum: Double) -> (Int, Int)? {
        guard let peak = counts.max(), Double(peak) >= minimum else { return nil }
        let threshold = Int(Double(peak) * lineShare)
        guard let first = counts.firstIndex(where: { $0 >= threshold }),
            let last = counts.lastIndex(where: { $0 >= threshold }), last > first
        else { return nil }
        return (first, last)
    }
}
