import Foundation
import TestSupport
import Testing
import Workflow

/// Each kind of mistake in a workflow file is reported as file:line:column with what to do.
@Suite("Workflow files")
struct WorkflowLoaderTests: LoaderIssueTesting {
    /// A temporary folder holding a workflow and a copy of the card template.
    final class Scratch {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rpa-wf-\(UUID().uuidString)")

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: Fixtures.ocr("card_template.png"), to: folder.appendingPathComponent("card.png"))
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ text: String, name: String = "form.yml") throws -> URL {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
    }

    static let valid = """
        workflow: カード
        version: 2
        department: 市民課
        template: {image: card.png, dpi: 300}
        fields:
          - {name: 氏名, zone: [360, 111, 764, 122], required: true}
          - {name: 生年月日, zone: [360, 253, 764, 128], type: date}
          - {name: 電話番号, zone: [360, 401, 764, 128], type: phone, lang: eng}
          - {name: 受取方法, type: choice, options: {窓口: [384, 733, 50, 50], 郵送: [578, 733, 50, 50]}}
        rules:
          - "生年月日 < today"
        outputs:
          - {csv: out/card.csv, encoding: shift_jis}
        savings: {manual_minutes_per_document: 3, source: 業務量調査, valid_from: 2024-04-01}
        """

    /// The one issue reported, checked for its place and wording.
    func expectIssue(_ text: String, line: Int, column: Int? = nil, containing words: String) throws {
        let found = try issues(text)
        #expect(found.count >= 1)
        let issue = try #require(found.first)
        #expect(issue.line == line, "\(issue)")
        if let column { #expect(issue.column == column, "\(issue)") }
        #expect(issue.message.contains(words), "\(issue)")
        #expect(issue.description.hasPrefix("\(issue.file):\(issue.line):\(issue.column): "))
    }

    @Test("every committed workflow passes", arguments: ["juminhyo", "jidoteate", "tennyu"])
    func committed(name: String) throws {
        let workflow = try WorkflowLoader().load(
            Fixtures.root.appendingPathComponent("workflows/\(name).yml"))
        #expect(workflow.fields.count >= 10)
        #expect(workflow.savings != nil)
        #expect(!workflow.outputs.isEmpty)
    }

    @Test("a valid workflow is decoded into typed values")
    func decoded() throws {
        let scratch = try Scratch()
        let workflow = try WorkflowLoader().load(try scratch.write(Self.valid))
        #expect(workflow.name == "カード" && workflow.version == 2 && workflow.id == "form")
        #expect(workflow.fields.map(\.type) == [.text, .date, .phone, .choice])
        #expect(workflow.fields[2].language == "eng")
        #expect(workflow.outputs == [.csv(path: "out/card.csv", encoding: .shiftJIS)])
        #expect(workflow.savings?.manualMinutesPerDocument == 3)
        #expect(workflow.rules.first?.expression.fieldNames == ["生年月日"])
    }

    @Test("an unknown key, with a suggestion")
    func unknownKey() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "department:", with: "departmnt:"), line: 3, column: 1,
            containing: "did you mean 'department'")
    }

    @Test("a wrong type")
    func wrongType() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "version: 2", with: "version: two"), line: 2, column: 10,
            containing: "whole number")
    }

    @Test("an unknown field type")
    func unknownFieldType() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "type: phone", with: "type: phon"), line: 8,
            containing: "did you mean 'phone'")
    }

    @Test("a zone outside the template")
    func zoneOutside() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "[360, 111, 764, 122]", with: "[900, 111, 764, 122]"),
            line: 6, containing: "outside the template")
    }

    @Test("an invalid regex")
    func invalidRegex() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "type: date}", with: "type: date, pattern: \"[0-9\"}"),
            line: 7, containing: "does not compile")
    }

    @Test("an unknown field name in a rule")
    func unknownRuleField() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "\"生年月日 < today\"", with: "\"生年月目 < today\""), line: 11,
            column: 5, containing: "'生年月目', which is not a field; did you mean '生年月日'")
    }

    @Test("a rule syntax error points inside the rule")
    func ruleSyntax() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "\"生年月日 < today\"", with: "\"生年月日 < \""), line: 11,
            column: 13, containing: "rule: expected a value")
    }

    @Test("a YAML syntax error")
    func yamlSyntax() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "version: 2", with: "version: [2"), line: 3,
            containing: "YAML syntax")
    }

    @Test("a missing required section")
    func missingSection() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "template: {image: card.png, dpi: 300}\n", with: ""), line: 1,
            containing: "missing 'template'")
    }

    @Test("a missing template image")
    func missingTemplate() throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "card.png", with: "nothing.png"), line: 4,
            containing: "template cannot be loaded")
    }

    @Test(
        "an output path escaping the workflow's folder",
        arguments: ["../../etc/x", "/etc/passwd", "out/../../x.csv"])
    func escapingOutput(path: String) throws {
        try expectIssue(
            Self.valid.replacingOccurrences(of: "out/card.csv", with: path), line: 13,
            containing: "must stay inside the output folder")
    }

    @Test("a YAML alias bomb is refused without expanding")
    func aliasBomb() throws {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            let previous = String(UnicodeScalar(UInt8(96 + level)))
            let name = String(UnicodeScalar(UInt8(97 + level)))
            text +=
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
                + "]\n"
        }
        let start = Date()
        try expectIssue(text, line: 1, containing: "anchors and aliases")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test("a 10 MB workflow is refused before parsing")
    func hugeFile() throws {
        try expectIssue(
            Self.valid + "\n# " + String(repeating: "x", count: 10_000_000), line: 1,
            containing: "over the limit")
    }

    @Test("deep nesting is refused before parsing")
    func deepNesting() throws {
        try expectIssue(
            "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), line: 1,
            containing: "nesting deeper")
    }

    @Test("several mistakes are all reported")
    func several() throws {
        let text = Self.valid.replacingOccurrences(of: "version: 2", with: "version: two")
            .replacingOccurrences(of: "department:", with: "departmnt:")
        #expect(try issues(text).count == 2)
    }
}
