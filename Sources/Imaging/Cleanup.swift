import CLeptonica
import Foundation

/// How gray pixels become black and white.
public enum Binarization: String, Sendable, Codable, CaseIterable {
    /// One threshold for the whole page (Otsu's method): fast, right for evenly lit scans.
    case otsu
    /// A local threshold per neighbourhood (Sauvola): for shadows, stains and uneven lighting.
    case sauvola
}

/// Clean-up operations. Each returns a new image and leaves the receiver unchanged.
extension Image {
    /// The image as 8-bit gray: black-and-white and colour scans alike.
    public func grayscale() throws -> Image {
        switch depth {
        case 8:
            if pixGetColormap(pix) != nil {
                return try Image.wrap(
                    pixRemoveColormap(pix, Int32(REMOVE_CMAP_TO_GRAYSCALE)), "gray conversion")
            }
            return try copy()
        case 1:
            return try Image.wrap(pixConvert1To8(nil, pix, 255, 0), "gray conversion")
        case 32:
            return try Image.wrap(pixConvertRGBToLuminance(pix), "gray conversion")
        default:
            return try Image.wrap(pixConvertTo8(pix, 0), "gray conversion")
        }
    }

    /// Otsu's threshold for an 8-bit image, from a sampled histogram (every 4th pixel each way).
    public func otsuThreshold() -> Int {
        guard depth == 8 else { return 128 }
        var histogram: UnsafeMutablePointer<NUMA>? = pixGetGrayHistogram(pix, 4)
        guard histogram != nil else { return 128 }
        defer { numaDestroy(&histogram) }
        var split: Int32 = 128
        var mean1: Float = 0
        var mean2: Float = 0
        var count1: Float = 0
        var count2: Float = 0
        _ = numaSplitDistribution(histogram, 0, &split, &mean1, &mean2, &count1, &count2, nil)
        return Int(split)
    }

    /// Black and white (1 = ink) from an 8-bit image: pixels at or below `threshold` become ink.
    public func thresholded(at threshold: Int) throws -> Image {
        // pixThresholdToBinary sets pixels *below* the threshold to 1.
        try Image.wrap(pixThresholdToBinary(pix, Int32(threshold + 1)), "binarisation")
    }

    /// Black and white (1 = ink) by the chosen method; 1-bit images are returned as a copy.
    public func binarized(_ method: Binarization, threshold: Int? = nil) throws -> Image {
        if depth == 1 { return try copy() }
        let gray = depth == 8 ? self : try grayscale()
        switch method {
        case .otsu:
            return try gray.thresholded(at: threshold ?? gray.otsuThreshold())
        case .sauvola:
            let window = max(2, min(25, (min(width, height) - 3) / 2))
            var result: UnsafeMutablePointer<PIX>?
            guard pixSauvolaBinarizeTiled(gray.pix, Int32(window), 0.35, 1, 1, nil, &result) == 0 else {
                throw ImagingError.operationFailed("Sauvola binarisation")
            }
            return try Image.wrap(result, "Sauvola binarisation")
        }
    }

    /// A 3×3 median filter on gray pixels: removes salt-and-pepper noise before binarisation. Use it
    /// only on noisy scans; on clean thin print it erodes strokes.
    public func medianFiltered() throws -> Image {
        let gray = depth == 8 ? self : try grayscale()
        return try Image.wrap(pixMedianFilter(gray.pix, 3, 3), "median filter")
    }

    /// A 1-bit image without connected specks smaller than `minSize` pixels in both directions.
    public func despeckled(minSize: Int = 3) throws -> Image {
        guard depth == 1 else { return try copy() }
        return try Image.wrap(
            pixSelectBySize(
                pix, Int32(minSize), Int32(minSize), 8, Int32(L_SELECT_IF_EITHER),
                Int32(L_SELECT_IF_GTE), nil),
            "despeckle")
    }

    /// The image rotated by `degrees` clockwise about its centre, same size, white brought in.
    /// Gray images are interpolated (area mapping); 1-bit images are sheared, which is fast and
    /// exact enough for the few degrees a scanner skews a page.
    public func rotated(degrees: Double) throws -> Image {
        let method = depth == 1 ? L_ROTATE_SHEAR : L_ROTATE_AREA_MAP
        return try Image.wrap(
            pixRotate(
                pix, Float(degrees * .pi / 180), Int32(method),
                Int32(L_BRING_IN_WHITE), 0, 0),
            "rotation")
    }

    /// The image scaled by `factor` (area averaging when shrinking, interpolation when growing).
    public func scaled(by factor: Double) throws -> Image {
        try scaled(x: factor, y: factor)
    }

    /// The image scaled by separate horizontal and vertical factors.
    public func scaled(x: Double, y: Double) throws -> Image {
        try Image.wrap(pixScale(pix, Float(x), Float(y)), "scaling")
    }

    /// The image resampled by `factor` without sharpening: area averaging when shrinking, linear
    /// interpolation when growing. For crops made from clean ink, where sharpening only adds halos.
    public func resampled(by factor: Double) throws -> Image {
        let f = Float(factor)
        if depth == 8 && factor < 1 { return try Image.wrap(pixScaleAreaMap(pix, f, f), "scaling") }
        if depth == 8 { return try Image.wrap(pixScaleGrayLI(pix, f, f), "scaling") }
        return try scaled(by: factor)
    }

    /// The part of the image inside `rect`, clipped to the image.
    public func cropped(to rect: Rect) throws -> Image {
        let clipped = rect.intersection(bounds)
        guard !clipped.isEmpty else { throw ImagingError.operationFailed("crop outside the page (\(rect))") }
        var box = boxCreate(Int32(clipped.x), Int32(clipped.y), Int32(clipped.width), Int32(clipped.height))
        defer { boxDestroy(&box) }
        return try Image.wrap(pixClipRectangle(pix, box, nil), "crop")
    }

    /// A 1-bit image with long horizontal and vertical strokes (ruled box lines) erased.
    ///
    /// A stroke counts as a line when it runs at least `minLength` pixels; glyph strokes are shorter.
    public func removingLines(minLength: Int) throws -> Image {
        guard depth == 1 else { return try copy() }
        let length = Int32(max(3, minLength))
        // Composite bricks (DWA) make long structuring elements cheap.
        let horizontal = try Image.wrap(pixOpenCompBrickDwa(nil, pix, length, 1), "line detection")
        let vertical = try Image.wrap(pixOpenCompBrickDwa(nil, pix, 1, length), "line detection")
        let lines = try Image.wrap(pixOr(nil, horizontal.pix, vertical.pix), "line detection")
        // Grow the lines a little so their anti-aliased fringe goes too.
        let grown = try Image.wrap(pixDilateBrick(nil, lines.pix, 3, 3), "line detection")
        return try Image.wrap(pixSubtract(nil, pix, grown.pix), "line removal")
    }

    /// A 1-bit image without the ink connected to its edges: pieces of box lines or of a neighbouring
    /// field cut by the crop.
    public func removingBorderInk() throws -> Image {
        guard depth == 1 else { return try copy() }
        return try Image.wrap(pixRemoveBorderConnComps(pix, 8), "border clean-up")
    }

    /// The number of ink pixels of a 1-bit image.
    public var inkPixelCount: Int {
        guard depth == 1 else { return 0 }
        var count: Int32 = 0
        pixCountPixels(pix, &count, nil)
        return Int(count)
    }

    /// The smallest rectangle holding every ink pixel of a 1-bit image, or nil when it has none.
    public var inkBounds: Rect? {
        guard depth == 1 else { return nil }
        var box: UnsafeMutablePointer<BOX>?
        guard pixClipToForeground(pix, nil, &box) == 0, box != nil else { return nil }
        defer { boxDestroy(&box) }
        var x: Int32 = 0
        var y: Int32 = 0
        var w: Int32 = 0
        var h: Int32 = 0
        boxGetGeometry(box, &x, &y, &w, &h)
        return Rect(x: Int(x), y: Int(y), width: Int(w), height: Int(h))
    }

    /// Ink pixels per column of a 1-bit image.
    public func inkPerColumn() -> [Int] {
        depth == 1 ? Self.integers(pixCountPixelsByColumn(pix)) : []
    }

    /// Ink pixels per row of a 1-bit image.
    public func inkPerRow() -> [Int] {
        depth == 1 ? Self.integers(pixCountPixelsByRow(pix, nil)) : []
    }

    /// The values of a Leptonica number array, which is then destroyed.
    private static func integers(_ array: UnsafeMutablePointer<NUMA>?) -> [Int] {
        var array = array
        guard array != nil else { return [] }
        defer { numaDestroy(&array) }
        return (0..<numaGetCount(array)).map { index in
            var value: Int32 = 0
            numaGetIValue(array, index, &value)
            return Int(value)
        }
    }
}
