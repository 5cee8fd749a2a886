import Foundation
import HummingbirdTesting
import Ledger
import Pipeline
import Testing

@testable import ReviewStation

/// The station's JSON API over real scans read by the real OCR engine: what the page shows, checks
/// as the reviewer types, resolutions with measured minutes, claims and the audit trail.
@Suite("Review station API", .serialized)
struct StationAPITests {
    /// juminhyo-002: only 住所 is doubtful (held to 100 by the fixture), and it was read right (the
    /// ground truth's value).
    static let oneDoubtful = "juminhyo-002.jpg"
    /// juminhyo-004: 生年月日 could not be read; the paper says 2001-07-03 (平成13年7月3日).
    static let birthUnread = "juminhyo-004.tif"
    /// juminhyo-010: the My Number on the paper fails its check digit.
    static let badMyNumber = "juminhyo-010.tif"

    @Test("A document page shows each field with its reason, second reading, crop and zone")
    func documentView() async throws {
        // juminhyo-001 has low_confidence on two fields (氏名, 住所): one document.
        let fixture = try await StationFixture([Self.oneDoubtful, Self.badMyNumber, "juminhyo-001.tif"])
        let id = try fixture.id(Self.oneDoubtful)
        try await fixture.serve { client in
            let queue = try await client.get("/api/queue").json()
            let workflows = try #require(queue["workflows"] as? [[String: Any]])
            #expect(workflows.first?["waiting"] as? Int == 3)
            // Reasons are counted per document, so no count exceeds the documents waiting.
            let reasons = try #require(workflows.first?["reasons"] as? [[String: Any]])
            #expect(reasons.contains { $0["code"] as? String == "low_confidence" })
            let documents = try #require(workflows.first?["documents"] as? [[String: Any]])
            for reason in reasons {
                let code = reason["code"] as? String ?? ""
                let having = documents.filter { ($0["reasons"] as? [String])?.contains(code) == true }.count
                #expect(reason["count"] as? Int == having, "\(code)")
            }
            let document = try await client.get("/api/documents/\(id)").json()
            let fields = try #require(document["fields"] as? [[String: Any]])
            let doubtful = fields.filter { $0["doubtful"] as? Bool == true }
            #expect(doubtful.map { $0["name"] as? String } == ["住所"])
            let address = try #require(doubtful.first)
            #expect((address["reasons"] as? [[String: Any]])?.first?["message"] as? String != nil)
            #expect(address["second"] as? String != nil)
            let zone = try #require(address["zone"] as? [String: Double])
            #expect((0..<1).contains(zone["x"] ?? -1) && (0..<1).contains(zone["y"] ?? -1))
            // The crop and the page image are made from the scan on request.
            let crop = try await client.get(try #require(address["crop"] as? String))
            #expect(crop.status == .ok && crop.headers[.contentType] == "image/png")
            #expect(Data(buffer: crop.body).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            let page = try await client.get("/api/documents/\(id)/pages/1.png")
            #expect(page.status == .ok && page.body.readableBytes > 10_000)
        }
        // Nothing of it was written to disk beyond what `rpa run` left.
        let files = try FileManager.default.subpathsOfDirectory(atPath: fixture.output.path)
        #expect(!files.contains { $0.hasSuffix(".png") && !$0.contains("review/") })
    }

    @Test("Confirming a right reading and accepting records measured minutes, the reviewer and the audit")
    func acceptMeasured() async throws {
        let fixture = try await StationFixture([Self.oneDoubtful])
        let id = try fixture.id(Self.oneDoubtful)
        let clock = fixture.clock
        try await fixture.serve { client in
            let claim = try await client.claim(id)
            clock.advance(20)
            _ = try await client.post("/api/documents/\(id)/activity", ["claim": claim])
            clock.advance(400)  // away from the desk: not counted
            _ = try await client.post("/api/documents/\(id)/activity", ["claim": claim])
            clock.advance(10)
            let response = try await client.post(
                "/api/documents/\(id)/resolution", ["claim": claim, "values": [:]])
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["outcome"] as? String == "accepted")
            #expect(body["minutes"] as? Double == 0.5)
            // Resolved once: a second resolution is refused, the queue no longer has it.
            let again = try await client.post("/api/documents/\(id)/resolution", ["claim": claim])
            #expect(again.status == .notFound)
        }
        let result = try #require(fixture.resolver.audit.entries().first)
        #expect(result.reviewer == "山田" && result.action == .accepted && result.measured == true)
        #expect(result.minutes == 0.5 && result.changes.isEmpty)
        let csv = try String(
            contentsOf: fixture.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        #expect(csv.contains("相模原市南区双葉4-4-1"))
        let ledger = try Ledger(path: fixture.ledger)
        let outcome = try ledger.reviewResolution(
            documentHash: result.document, workflow: "juminhyo", version: "1")
        #expect(outcome == .some(.accepted))
    }

    @Test("A resolution cut short by its outputs stands: the opposite is refused, the same again finishes it")
    func interruptedResolution() async throws {
        let fixture = try await StationFixture([Self.oneDoubtful])
        let id = try fixture.id(Self.oneDoubtful)
        // The CSV cannot be replaced while a folder holding a file stands in its place.
        let csv = fixture.output.appendingPathComponent("out/juminhyo.csv")
        try FileManager.default.removeItem(at: csv)
        try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: true)
        try Data().write(to: csv.appendingPathComponent("in-the-way"))
        try await fixture.serve { client in
            let claim = try await client.claim(id)
            let failed = try await client.post("/api/documents/\(id)/resolution", ["claim": claim])
            #expect(failed.status.code >= 500)
            let opposite = try await client.post(
                "/api/documents/\(id)/resolution", ["claim": claim, "reject": "別の様式"])
            #expect(opposite.status == .conflict)
            #expect(try opposite.json()["error"] as? String == "already_resolved")
            try FileManager.default.removeItem(at: csv)
            let again = try await client.post("/api/documents/\(id)/resolution", ["claim": claim])
            #expect(again.status == .ok)
            #expect(try again.json()["outcome"] as? String == "accepted")
        }
        #expect(fixture.resolver.audit.entries().count == 1)
        #expect(fixture.resolver.queue.items().isEmpty)
        let check = ResolutionCheck(
            workflow: fixture.resolver.workflow, root: fixture.output,
            ledger: try Ledger(path: fixture.ledger))
        #expect(try check.disagreements() == [])
    }

    @Test("A station starting finishes a resolution cut short before: queue, outputs, audit trail, ledger")
    func finishedAtStart() async throws {
        let fixture = try await StationFixture([Self.oneDoubtful])
        let id = try fixture.id(Self.oneDoubtful)
        let csv = fixture.output.appendingPathComponent("out/juminhyo.csv")
        try FileManager.default.removeItem(at: csv)
        try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: true)
        try Data().write(to: csv.appendingPathComponent("in-the-way"))
        try await fixture.serve { client in
            let claim = try await client.claim(id)
            let failed = try await client.post("/api/documents/\(id)/resolution", ["claim": claim])
            #expect(failed.status.code >= 500)
        }
        let check = ResolutionCheck(
            workflow: fixture.resolver.workflow, root: fixture.output,
            ledger: try Ledger(path: fixture.ledger))
        let found = try check.disagreements().map(\.what)
        #expect(found.count == 5, "queue, audit trail, ledger, CSV and JSON lines: \(found)")
        try FileManager.default.removeItem(at: csv)
        _ = try ReviewStation(
            resolvers: [fixture.resolver], configuration: StationConfiguration(host: "127.0.0.1", port: 0))
        #expect(try check.disagreements() == [])
        #expect(fixture.resolver.queue.items().isEmpty)
        #expect(fixture.resolver.audit.entries().count == 1)
    }

    @Test("A correction that breaks a rule is refused beside the fields it names, then a right one passes")
    func ruleBroken() async throws {
        let fixture = try await StationFixture([Self.birthUnread])
        let id = try fixture.id(Self.birthUnread)
        try await fixture.serve { client in
            let claim = try await client.claim(id)
            // Born after the request date: the workflow's rule 生年月日 < 請求日 fails.
            let wrong = ["生年月日": "令和8年1月1日"]
            let check = try await client.post(
                "/api/documents/\(id)/check", ["claim": claim, "values": wrong])
            let findings = try #require(try check.json()["findings"] as? [[String: Any]])
            let rule = try #require(findings.first { $0["code"] as? String == "rule" })
            #expect((rule["fields"] as? [String])?.contains("生年月日") == true)
            #expect(rule["message"] as? String == "生年月日が請求日より前ではありません")
            let refused = try await client.post(
                "/api/documents/\(id)/resolution", ["claim": claim, "values": wrong])
            #expect(refused.status == .unprocessableContent)
            #expect(try refused.json()["error"] as? String == "still_invalid")
            // A value of the wrong type cannot even be overridden.
            let typo = try await client.post(
                "/api/documents/\(id)/resolution",
                ["claim": claim, "values": ["生年月日": "平成13年13月3日"], "override": "紙のとおり"])
            #expect(typo.status == .unprocessableContent)

            let right = ["生年月日": "平成13年7月3日"]
            let ok = try await client.post("/api/documents/\(id)/check", ["claim": claim, "values": right])
            #expect(try ok.json()["ok"] as? Bool == true)
            let accepted = try await client.post(
                "/api/documents/\(id)/resolution", ["claim": claim, "values": right])
            #expect(accepted.status == .ok)
        }
        let entry = try #require(fixture.resolver.audit.entries().first)
        #expect(entry.changes == [AuditEntry.Change(field: "生年月日", old: "", new: "2001-07-03")])
        let csv = try String(
            contentsOf: fixture.output.appendingPathComponent("out/juminhyo.csv"), encoding: .utf8)
        #expect(csv.contains("2001-07-03"))
    }

    @Test("Two reviewers never resolve the same document: it is shown as taken, and only the holder resolves")
    func twoReviewers() async throws {
        let fixture = try await StationFixture([Self.oneDoubtful, Self.birthUnread])
        let id = try fixture.id(Self.oneDoubtful)
        try await fixture.serve { client in
            // A name the ledger would refuse (a zero-width space, a control character) is refused at once.
            for name in ["山\u{200B}田", "山田\u{7}", "  "] {
                let refused = try await client.post("/api/documents/\(id)/claim", ["reviewer": name])
                #expect(refused.status == .badRequest, "\(name.unicodeScalars.map(\.value))")
            }
            let claim = try await client.claim(id, as: "山田")
            let other = try await client.post("/api/documents/\(id)/claim", ["reviewer": "佐藤"])
            #expect(other.status == .conflict)
            #expect(try other.json()["taken_by"] as? String == "山田")
            let documents = try #require(
                (try await client.get("/api/queue").json()["workflows"] as? [[String: Any]])?.first?[
                    "documents"]
                    as? [[String: Any]])
            #expect(documents.first { $0["id"] as? String == id }?["taken_by"] as? String == "山田")
            // 佐藤 is sent on to a document nobody has open.
            let view = try await client.get("/api/documents/\(id)").json()
            #expect(view["next"] as? String == (try fixture.id(Self.birthUnread)))
            let forged = try await client.post("/api/documents/\(id)/resolution", ["claim": "forged"])
            #expect(forged.status == .conflict)
            let done = try await client.post("/api/documents/\(id)/resolution", ["claim": claim])
            #expect(done.status == .ok)
        }
        #expect(fixture.resolver.audit.entries().count == 1)
    }

    @Test("My Number stays masked until revealed (audited), and a corrected one must be typed twice")
    func sensitive() async throws {
        let fixture = try await StationFixture([Self.badMyNumber])
        let id = try fixture.id(Self.badMyNumber)
        try await fixture.serve { client in
            let fields = try #require(
                try await client.get("/api/documents/\(id)").json()["fields"] as? [[String: Any]])
            let myNumber = try #require(fields.first { $0["name"] as? String == "個人番号" })
            #expect(myNumber["sensitive"] as? Bool == true && myNumber["crop"] == nil)
            let index = try #require(myNumber["index"] as? Int)
            // Without holding the document, no crop of it.
            let denied = try await client.get("/api/documents/\(id)/fields/\(index)/crop.png")
            #expect(denied.status == .conflict)
            let claim = try await client.claim(id)
            let crop = try await client.get(
                "/api/documents/\(id)/fields/\(index)/crop.png", headers: [.rpaClaim: claim])
            #expect(crop.status == .ok)
            let revealed = try await client.post(
                "/api/documents/\(id)/reveal", ["claim": claim, "field": "個人番号"])
            #expect(revealed.status == .ok)

            let valid = "262579119432"
            let once = try await client.post(
                "/api/documents/\(id)/check", ["claim": claim, "values": ["個人番号": valid]])
            let codes = (try once.json()["findings"] as? [[String: Any]])?.compactMap {
                $0["code"] as? String
            }
            #expect(codes == ["confirmation_differs"])
            let twice = try await client.post(
                "/api/documents/\(id)/check",
                ["claim": claim, "values": ["個人番号": valid], "confirmations": ["個人番号": valid]])
            #expect(try twice.json()["ok"] as? Bool == true)
            // The paper's number really is wrong: the form is rejected, with a reason.
            let noReason = try await client.post(
                "/api/documents/\(id)/resolution", ["claim": claim, "reject": " "])
            #expect(noReason.status == .unprocessableContent)
            let rejected = try await client.post(
                "/api/documents/\(id)/resolution", ["claim": claim, "reject": "個人番号の誤り"])
            #expect(try rejected.json()["outcome"] as? String == "rejected")
        }
        let entries = fixture.resolver.audit.entries()
        #expect(entries.map(\.action) == [.revealed, .rejected])
        #expect(entries.first?.field == "個人番号")
        let text = try String(contentsOf: fixture.resolver.audit.url, encoding: .utf8)
        #expect(!text.contains("262579119432") && !text.contains("491649614504"))
    }
}
