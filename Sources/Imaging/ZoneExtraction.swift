import Foundation

/// A zone cut out of a page, straightened: gray pixels for recognition and ink for analysis.
public struct ZoneImage {
    /// 8-bit gray pixels of the zone.
    public let gray: Image
    /// Ink (1) and paper (0) of the same pixels.
    public let ink: Image
    /// Where the zone lies on the straightened page.
    public let rect: Rect
}

extension ScannedPage {
    /// Cuts `rect` (straightened page coordinates) out of the page.
    ///
    /// Only the zone's neighbourhood is converted and rotated, never the whole page.
    public func extract(_ rect: Rect) throws -> ZoneImage {
        let toSource = deskew.inverted ?? .identity
        let pad = 4
        let sourceBox = toSource.apply(rect.insetBy(-pad)).intersection(source.bounds)
        guard !sourceBox.isEmpty else {
            throw ImagingError.operationFailed("zone \(rect) lies outside the page")
        }
        var gray = try source.cropped(to: sourceBox)
        if gray.depth != 8 { gray = try gray.grayscale() }
        var local = Rect(
            x: rect.x - sourceBox.x, y: rect.y - sourceBox.y, width: rect.width, height: rect.height)
        if skewDegrees != 0 {
            gray = try gray.rotated(degrees: skewDegrees)
            // The crop turns about its own centre c: a page point p lands at R·p − R·c + c − origin.
            let center = Point(
                x: Double(sourceBox.x + sourceBox.width / 2), y: Double(sourceBox.y + sourceBox.height / 2))
            let turned = deskew.apply(center)
            local.x = Int((Double(rect.x) - turned.x + center.x - Double(sourceBox.x)).rounded())
            local.y = Int((Double(rect.y) - turned.y + center.y - Double(sourceBox.y)).rounded())
        }
        let zoneGray = try gray.cropped(to: local)
        let zoneInk =
            source.depth == 1
            ? try zoneGray.thresholded(at: 127)
            : try zoneGray.binarized(options.binarization, threshold: inkThreshold)
        return ZoneImage(gray: zoneGray, ink: zoneInk, rect: rect)
    }
}
