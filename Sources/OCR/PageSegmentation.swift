import CTesseract

/// Tesseract's page segmentation modes that make sense for form fields.
public enum PageSegmentation: Int, Sendable, Codable, CaseIterable {
    /// Find blocks and lines automatically: a whole page (the `tesseract` command's default).
    case auto = 3
    /// One column of text of unknown layout.
    case singleColumn = 4
    /// One uniform block of text: a multi-line zone such as an address.
    case block = 6
    /// Exactly one line of text: most form fields.
    case singleLine = 7
    /// One word.
    case singleWord = 8
    /// Scattered text in no particular order.
    case sparse = 11

    var tesseractMode: TessPageSegMode { TessPageSegMode(rawValue: UInt32(rawValue)) }
}
