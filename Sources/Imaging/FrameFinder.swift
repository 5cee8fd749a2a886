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
        let margin = Int((Double(width + height) * (abs(t.b) + abs(t.d)) + abs(t.c) + abs(t.f)).rounded(.up)) + 2
        var columns = [Int](repeating: 0, count: width + 2 * margin)
        var rows = [Int](repeating: 0, count: height + 2 * margin)
        guard let data = pixGetData(ink.pix) else { return nil }
        let wordsPerLine = Int(pixGetWpl(ink.pix))
        columns.withUnsafeMutableBufferPointer { columns in
            rows.withUnsafeMutableBufferPointer { rows in
                for y in 0..<height {
                    let line = data + y * wordsPerLine
                    let baseU = t.b * Double(y) + t.c + Double(margin)
                    let baseV = t.e * Double(y) + t.f + Double(margin)
                    for wordIndex in 0..<wordsPerLine {
                        var word = line[wordIndex]
                        while word != 0 {
                            let bit = word.leadingZeroBitCount
                            word &= ~(UInt32(0x8000_0000) >> UInt32(bit))
                            let x = Double(wordIndex * 32 + bit)
                            let u = Int(baseU + t.a * x)
                            let v = Int(baseV + t.d * x)
                            if u >= 0 && u < columns.count { columns[u] += 1 }
                            if v >= 0 && v < rows.count { rows[v] += 1 }
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
