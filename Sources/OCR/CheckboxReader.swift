import Imaging

/// What was read in a checkbox.
public struct CheckboxReading: Sendable, Codable, Equatable {
    /// Whether the box is ticked.
    public var checked: Bool
    /// The share of dark pixels inside the box (its border excluded), 0–1.
    public var fill: Double
    /// How far the fill is from the undecided middle, 0–100: low means a person should look.
    public var confidence: Double
    /// True when the option was circled by hand rather than its box ticked (`fill` is then the share
    /// of the option's strip the ring covers, see ``CircleFinder``); nil for a box read as usual.
    public var circled: Bool? = nil

    public init(checked: Bool, fill: Double, confidence: Double, circled: Bool? = nil) {
        self.checked = checked
        self.fill = fill
        self.confidence = confidence
        self.circled = circled
    }
}

/// Reads a checkbox by the share of dark pixels inside it (optical mark recognition).
///
/// The box's border is excluded by looking only at its inner part. A fill at or below `emptyBelow` is
/// surely empty, at or above `checkedAbove` surely ticked; in between the confidence falls towards 0
/// at the midpoint, so faint or stray marks go to review instead of being guessed.
public struct CheckboxReader: Sendable {
    public var emptyBelow: Double = 0.03
    public var checkedAbove: Double = 0.10
    /// The share of the box's width and height dropped on each side to skip its printed border.
    public var borderShare: Double = 0.18

    public init() {}

    public func read(_ zone: ZoneImage) throws -> CheckboxReading {
        let insetX = Int(Double(zone.ink.width) * borderShare)
        let insetY = Int(Double(zone.ink.height) * borderShare)
        let inner = Rect(
            x: insetX, y: insetY, width: zone.ink.width - 2 * insetX, height: zone.ink.height - 2 * insetY)
        guard !inner.isEmpty else { return CheckboxReading(checked: false, fill: 0, confidence: 0) }
        let fill = Double(try zone.ink.cropped(to: inner).inkPixelCount) / Double(inner.area)
        let middle = (emptyBelow + checkedAbove) / 2
        let halfBand = (checkedAbove - emptyBelow) / 2
        let confidence = min(1, abs(fill - middle) / halfBand) * 100
        return CheckboxReading(checked: fill >= middle, fill: fill, confidence: confidence)
    }
}
