import CImaging
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
        // Pixels *below* the threshold become 1, as in Leptonica's pixThresholdToBinary.
        try Image.wrap(rpa_threshold_gray(pix, Int32(threshold + 1)), "binarisation")
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

    /// A 1-bit image without specks: 8-connected pieces of ink that fit in 2×2 pixels.
    ///
    /// Only the pieces' bounding boxes are found, and each small box is cleared: any two pixels of
    /// a 2×2 box touch, so the box holds nothing but its speck. That is half the time of keeping the
    /// large pieces by size (Leptonica's pixSelectBySize).
    public func despeckled() throws -> Image {
        let result = try copy()
        guard depth == 1 else { return result }
        var boxes = pixConnCompBB(pix, 8)
        guard boxes != nil else { throw ImagingError.operationFailed("despeckle") }
        defer { boxaDestroy(&boxes) }
        for index in 0..<boxaGetCount(boxes) {
            var x: Int32 = 0
            var y: Int32 = 0
            var w: Int32 = 0
            var h: Int32 = 0
            boxaGetBoxGeometry(boxes, index, &x, &y, &w, &h)
            guard w <= 2 && h <= 2 else { continue }
            pixRasterop(result.pix, x, y, w, h, PIX_CLR, nil, 0, 0)
        }
        return result
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
    ///
    /// Counted word by word, visiting only set bits (Leptonica's column count reads every pixel
    /// on its own and was a tenth of the time spent outside OCR).
    public func inkPerColumn() -> [Int] {
        var columns = [Int](repeating: 0, count: depth == 1 ? width : 0)
        columns.withUnsafeMutableBufferPointer { columns in
            forEachInkWord { _, wordIndex, word in
                var bits = word
                while bits != 0 {
                    let bit = bits.leadingZeroBitCount
                    bits &= ~(UInt32(0x8000_0000) >> UInt32(bit))
                    columns[wordIndex * 32 + bit] += 1
                }
            }
        }
        return columns
    }

    /// Ink pixels per row of a 1-bit image.
    public func inkPerRow() -> [Int] {
        var rows = [Int](repeating: 0, count: depth == 1 ? height : 0)
        rows.withUnsafeMutableBufferPointer { rows in
            forEachInkWord { y, _, word in rows[y] += word.nonzeroBitCount }
        }
        return rows
    }

    /// Calls `body(row, wordIndex, word)` for every 32-pixel word of a 1-bit image that holds ink,
    /// with the bits past the right edge cleared (pixel 0 is the word's most significant bit).
    private func forEachInkWord(_ body: (Int, Int, UInt32) -> Void) {
        guard depth == 1, let data = pixGetData(pix) else { return }
        let wordsPerLine = Int(pixGetWpl(pix))
        let fullWords = width / 32
        let tailBits = width % 32
        let tailMask = tailBits == 0 ? 0 : ~(UInt32.max >> UInt32(tailBits))
        for y in 0..<height {
            let line = data + y * wordsPerLine
            for wordIndex in 0..<fullWords where line[wordIndex] != 0 {
                body(y, wordIndex, line[wordIndex])
            }
            if tailBits != 0 {
                let word = line[fullWords] & tailMask
                if word != 0 { body(y, fullWords, word) }
            }
        }
    }
}
