import Foundation
import Imaging
import Pipeline
import TestSupport
import Testing
import Workflow

/// Telling a scan's form from its printed ink, on the committed sample scans (printed and by hand)
/// of the three forms: no OCR involved.
@Suite("Sorting a mixed batch by form")
struct FormSorterTests {
    static let forms = ["juminhyo", "jidoteate", "tennyu"]

    static func workflow(_ form: String) throws -> Workflow {
        try WorkflowLoader().load(Fixtures.root.appendingPathComponent("workflows/\(form).yml"))
    }

    /// Every committed scan of `form`, printed and by hand.
    static func scans(_ form: String) throws -> [URL] {
        try ["batch-01", "hand-01"].flatMap { batch in
            let folder = Fixtures.root.appendingPathComponent("samples/\(form)/\(batch)", isDirectory: true)
            return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { FileDiscovery.extensions.contains($0.pathExtension.lowercased()) }
        }
        .sorted { $0.path < $1.path }
    }

    static func page(_ url: URL) throws -> ScannedPage {
        try ScannedPage(PageLoader().open(url).load(page: 0))
    }

    @Test("each committed scan is sorted to its own form's workflow")
    func sortsEachFormToItsWorkflow() throws {
        let sorter = try FormSorter(workflows: Self.forms.map(Self.workflow))
        for (index, form) in Self.forms.enumerated() {
            let scans = try Self.scans(form)
            #expect(scans.count >= 16)
            for scan in scans {
                let (found, scores) = try sorter.sort(Self.page(scan))
                #expect(found == index, "\(scan.lastPathComponent): \(scores)")
            }
        }
    }

    @Test("a form no workflow is for is unknown, even though it shares the others' design")
    func setsAsideAFormOfNoWorkflow() throws {
        for left in Self.forms {
            let given = Self.forms.filter { $0 != left }
            let sorter = try FormSorter(workflows: given.map(Self.workflow))
            for scan in try Self.scans(left).prefix(8) {
                let (found, scores) = try sorter.sort(Self.page(scan))
                #expect(found == nil, "\(scan.lastPathComponent) taken for \(given): \(scores)")
            }
        }
    }

    @Test("a blank page and a page of something else are no form")
    func blankAndOtherPagesAreUnknown() throws {
        let sorter = try FormSorter(workflows: Self.forms.map(Self.workflow))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rpa-sort-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A blank page: a corner of a scan's paper, grown to a page.
        let blank = folder.appendingPathComponent("blank.png")
        try Self.page(Self.scans("juminhyo")[0]).source.cropped(to: Rect(x: 0, y: 0, width: 60, height: 80))
            .scaled(by: 40).writePNG(to: blank)
        // A page of text set in blocks over the whole sheet: it covers much of any form's print.
        let text = Fixtures.root.appendingPathComponent("Tests/Fixtures/ocr")
        let pages = try FileManager.default.contentsOfDirectory(at: text, includingPropertiesForKeys: nil)
            .filter {
                $0.lastPathComponent.hasPrefix("card_") && ["png", "tif", "jpg"].contains($0.pathExtension)
            }
        for url in [blank] + pages {
            let (found, scores) = try sorter.sort(Self.page(url))
            #expect(found == nil, "\(url.lastPathComponent): \(scores)")
        }
    }

    @Test("two workflows for one blank form cannot share a mixed batch")
    func refusesTwoWorkflowsOfOneForm() throws {
        #expect(throws: MixedBatchError.self) {
            try FormSorter(workflows: [Self.workflow("tennyu"), Self.workflow("tennyu-qr")])
        }
    }
}
