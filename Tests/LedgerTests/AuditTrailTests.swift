import Foundation
import Testing

@testable import Ledger

/// `rpa ledger audit`: every resolution with who, when, outcome, fields, minutes and corrections;
/// names and hashes only.
@Suite("Audit trail of review resolutions")
struct AuditTrailTests {
    /// Two 住民異動届 reviews (one measured by 山田 花子 and corrected, one typed) and one 印鑑登録 review.
    private func filled(_ folder: TempFolder) throws -> Ledger {
        let ledger = try Fixture.ledger(in: folder)
        try ledger.register(rule: try Fixture.inkanRule())
        let date = try Fixture.tokyo(2024, 9, 2)
        try ledger.record(Fixture.entry("a", at: date, outcome: .reviewed))
        try ledger.record(Fixture.entry("b", at: date, outcome: .reviewed))
        try ledger.record(Fixture.entry("c", at: date, workflow: "inkan", outcome: .reviewed))
        try ledger.resolveReview(
            documentHash: Fixture.hash("a"), workflow: "juminido", version: "1", minutesSpent: 3.5,
            outcome: .corrected, overridden: true, reviewer: "山田 花子", measured: true,
            fieldsChanged: ["生年月日", "交付種別"], at: try Fixture.tokyo(2024, 9, 2, 14, 5))
        try ledger.correctReview(
            documentHash: Fixture.hash("a"), workflow: "juminido", version: "1", minutesSpent: 2,
            at: try Fixture.tokyo(2024, 9, 3, 9))
        try ledger.resolveReview(
            documentHash: Fixture.hash("b"), workflow: "juminido", version: "1", minutesSpent: 1,
            outcome: .rejected, at: try Fixture.tokyo(2024, 9, 2, 15))
        try ledger.resolveReview(
            documentHash: Fixture.hash("c"), workflow: "inkan", version: "1", minutesSpent: 0.75,
            reviewer: "佐藤", measured: true, at: try Fixture.tokyo(2024, 9, 2, 16))
        return ledger
    }

    @Test("every resolution is listed in ledger order with its corrections")
    func listing() throws {
        let folder = try TempFolder()
        let trail = try filled(folder).auditTrail(at: try Fixture.tokyo(2024, 9, 4))
        #expect(trail.generatedAt == "2024-09-04T10:00:00.000+09:00" && trail.workflow == nil)
        #expect(trail.resolutions.map(\.resolution) == [1, 2, 3])
        let first = try #require(trail.resolutions.first)
        #expect(first.document == String(Fixture.hash("a").prefix(12)))
        #expect(first.workflow == "juminido" && first.workflowVersion == "1")
        #expect(first.resolvedAt == "2024-09-02T14:05:00.000+09:00")
        #expect(first.reviewer == "山田 花子" && first.outcome == .corrected && first.overridden)
        #expect(first.fieldsChanged == ["生年月日", "交付種別"])
        #expect(first.minutes == 3.5 && first.measured && first.countedMinutes == 2)
        #expect(
            first.corrections == [AuditCorrection(correctedAt: "2024-09-03T09:00:00.000+09:00", minutes: 2)])
        let second = trail.resolutions[1]
        #expect(second.reviewer == nil && second.outcome == .rejected && !second.measured)
        #expect(second.fieldsChanged == [] && second.corrections.isEmpty && second.countedMinutes == 1)
    }

    @Test("--workflow limits the listing to one workflow")
    func oneWorkflow() throws {
        let folder = try TempFolder()
        let ledger = try filled(folder)
        #expect(try ledger.auditTrail(workflow: "inkan").resolutions.map(\.reviewer) == ["佐藤"])
        #expect(try ledger.auditTrail(workflow: "none").resolutions.isEmpty)
    }

    @Test("table, CSV and JSON list names and minutes, every JSON key present")
    func formats() throws {
        let folder = try TempFolder()
        let trail = try filled(folder).auditTrail(at: try Fixture.tokyo(2024, 9, 4))
        let table = AuditFormat.table.render(trail)
        #expect(table.hasPrefix("Review resolutions: 3, made 2024-09-04T10:00:00.000+09:00\n"))
        let row = try #require(table.split(separator: "\n").first { $0.contains("山田 花子") })
        for cell in [
            "2024-09-02T14:05:00.000+09:00", String(Fixture.hash("a").prefix(12)), "corrected", "yes",
            "生年月日, 交付種別", "3.5", "measured", "2.0 at 2024-09-03T09:00:00.000+09:00",
        ] {
            #expect(row.contains(cell), "\(cell)")
        }
        #expect(table.contains("typed"))
        #expect(!table.contains(Fixture.hash("a")))

        let csv = AuditFormat.csv.render(trail)
        #expect(csv.hasPrefix("\u{FEFF}resolved at (Japan),document,workflow"))
        #expect(csv.components(separatedBy: "\r\n").count == 5)

        let json = AuditFormat.json.render(trail)
        #expect(try JSONDecoder().decode(AuditTrail.self, from: Data(json.utf8)) == trail)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["generatedAt", "workflow", "resolutions"])
        let entries = try #require(object["resolutions"] as? [[String: Any]])
        let keys: Set = [
            "resolution", "document", "workflow", "workflowVersion", "resolvedAt", "reviewer", "outcome",
            "overridden", "fieldsChanged", "minutes", "measured", "corrections", "countedMinutes",
        ]
        #expect(entries.allSatisfy { Set($0.keys) == keys })
        #expect(entries[1]["reviewer"] is NSNull)
    }

    @Test("text from a row edited by hand cannot steer the terminal")
    func controlCharactersAreShownPlain() throws {
        #expect(AuditFormat.plain("山田\u{1B}[2J\u{202E}x\n") == "山田\u{FFFD}[2J\u{FFFD}x\u{FFFD}")
        let folder = try TempFolder()
        let ledger = try filled(folder)
        try tamper(
            folder.ledgerPath,
            "UPDATE review_resolutions SET reviewer = 'x' || \(TestBackend.postgresql ? "chr" : "char")(27) || '[2J' WHERE id = 1"
        )
        #expect(!AuditFormat.table.render(try ledger.auditTrail()).contains("\u{1B}"))
    }
}
