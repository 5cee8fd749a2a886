import CLeptonica

/// An RGB colour for annotations.
public struct Color: Sendable, Equatable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let green = Color(red: 0, green: 150, blue: 0)
    public static let red = Color(red: 220, green: 0, blue: 0)
    public static let blue = Color(red: 0, green: 90, blue: 220)

    var packed: UInt32 { UInt32(red) << 24 | UInt32(green) << 16 | UInt32(blue) << 8 }
}

/// Annotations on a colour copy of a page: for previews a form author reads at a glance.
extension Image {
    /// A 32-bit colour copy of the image, to draw on.
    public func colored() throws -> Image {
        try Image.wrap(pixConvertTo32(pix), "colour conversion")
    }

    /// Draws a rectangle's outline.
    public func draw(_ rect: Rect, color: Color, lineWidth: Int = 4) {
        var box = boxCreate(Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height))
        defer { boxDestroy(&box) }
        pixRenderBoxArb(pix, box, Int32(lineWidth), color.red, color.green, color.blue)
    }

    /// Paints a rectangle solid black: personal data hidden from an image shown to someone.
    public func blackOut(_ rect: Rect) {
        let inside = rect.intersection(bounds)
        guard !inside.isEmpty else { return }
        var box = boxCreate(Int32(inside.x), Int32(inside.y), Int32(inside.width), Int32(inside.height))
        defer { boxDestroy(&box) }
        // Clearing sets every bit to 0: black in gray and colour images alike.
        pixClearInRect(pix, box)
    }

    /// Writes a short ASCII label (Leptonica's bitmap font has no Japanese) with its top-left at a point.
    public func label(_ text: String, x: Int, y: Int, color: Color, size: Int = 20) {
        var font: UnsafeMutablePointer<L_BMF>? = bmfCreate(nil, Int32(size))
        guard font != nil else { return }
        defer { bmfDestroy(&font) }
        let ascii = String(text.unicodeScalars.filter { $0.isASCII }.map(Character.init))
        var width: Int32 = 0
        var overflow: Int32 = 0
        pixSetTextline(pix, font, ascii, color.packed, Int32(x), Int32(y + size), &width, &overflow)
    }
}
