import Foundation

/// A zone cut out of a page and straightened: its ink, for reading.
public struct ZoneImage {
    /// Ink (1) and paper (0) of the zone.
    public let ink: Image
    /// Where the zone lies on the straightened page.
    public let rect: Rect
}

extension ScannedPage {
    /// Cuts `rect` (straightened page coordinates) out of the page's ink.
    ///
    /// Only the zone's neighbourhood is rotated, never the whole page.
    public func extract(_ rect: Rect) throws -> ZoneImage {
        ZoneImage(ink: try cut(rect, from: ink), rect: rect)
    }

    /// Cuts `rect` out of the page as 8-bit gray: for review crops and previews.
    public func extractGray(_ rect: Rect) throws -> Image {
        let gray = source.depth == 8 ? source : try source.grayscale()
        return try cut(rect, from: gray)
    }

    private func cut(_ rect: Rect, from image: Image) throws -> Image {
        let toSource = deskew.inverted ?? .identity
        let pad = 4
        let sourceBox = toSource.apply(rect.insetBy(-pad)).intersection(image.bounds)
        guard !sourceBox.isEmpty else {
            throw ImagingError.operationFailed("zone \(rect) lies outside the page")
        }
        var crop = try image.cropped(to: sourceBox)
        var local = Rect(
            x: rect.x - sourceBox.x, y: rect.y - sourceBox.y, width: rect.width, height: rect.height)
        if skewDegrees != 0 {
            crop = try crop.rotated(degrees: skewDegrees)
            // The crop turns about its own centre c: a page point p lands at D(p) − D(c) + c − origin.
            let center = Point(
                x: Double(sourceBox.x + sourceBox.width / 2), y: Double(sourceBox.y + sourceBox.height / 2))
            let turned = deskew.apply(center)
            local.x = Int((Double(rect.x) - turned.x + center.x - Double(sourceBox.x)).rounded())
            local.y = Int((Double(rect.y) - turned.y + center.y - Double(sourceBox.y)).rounded())
        }
        return try crop.cropped(to: local)
    }
}
