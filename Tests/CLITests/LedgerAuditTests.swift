import Foundation
import Testing

/// `rpa ledger audit` lists a resolution made with `rpa review resolve`, names and minutes only.
@Suite("rpa ledger audit", .serialized)
struct LedgerAuditTests {
    @Test("a resolved review is listed with its fields changed and typed minutes, never the values")
    func listsResolution() throws {
        let space = try Workspace(scans: ["juminhyo-003.tif"])
        #expect(try space.run().status == 3)
        let resolved = try space.review([
            "resolve", ExitCodeTests.id, "--minutes", "1.5", "--set", "交付種別=住民票", "--set", "生年月日=昭和35年1月17日",
        ])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: space.ledger))

        let table = try CLI.run(["ledger", "audit", "--ledger", space.ledger])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("Review resolutions: 1, made "))
        let row = try #require(table.stdout.split(separator: "\n").first { $0.contains(ExitCodeTests.id) })
        for cell in ["juminhyo", "corrected", "交付種別, 生年月日", "1.5", "typed"] {
            #expect(row.contains(cell), "\(cell) in \(row)")
        }
        #expect(!table.stdout.contains("昭和35年") && !table.stdout.contains("1960"))

        let json = try CLI.run([
            "ledger", "audit", "--ledger", space.ledger, "--json", "--workflow", "juminhyo",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["resolutions"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["fieldsChanged"] as? [String] == ["交付種別", "生年月日"])
        #expect(entries.first?["measured"] as? Bool == false)

        let other = try CLI.run(["ledger", "audit", "--ledger", space.ledger, "--workflow", "inkan"])
        #expect(other.stdout.hasPrefix("Review resolutions of workflow inkan: 0"))
        let wrong = try CLI.run(["ledger", "audit", "--ledger", space.ledger, "--format", "pdf"])
        #expect(wrong.status == 64)
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.ledger)) == before)
    }
}
