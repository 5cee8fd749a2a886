import Foundation

/// What registration knows of a blank form: its size, resolution and printed frame.
public struct TemplateGeometry: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int
    public var dpi: Int
    /// The frame's outer edges in template pixels, or nil for a form without a frame.
    public var frame: FrameEdges?

    public init(width: Int, height: Int, dpi: Int, frame: FrameEdges?) {
        self.width = width
        self.height = height
        self.dpi = dpi
        self.frame = frame
    }

    /// Measures a blank template image.
    public init(template: ScannedPage, finder: FrameFinder = FrameFinder()) {
        self.init(
            width: template.source.width, height: template.source.height, dpi: template.dpi,
            frame: finder.find(in: template.ink, straightening: template.deskew))
    }
}

/// How a scan lines up with its template: where template pixels land on the page.
public struct PageAlignment: Sendable, Codable, Equatable {
    /// How the alignment was found.
    public enum Method: String, Sendable, Codable {
        /// From the printed frame: shift, scale and rotation measured on the page.
        case frame
        /// No usable frame: only the resolution difference and the skew are corrected.
        case resolutionOnly = "resolution-only"
    }

    public var method: Method
    /// Template pixels → straightened page pixels (scale and shift only).
    public var templateToStraightened: AffineMap
    /// Source page pixels → straightened page pixels (the deskew rotation).
    public var deskew: AffineMap
    /// The skew corrected, in degrees clockwise.
    public var skewDegrees: Double
    /// Why the frame was not used, when `method` is `.resolutionOnly`.
    public var note: String?

    /// Template pixels → source page pixels: where a template point is in the scan file.
    public var templateToSource: AffineMap {
        (deskew.inverted ?? .identity).concatenating(after: templateToStraightened)
    }

    /// The template rectangle's place on the straightened page.
    public func straightened(_ zone: Rect) -> Rect {
        templateToStraightened.apply(zone)
    }
}

/// Finds where a template's coordinates land on a scanned page.
public struct Registration: Sendable {
    public var finder = FrameFinder()
    /// The largest difference between horizontal and vertical scale accepted (scanners keep aspect).
    public var maxAspectError = 0.06

    public init() {}

    /// Aligns `page` to `template` by their frames, or by resolution alone when no frame is found.
    public func align(_ page: ScannedPage, to template: TemplateGeometry) -> PageAlignment {
        let resolutionScale = Double(page.dpi) / Double(template.dpi)
        let fallback = { (note: String) in
            PageAlignment(
                method: .resolutionOnly, templateToStraightened: .scale(resolutionScale, resolutionScale),
                deskew: page.deskew, skewDegrees: page.skewDegrees, note: note)
        }
        guard let templateFrame = template.frame else {
            return fallback("the template has no printed frame")
        }
        guard let frame = finder.find(in: page.ink, straightening: page.deskew) else {
            return fallback("no printed frame found on the page")
        }
        let sx = frame.width / templateFrame.width
        let sy = frame.height / templateFrame.height
        guard abs(sx / sy - 1) <= maxAspectError,
            sx / resolutionScale > 0.75, sx / resolutionScale < 1.33
        else {
            return fallback(
                String(format: "the frame found is out of proportion (scale %.3f × %.3f)", sx, sy))
        }
        let transform = AffineMap(
            a: sx, b: 0, c: frame.left - sx * templateFrame.left,
            d: 0, e: sy, f: frame.top - sy * templateFrame.top)
        return PageAlignment(
            method: .frame, templateToStraightened: transform, deskew: page.deskew,
            skewDegrees: page.skewDegrees, note: nil)
    }
}
