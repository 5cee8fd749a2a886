import CLeptonica

/// Where a page has ink, on a grid: a cell is ink when any pixel in it is. Telling forms apart uses
/// cells of eight pixels a side (0.7 mm at 300 dpi, ``cell``): fine enough to tell one form's printed
/// labels from another's, coarse enough that a scan's noise, blur and a registration off by a pixel
/// or two do not matter. (16-pixel cells were tried: forms from one generator then covered each
/// other's print to within 4%.) Registration by print uses 16, 4 and 1.
public struct InkGrid: Sendable, Equatable {
    /// Page pixels per cell side when sorting forms.
    public static let cell = 8
    public let columns: Int
    public let rows: Int
    /// Row after row, as gray levels: below 128 where the cell holds ink (Leptonica's own export,
    /// kept as it comes: a page in single pixels is millions of cells).
    private var levels: [UInt8]

    /// An empty grid.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        levels = [UInt8](repeating: 255, count: self.columns * self.rows)
    }

    /// The grid of a 1-bit ink image (ink = 1) with cells of `cell` pixels (1, 2, 4, 8 or 16), halved
    /// as often as needed keeping any ink (Leptonica's rank reduction at rank 1), each ink cell grown
    /// by `grown` cells each way.
    public init(ink: Image, cell: Int = InkGrid.cell, grown: Int = 0) throws {
        guard ink.depth == 1 else { throw ImagingError.operationFailed("the ink grid needs a 1-bit image") }
        let halvings = cell.trailingZeroBitCount
        guard cell == 1 << halvings, halvings <= 4 else {
            throw ImagingError.operationFailed("an ink grid's cells are 1, 2, 4, 8 or 16 pixels")
        }
        let reduced =
            halvings == 0
            ? ink
            : try Image.wrap(
                pixReduceRankBinaryCascade(
                    ink.pix, 1, halvings > 1 ? 1 : 0, halvings > 2 ? 1 : 0, halvings > 3 ? 1 : 0),
                "ink reduction")
        let dilated =
            grown > 0
            ? try Image.wrap(
                pixDilateBrick(nil, reduced.pix, Int32(2 * grown + 1), Int32(2 * grown + 1)), "ink growth")
            : reduced
        columns = dilated.width
        rows = dilated.height
        // 1-bit ink becomes black (0) in gray.
        levels = try dilated.grayBytes()
    }

    /// Whether the cell at `index` (row after row) holds ink.
    public subscript(index: Int) -> Bool { levels[index] < 128 }

    /// The indices of the ink cells, row after row.
    public var inkIndices: [Int] { levels.indices.filter { levels[$0] < 128 } }

    /// The cell at `column`, `row`; false outside the grid.
    public subscript(column: Int, row: Int) -> Bool {
        get {
            guard column >= 0, row >= 0, column < columns, row < rows else { return false }
            return levels[row * columns + column] < 128
        }
        set {
            guard column >= 0, row >= 0, column < columns, row < rows else { return }
            levels[row * columns + column] = newValue ? 0 : 255
        }
    }

    /// How many cells hold ink.
    public var count: Int { levels.lazy.filter { $0 < 128 }.count }

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
