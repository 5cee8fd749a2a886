import Foundation
import Imaging
import Workflow

/// Tells which of several workflows' forms a scan is, so that a mixed batch (`rpa run A.yml B.yml
/// FOLDER`) reads each scan with its own form's workflow and sets aside a scan that is none of them,
/// never reading it against a form it is not.
///
/// Each blank form's printed ink (ruling, labels, boxes) is laid on an ``InkGrid``. A scan's first
/// page is registered to each blank form as for reading (by its printed frame, else by resolution),
/// shifted up to ``search`` cells each way for the best fit, and scored:
/// - **coverage**, the share of the blank form's print that has ink on the scan, within a cell;
/// - **distinct**, the same for the print no other form of the batch has (its own labels): forms
///   of one design share their frame and rows, and cover each other's print to within 6–10%;
/// - **explained**, the share of the scan's ink that lies on the form's print or inside its zones
///   (where the filled-in values are), within a cell: a full page of something else covers any
///   form's print, only the right form also explains it.
/// The scan is the one form whose scores all reach their floor; none (or two) make it unknown.
/// On the calibration sets (docs/workflows.md, "Mixed batches") the right form scored at least
/// 0.998 coverage, 0.998 distinct and 0.982 explained; a form of the same design that the scan was
/// not, at most 0.939, 0.853 and 0.954 (each alone would not do: distinct is what tells them apart).
package struct FormSorter: Sendable {
    /// One workflow's blank form, measured once.
    struct Form: Sendable {
        var name: String
        var geometry: TemplateGeometry
        /// The blank form's print.
        var print: InkGrid
        /// Where a filled-in scan may have ink: the print and the zones, grown by a cell.
        var expected: InkGrid
        /// The print's cells, and those no other form of the batch has within a cell (compared on the
        /// paper, whatever each template's resolution), as indices into a grid `search` cells wider
        /// on every side.
        var printed: [Int] = []
        var distinct: [Int] = []
    }

    /// How one scan fits one form.
    package struct Score: Sendable, Codable, Equatable {
        /// The workflow's name.
        package var workflow: String
        package var coverage: Double
        package var explained: Double
        package var distinct: Double
    }

    let forms: [Form]
    /// Cells the scan may be shifted each way after registration (8 mm at 300 dpi).
    static let search = 12
    /// The floors, chosen on the calibration sets.
    static let minimumCoverage = 0.97
    static let minimumDistinct = 0.95
    static let minimumExplained = 0.9
    /// The fewest distinct print cells a form needs to be told from the others (a label's worth).
    static let minimumDistinctCells = 200

    /// Measures each workflow's blank form (its template image).
    package init(workflows: [Workflow]) throws {
        var forms = try workflows.map { workflow in
            var loader = PageLoader()
            loader.assumedDPI = workflow.template.dpi
            let template = try ScannedPage(loader.open(workflow.template.image).load(page: 0))
            let print = try InkGrid(ink: template.ink)
            var zones = print
            for field in workflow.fields {
                switch field.reader {
                case .zone(let zone): zones.fill(zone)
                case .boxes(let options): for option in options { zones.fill(option.zone) }
                case .label, .regex: break
                }
            }
            return Form(
                name: workflow.name, geometry: TemplateGeometry(template: template), print: print,
                expected: zones.dilated(by: 1))
        }
        for index in forms.indices {
            var distinct = forms[index].print
            for other in forms.indices where other != index {
                let near = forms[other].print.dilated(by: 1)
                // Cells are compared where they lie on the paper, whatever each template's resolution.
                let scale = Double(forms[other].geometry.dpi) / Double(max(1, forms[index].geometry.dpi))
                for row in 0..<distinct.rows {
                    for column in 0..<distinct.columns
                    where distinct[column, row] && near[Int(Double(column) * scale), Int(Double(row) * scale)]
                    {
                        distinct[column, row] = false
                    }
                }
            }
            guard distinct.count >= Self.minimumDistinctCells else {
                throw MixedBatchError.sameForm(forms[index].name)
            }
            forms[index].printed = Self.indices(forms[index].print, margin: Self.search)
            forms[index].distinct = Self.indices(distinct, margin: Self.search)
        }
        self.forms = forms
    }

    /// The ink cells of `grid` as indices into a grid `margin` cells wider on every side.
    private static func indices(_ grid: InkGrid, margin: Int) -> [Int] {
        (0..<grid.rows).flatMap { row in
            (0..<grid.columns).filter { grid[$0, row] }.map {
                (row + margin) * (grid.columns + 2 * margin) + $0 + margin
            }
        }
    }

    /// How the scan's page fits each form, in the workflows' order.
    package func scores(_ page: ScannedPage) throws -> [Score] {
        let scan = try InkGrid(ink: page.ink)
        return forms.map { score(scan, page: page, form: $0) }
    }

    /// The index of the form the page is, or nil when it is none of them (or several); with every
    /// form's score.
    package func sort(_ page: ScannedPage) throws -> (form: Int?, scores: [Score]) {
        let scores = try scores(page)
        let matching = scores.indices.filter {
            scores[$0].coverage >= Self.minimumCoverage && scores[$0].distinct >= Self.minimumDistinct
                && scores[$0].explained >= Self.minimumExplained
        }
        return (matching.count == 1 ? matching[0] : nil, scores)
    }

    private func score(_ scan: InkGrid, page: ScannedPage, form: Form) -> Score {
        let map = Registration().align(page, to: form.geometry).templateToSource
        let (columns, rows, search) = (form.print.columns, form.print.rows, Self.search)
        // The scan's ink where each template cell (and `search` cells around the form) lands.
        var landed = InkGrid(columns: columns + 2 * search, rows: rows + 2 * search)
        let cell = Double(InkGrid.cell)
        for row in 0..<landed.rows {
            for column in 0..<landed.columns {
                let point = map.apply(
                    Point(x: (Double(column - search) + 0.5) * cell, y: (Double(row - search) + 0.5) * cell))
                landed[column, row] =
                    scan[Int((point.x / cell).rounded(.down)), Int((point.y / cell).rounded(.down))]
            }
        }
        let near = landed.dilated(by: 1)
        let width = landed.columns
        /// How many of `cells` (template cells, as indices into `landed`) have ink near them once shifted.
        func covered(_ cells: [Int], _ dx: Int, _ dy: Int) -> Int {
            let offset = dy * width + dx
            return cells.reduce(0) { $0 + (near[$1 + offset] ? 1 : 0) }
        }
        guard !form.printed.isEmpty else {
            return Score(workflow: form.name, coverage: 0, explained: 0, distinct: 0)
        }
        // Every second shift, then the neighbours of the best: ink counts as near within a cell, so
        // the best shift is never more than one cell from one of those tried first.
        var best = (covered: -1, dx: 0, dy: 0)
        for dy in stride(from: -search, through: search, by: 2) {
            for dx in stride(from: -search, through: search, by: 2) {
                let count = covered(form.printed, dx, dy)
                if count > best.covered { best = (count, dx, dy) }
            }
        }
        let (firstX, firstY) = (best.dx, best.dy)
        for dy in max(-search, firstY - 1)...min(search, firstY + 1) {
            for dx in max(-search, firstX - 1)...min(search, firstX + 1) {
                let count = covered(form.printed, dx, dy)
                if count > best.covered { best = (count, dx, dy) }
            }
        }
        var inked = 0
        var explained = 0
        for row in 0..<rows {
            for column in 0..<columns where landed[column + search + best.dx, row + search + best.dy] {
                inked += 1
                if form.expected[column, row] { explained += 1 }
            }
        }
        return Score(
            workflow: form.name, coverage: Double(best.covered) / Double(form.printed.count),
            explained: inked == 0 ? 0 : Double(explained) / Double(inked),
            distinct: Double(covered(form.distinct, best.dx, best.dy)) / Double(form.distinct.count))
    }
}
