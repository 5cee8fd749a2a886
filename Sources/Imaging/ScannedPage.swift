import CLeptonica
import Foundation

/// Options for preparing a scanned page.
public struct CleanupOptions: Sendable, Codable, Equatable {
    /// Find and correct the page's skew.
    public var deskew: Bool = true
    /// How gray pixels become ink.
    public var binarization: Binarization = .otsu
    /// A 3×3 median filter before binarisation, for noisy scans (it hurts clean thin print).
    public var despeckle: Bool = false

    public init(deskew: Bool = true, binarization: Binarization = .otsu, despeckle: Bool = false) {
        self.deskew = deskew
        self.binarization = binarization
        self.despeckle = despeckle
    }
}

/// A page ready for reading: its pixels as loaded, an ink (black-and-white) version, and the skew
/// that straightens it.
///
/// The page itself is never rotated or rescaled as a whole: zones are cut out first and only those
/// small crops are straightened and scaled, which keeps the time spent outside OCR small.
public final class ScannedPage {
    /// The page as loaded: 8-bit gray or 1-bit, at `dpi`.
    public let source: Image
    /// Ink (1) and paper (0), same geometry as `source`.
    public let ink: Image
    /// The page's resolution: the loaded page's, until registration measures another
    /// (`useMeasuredResolution`).
    public private(set) var dpi: Int
    /// The gray level at or below which a pixel is ink (nil for a 1-bit scan).
    public let inkThreshold: Int?
    /// The clockwise rotation in degrees that straightens the page (0 when none was found).
    public let skewDegrees: Double
    /// How sure the skew search was (Leptonica's score; below 2 the angle is not used).
    public let skewConfidence: Double
    /// The clean-up options the page was prepared with.
    public let options: CleanupOptions

    /// Prepares a loaded page: gray or 1-bit pixels, ink, and skew.
    public init(_ page: LoadedPage, options: CleanupOptions = CleanupOptions()) throws {
        self.options = options
        self.dpi = page.dpi
        var source = page.image
        if source.depth != 1 && source.depth != 8 || pixGetColormap(source.pix) != nil {
            source = try source.grayscale()
        }
        if options.despeckle { source = try source.medianFiltered() }
        source.setResolution(page.dpi)
        self.source = source
        if source.depth == 1 {
            ink = source
            inkThreshold = nil
        } else {
            let threshold = source.otsuThreshold()
            ink = try source.binarized(options.binarization, threshold: threshold)
            inkThreshold = threshold
        }
        let finder = SkewFinder()
        let skew = options.deskew ? finder.find(in: ink) : (degrees: 0, confidence: 0)
        let usable = skew.confidence >= finder.minimumConfidence && abs(skew.degrees) >= 0.05
        skewDegrees = usable ? skew.degrees : 0
        skewConfidence = skew.confidence
    }

    /// Takes the resolution registration measured from the printed frame (`PageAlignment.measuredDPI`)
    /// instead of the one the file declared, so whole-page reading tells Tesseract the true text size.
    public func useMeasuredResolution(_ dpi: Int) {
        guard dpi > 0 else { return }
        self.dpi = dpi
        source.setResolution(dpi)
        ink.setResolution(dpi)
    }

    /// Source pixels → straightened page coordinates: the deskew rotation about the page's centre,
    /// the same turn `straightenedGray()` makes, so its pixels share these coordinates.
    public var deskew: AffineMap {
        .rotation(
            skewDegrees * .pi / 180,
            about: Point(x: Double(source.width / 2), y: Double(source.height / 2)))
    }

    /// The whole page straightened, as 8-bit gray: for previews and whole-page reading.
    public func straightenedGray() throws -> Image {
        let gray = source.depth == 8 ? source : try source.grayscale()
        guard skewDegrees != 0 else { return gray }
        return try gray.rotated(degrees: skewDegrees)
    }
}
