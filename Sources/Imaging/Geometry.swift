import Foundation

/// An axis-aligned rectangle in pixels: the unit of zones, crops and boxes.
public struct Rect: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Parses `x,y,w,h` as written on the command line.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let x = parts[0], let y = parts[1], let w = parts[2], let h = parts[3],
            w > 0, h > 0
        else { return nil }
        self.init(x: x, y: y, width: w, height: h)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var area: Int { width * height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The part of this rectangle inside `other`; empty when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// The rectangle grown by `amount` pixels on every side (shrunk when negative).
    public func insetBy(_ amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    public var description: String { "\(x),\(y),\(width),\(height)" }
}

/// A point in pixels, with fractional precision for geometric transforms.
public struct Point: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public func distance(to other: Point) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }
}

/// A 2×3 affine transform `(x, y) ↦ (a·x + b·y + c, d·x + e·y + f)`.
public struct AffineMap: Hashable, Sendable, Codable {
    public var a, b, c, d, e, f: Double

    public init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.e = e
        self.f = f
    }

    public static let identity = AffineMap(a: 1, b: 0, c: 0, d: 0, e: 1, f: 0)

    /// Uniform or per-axis scaling about the origin.
    public static func scale(_ sx: Double, _ sy: Double) -> AffineMap {
        AffineMap(a: sx, b: 0, c: 0, d: 0, e: sy, f: 0)
    }

    /// Translation by `(dx, dy)`.
    public static func translation(_ dx: Double, _ dy: Double) -> AffineMap {
        AffineMap(a: 1, b: 0, c: dx, d: 0, e: 1, f: dy)
    }

    /// Rotation by `radians` about `center`, clockwise on screen (y grows downwards).
    public static func rotation(_ radians: Double, about center: Point) -> AffineMap {
        let cosA = cos(radians)
        let sinA = sin(radians)
        return AffineMap(
            a: cosA, b: -sinA, c: center.x - cosA * center.x + sinA * center.y,
            d: sinA, e: cosA, f: center.y - sinA * center.x - cosA * center.y)
    }

    public func apply(_ p: Point) -> Point {
        Point(x: a * p.x + b * p.y + c, y: d * p.x + e * p.y + f)
    }

    /// `self` after `other`: first `other`, then `self`.
    public func concatenating(after other: AffineMap) -> AffineMap {
        AffineMap(
            a: a * other.a + b * other.d, b: a * other.b + b * other.e, c: a * other.c + b * other.f + c,
            d: d * other.a + e * other.d, e: d * other.b + e * other.e, f: d * other.c + e * other.f + f)
    }

    /// The inverse transform, or nil when the matrix is singular.
    public var inverted: AffineMap? {
        let det = a * e - b * d
        guard abs(det) > 1e-12 else { return nil }
        return AffineMap(
            a: e / det, b: -b / det, c: (b * f - e * c) / det,
            d: -d / det, e: a / det, f: (d * c - a * f) / det)
    }

    /// The bounding rectangle of `rect`'s four transformed corners, rounded outwards.
    public func apply(_ rect: Rect) -> Rect {
        let corners = [
            Point(x: Double(rect.x), y: Double(rect.y)), Point(x: Double(rect.maxX), y: Double(rect.y)),
            Point(x: Double(rect.x), y: Double(rect.maxY)), Point(x: Double(rect.maxX), y: Double(rect.maxY)),
        ].map(apply)
        let xs = corners.map(\.x)
        let ys = corners.map(\.y)
        let minX = Int((xs.min() ?? 0).rounded(.down))
        let minY = Int((ys.min() ?? 0).rounded(.down))
        let maxX = Int((xs.max() ?? 0).rounded(.up))
        let maxY = Int((ys.max() ?? 0).rounded(.up))
        return Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }
}
