import CLeptonica

/// Where a page has ink, on a coarse grid: a cell is ink when any pixel in it is. Eight pixels a side
/// (0.7 mm at 300 dpi): fine enough to tell one form's printed labels from another's, coarse enough
/// that a scan's noise, blur and a registration off by a pixel or two do not matter. (16-pixel cells
/// were tried: forms from one generator then covered each other's print to within 4%.)
public struct InkGrid: Sendable, Equatable {
    /// Page pixels per cell side.
    public static let cell = 8
    public let columns: Int
    public let rows: Int
    /// Row after row; true where the cell holds ink.
    public private(set) var cells: [Bool]

    /// An empty grid.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = [Bool](repeating: false, count: self.columns * self.rows)
    }

    /// The grid of a 1-bit ink image (ink = 1), halved three times over keeping any ink (Leptonica's
    /// rank reduction at rank 1).
    public init(ink: Image) throws {
        guard ink.depth == 1 else { throw ImagingError.operationFailed("the ink grid needs a 1-bit image") }
        let reduced = try Image.wrap(pixReduceRankBinaryCascade(ink.pix, 1, 1, 1, 0), "ink reduction")
        let bytes = try reduced.grayBytes()
        self.init(columns: reduced.width, rows: reduced.height)
        // 1-bit ink becomes black (0) in gray.
        for index in cells.indices { cells[index] = bytes[index] < 128 }
    }

    /// The cell at `column`, `row`; false outside the grid.
    public subscript(column: Int, row: Int) -> Bool {
        get {
            guard column >= 0, row >= 0, column < columns, row < rows else { return false }
            return cells[row * columns + column]
        }
        set {
            guard column >= 0, row >= 0, column < columns, row < rows else { return }
            cells[row * columns + column] = newValue
        }
    }

    /// How many cells hold ink.
    public var count: Int { cells.lazy.filter { $0 }.count }

    /// The grid with every ink cell grown by `radius` cells each way.
    public func dilated(by radius: Int) -> InkGrid {
        var grown = InkGrid(columns: columns, rows: rows)
        for row in 0..<rows {
            for column in 0..<columns where self[column, row] {
                for y in (row - radius)...(row + radius) {
                    for x in (column - radius)...(column + radius) { grown[x, y] = true }
                }
            }
        }
        return grown
    }

    /// Marks the cells `rect` (page pixels) touches.
    public mutating func fill(_ rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        for row in (rect.y / Self.cell)...((rect.y + rect.height - 1) / Self.cell) {
            for column in (rect.x / Self.cell)...((rect.x + rect.width - 1) / Self.cell) {
                self[column, row] = true
            }
        }
    }
}
