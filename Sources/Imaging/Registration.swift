import Foundation

/// What registration knows of a blank form: its size, resolution, printed frame and print.
public struct TemplateGeometry: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int
    public var dpi: Int
    /// The frame's outer edges in template pixels, or nil for a form without a frame.
    public var frame: FrameEdges?
    /// The form's print, to line up a scan whose frame cannot be used; nil when not measured.
    public var print: TemplatePrint?

    public init(width: Int, height: Int, dpi: Int, frame: FrameEdges?, print: TemplatePrint? = nil) {
        self.width = width
        self.height = height
        self.dpi = dpi
        self.frame = frame
        self.print = print
    }

    /// How scans will be lined up with this form, in words for `rpa check`, and the problem when they
    /// cannot be (nil when they can).
    public var registration: (summary: String, problem: String?) {
        if frame != nil { return ("scans are lined up by the form's printed frame", nil) }
        let noFrame = String(
            format: "no printed frame spans %.0f%% of the page", FrameFinder().minimumSpan * 100)
        if print?.isUsable == true { return ("scans are lined up by the form's print (\(noFrame))", nil) }
        return (
            "scans cannot be lined up",
            "\(noFrame) and the template has too little print to line scans up by: every document would go to review as not_registered; use a scan of the whole blank form as the template"
        )
    }

    /// Measures a blank template image.
    public init(template: ScannedPage, finder: FrameFinder = FrameFinder()) {
        self.init(
            width: template.source.width, height: template.source.height, dpi: template.dpi,
            frame: finder.find(in: template.ink, straightening: template.deskew),
            print: try? TemplatePrint(ink: template.ink))
    }
}

/// How a scan lines up with its template: where template pixels land on the page.
public struct PageAlignment: Sendable, Codable, Equatable {
    /// How the alignment was found.
    public enum Method: String, Sendable, Codable {
        /// From the printed frame: shift, scale and rotation measured on the page.
        case frame
        /// No usable frame: the form's print lined up with the page's ink (``PrintRegistration``:
        /// shift and scale measured from four landmarks, skew corrected).
        case print
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
    /// Why the frame was not used, when `method` is `.resolutionOnly`; what was measured instead of
    /// believed, when `measuredDPI` is set.
    public var note: String?
    /// The page's true resolution as the frame measured it, when it differs from the one the file
    /// declared (or the loader assumed) by more than 10%: a scan without resolution metadata, or
    /// with metadata that lies. Nil when the declared resolution holds.
    public var measuredDPI: Int? = nil

    /// Template pixels → source page pixels: where a template point is in the scan file.
    /// A page read where it lies: template and page pixels are the same (a zone image read on its own).
    package static let unmoved = PageAlignment(
        method: .resolutionOnly, templateToStraightened: .identity, deskew: .identity, skewDegrees: 0)

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
    /// When the frame's scale disagrees with the declared resolution, the largest difference accepted
    /// between the share of the page the frame covers on the scan and on the template (the same
    /// paper read at another resolution covers the same share).
    public var maxShareError = 0.1
    /// The resolutions a measured scale may stand for.
    public var plausibleDPI = 100...1200
    /// How a page is lined up when no frame can be used.
    public var printRegistration = PrintRegistration()

    public init() {}

    /// Aligns `page` to `template` by their frames; when no frame can be used, by the form's print;
    /// by resolution alone when neither lines up.
    public func align(_ page: ScannedPage, to template: TemplateGeometry) -> PageAlignment {
        let resolutionScale = Double(page.dpi) / Double(template.dpi)
        let resolutionOnly = { (note: String) in
            PageAlignment(
                method: .resolutionOnly, templateToStraightened: .scale(resolutionScale, resolutionScale),
                deskew: page.deskew, skewDegrees: page.skewDegrees, note: note)
        }
        let fallback = { (why: String) in
            guard let print = template.print, print.isUsable else {
                return resolutionOnly(
                    why
                        + "; the template has too little print to line scans up by (its fault, not the scan's)"
                )
            }
            let fit = try? printRegistration.fit(page, print: print, scale: resolutionScale)
            guard let fit, fit.coverage >= printRegistration.minimumCoverage else {
                return resolutionOnly(
                    why
                        + String(
                            format:
                                "; nor does the form's print line up (%.0f%% of it found on the page): another form, a page cut off, or a scan at another resolution",
                            (fit?.coverage ?? 0) * 100))
            }
            return PageAlignment(
                method: .print, templateToStraightened: fit.templateToStraightened, deskew: page.deskew,
                skewDegrees: page.skewDegrees,
                note: String(
                    format: "lined up by the form's print (%.0f%% found): %@", fit.coverage * 100, why))
        }
        guard let templateFrame = template.frame else {
            return fallback("the template has no printed frame")
        }
        guard let frame = finder.find(in: page.ink, straightening: page.deskew) else {
            return fallback("no printed frame found on the page")
        }
        let sx = frame.width / templateFrame.width
        let sy = frame.height / templateFrame.height
        let outOfProportion = String(
            format: "the frame found is out of proportion (scale %.3f × %.3f)", sx, sy)
        guard sx.isFinite, sy.isFinite, sx > 0, sy > 0, abs(sx / sy - 1) <= maxAspectError else {
            return fallback(outOfProportion)
        }
        // The scale the frame shows is the page's true resolution against the template's; the file's
        // resolution is only believed when it agrees. A scale far from it is taken only when the frame
        // covers the same share of the page as on the template (the same paper at another resolution,
        // not some other ruled box), at a resolution a scanner could have used.
        let measured = template.dpi > 0 ? Double(template.dpi) * (sx + sy) / 2 : 0
        let agrees = sx / resolutionScale > 0.75 && sx / resolutionScale < 1.33
        if !agrees {
            guard sharesMatch(frame, page: page, templateFrame, template),
                measured.isFinite, plausibleDPI.contains(Int(measured.rounded()))
            else { return fallback(outOfProportion) }
        }
        let transform = AffineMap(
            a: sx, b: 0, c: frame.left - sx * templateFrame.left,
            d: 0, e: sy, f: frame.top - sy * templateFrame.top)
        var alignment = PageAlignment(
            method: .frame, templateToStraightened: transform, deskew: page.deskew,
            skewDegrees: page.skewDegrees, note: nil)
        if abs(sx / resolutionScale - 1) > 0.1 {
            let dpi = Int(measured.rounded())
            alignment.measuredDPI = dpi
            alignment.note =
                "resolution measured from the frame: \(dpi) dpi, not the \(page.dpi) declared or assumed"
        }
        return alignment
    }

    /// True when the frame spans about the same share of the page's width and height as the
    /// template's frame spans of the template.
    private func sharesMatch(
        _ frame: FrameEdges, page: ScannedPage, _ templateFrame: FrameEdges, _ template: TemplateGeometry
    ) -> Bool {
        guard page.source.width > 0, page.source.height > 0, template.width > 0, template.height > 0 else {
            return false
        }
        let width = (frame.width / Double(page.source.width)) / (templateFrame.width / Double(template.width))
        let height =
            (frame.height / Double(page.source.height)) / (templateFrame.height / Double(template.height))
        return abs(width - 1) <= maxShareError && abs(height - 1) <= maxShareError
    }
}
