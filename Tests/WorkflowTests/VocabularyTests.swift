import Foundation
import Testing
import Workflow

/// Closed vocabularies: a reading close to exactly one value takes it; a reading close to several, or
/// to none, goes to a person, with a message that names neither the reading nor the values.
@Suite("Closed vocabularies")
struct VocabularyTests: LoaderIssueTesting {
    let relations = Vocabulary(
        entries: ["世帯主", "夫", "妻", "子", "父", "母", "子の妻", "同居人"], source: "zokugara.txt")
    let towns = Vocabulary(
        entries: ["相模原市中央区淵野辺", "相模原市中央区淵野辺本町", "相模原市南区相模大野", "相模原市緑区橋本"],
        source: "machiaza.txt")

    @Test("an exact value, and one misread character corrected when no other value is as close")
    func corrects() throws {
        #expect(try relations.match("世帯主").get() == "世帯主")
        #expect(try relations.match("世帯王").get() == "世帯主")
        #expect(try relations.match("子の 妻").get() == "子の妻")
        #expect(try towns.match("相模原市南区相模大野").get() == "相模原市南区相模大野")
        #expect(try towns.match("相模原市南区相摸大野").get() == "相模原市南区相模大野")
        #expect(try towns.match("相模原市緑区稿本").get() == "相模原市緑区橋本")
    }

    @Test("a misread one-character value is as close to the other one-character values: review")
    func ambiguous() {
        for reading in ["天", "毋"] {
            guard case .failure(let failure) = relations.match(reading) else {
                Issue.record("\(reading) was corrected")
                continue
            }
            #expect(failure.code == "ambiguous_vocabulary")
            #expect(!failure.message.contains(reading) && !failure.message.contains("夫"))
        }
        // 淵野辺 and 淵野辺本町 are two edits apart: a reading between them is not guessed.
        #expect(throws: ValidationFailure.self) { try towns.match("相模原市中央区淵野辺本").get() }
    }

    @Test("an isolated entry: exactly a value, and no other value within one edit")
    func isolated() {
        #expect(towns.isolatedEntry("相模原市南区相模大野"))
        #expect(towns.isolatedEntry("相模原市 緑区橋本"))
        // One character off is a value's misreading, not the value.
        #expect(!towns.isolatedEntry("相模原市南区相模大町"))
        // 子 and 父 are one edit apart: either could be the other misread.
        #expect(!relations.isolatedEntry("子"))
        #expect(relations.isolatedEntry("世帯主"))
    }

    @Test("a value far from every entry is not in the list")
    func none() {
        guard case .failure(let failure) = relations.match("友人の知人") else {
            Issue.record("corrected to a value of the list")
            return
        }
        #expect(failure.code == "not_in_vocabulary")
        #expect(failure.message.contains("zokugara.txt"))
        #expect(throws: ValidationFailure.self) { try towns.match("横浜市緑区中山").get() }
    }

    @Test("edit distance")
    func distance() {
        func d(_ a: String, _ b: String, limit: Int = .max) -> Int {
            Vocabulary.editDistance(Array(a), Array(b), limit: limit)
        }
        #expect(d("", "abc") == 3)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("淵野辺", "淵野辺本町") == 2)
        #expect(d("abcdef", "uvwxyz", limit: 2) == 2)
    }

    @Test("a list file: comments and blank lines skipped; unreadable, empty and binary files refused")
    func file() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vocabulary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("list.txt")
        try "# 続柄\n世帯主\n\n  妻  \n子\n".write(to: list, atomically: true, encoding: .utf8)
        #expect(try Vocabulary(contentsOf: list).entries == ["世帯主", "妻", "子"])
        let empty = folder.appendingPathComponent("empty.txt")
        try "# nothing\n\n".write(to: empty, atomically: true, encoding: .utf8)
        #expect(throws: VocabularyError.empty(empty.path)) { try Vocabulary(contentsOf: empty) }
        let binary = folder.appendingPathComponent("binary.txt")
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: binary)
        #expect(throws: VocabularyError.notUTF8(binary.path)) { try Vocabulary(contentsOf: binary) }
        let missing = folder.appendingPathComponent("missing.txt")
        #expect(throws: VocabularyError.unreadable(missing.path)) { try Vocabulary(contentsOf: missing) }
    }

    @Test("a workflow names a list inline or as a file beside it; mistakes are reported where they are")
    func workflow() throws {
        let scratch = try WorkflowLoaderTests.Scratch()
        _ = try scratch.write("世帯主\n妻\n", name: "relations.txt")
        func form(_ field: String) -> String {
            """
            workflow: 語彙
            version: 1
            template: {image: card.png, dpi: 300}
            fields:
              - \(field)
            """
        }
        let inline = try WorkflowLoader().load(
            scratch.write(form("{name: 続柄, zone: [360, 111, 764, 122], vocabulary: [世帯主, 妻, 子]}")))
        #expect(inline.field("続柄")?.vocabulary?.entries == ["世帯主", "妻", "子"])
        let file = try WorkflowLoader().load(
            scratch.write(form("{name: 続柄, zone: [360, 111, 764, 122], vocabulary: relations.txt}")))
        #expect(file.field("続柄")?.vocabulary?.entries == ["世帯主", "妻"])

        try expectIssue(
            form("{name: 続柄, zone: [360, 111, 764, 122], vocabulary: nowhere.txt}"), line: 5, column: 56,
            containing: "nowhere.txt")
        try expectIssue(
            form("{name: 日付, zone: [360, 111, 764, 122], type: date, vocabulary: [令和]}"), line: 5,
            containing: "vocabulary is for text and address fields")
        try expectIssue(
            form("{name: 続柄, zone: [360, 111, 764, 122], vocabulary: []}"), line: 5,
            containing: "vocabulary lists no values")
    }
}

/// `type: qr` in a workflow: the zone and the fields its payload fills.
@Suite("QR code fields in workflows")
struct QRWorkflowTests: LoaderIssueTesting {
    func form(_ fields: String) -> String {
        """
        workflow: QR
        version: 1
        template: {image: card.png, dpi: 300}
        fields:
          - {name: 氏名, zone: [360, 111, 764, 122]}
          - {name: 受取方法, type: choice, options: {窓口: [384, 733, 50, 50], 郵送: [578, 733, 50, 50]}}
        \(fields)
        """
    }

    @Test("a qr field maps payload keys to fields, and is always sensitive")
    func decodes() throws {
        let scratch = try WorkflowLoaderTests.Scratch()
        let workflow = try WorkflowLoader().load(
            scratch.write(form("  - {name: コード, zone: [360, 401, 300, 300], type: qr, fill: {氏名: name}}")))
        let code = try #require(workflow.field("コード"))
        #expect(code.fill == [QRFill(field: "氏名", key: "name")])
        #expect(code.sensitive)
    }

    @Test("mistakes: no fill, fill on another type, an unknown, boxed or twice-filled field, no zone")
    func mistakes() throws {
        try expectIssue(
            form("  - {name: コード, zone: [360, 401, 300, 300], type: qr}"), line: 7,
            containing: "a qr field needs 'fill'")
        try expectIssue(
            form("  - {name: 番号, zone: [360, 401, 300, 300], fill: {氏名: name}}"), line: 7,
            containing: "fill is for qr fields")
        try expectIssue(
            form("  - {name: コード, zone: [360, 401, 300, 300], type: qr, fill: {指名: name}}"), line: 7,
            containing: "did you mean '氏名'")
        try expectIssue(
            form("  - {name: コード, zone: [360, 401, 300, 300], type: qr, fill: {受取方法: way}}"), line: 7,
            containing: "a QR code fills text fields")
        try expectIssue(
            form(
                """
                  - {name: コード, zone: [360, 401, 300, 300], type: qr, fill: {氏名: name}}
                  - {name: 控え, zone: [700, 401, 300, 300], type: qr, fill: {氏名: name}}
                """), line: 8, containing: "'氏名' is filled twice")
        try expectIssue(
            form(
                "  - {name: コード, label: {text: QR, direction: right, size: [300, 300]}, type: qr, fill: {氏名: name}}"
            ),
            line: 7, containing: "a qr field is read from a zone")
    }
}
