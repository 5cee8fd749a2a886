import Foundation
import Testing
import Workflow

/// YAML that would expand or take long to read is refused from the parser's events, at its place,
/// before anything is built from it (issue #10).
@Suite("Hostile YAML")
struct HostileYAMLTests: LoaderIssueTesting {
    /// The issue's 631-byte bomb: a quote that fooled the old text pre-scan, ten anchors of ten
    /// aliases each, and the last one as a mapping key (hashed whole while composing).
    static let aliasBomb: String = {
        var text = "description: a,'\n"
        text += "a0: &a0 [" + Array(repeating: "x", count: 10).joined(separator: ", ") + "]\n"
        for level in 1...9 {
            text +=
                "a\(level): &a\(level) ["
                + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text + "? *a9\n: boom\n# that's all'\n"
    }()

    @Test("the quote-trick alias bomb with an alias key is refused at its first anchor, at once")
    func aliasBombWithKey() throws {
        #expect(Self.aliasBomb.utf8.count > 600)
        let start = ContinuousClock.now
        try expectIssue(Self.aliasBomb, line: 2, column: 5, containing: "anchors and aliases")
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test("an anchor behind a tag is refused")
    func taggedAnchor() throws {
        try expectIssue(
            "workflow: x\nlist: !!seq &a0 [x, x]\nmore: *a0\n", line: 2, containing: "anchors and aliases")
    }

    @Test("an alias used as a mapping key is refused even with no anchor")
    func aliasKey() throws {
        try expectIssue("workflow: x\n? *a9\n: boom\n", line: 2, column: 3, containing: "anchors and aliases")
    }

    @Test("an anchor inside a quoted-looking line is still seen")
    func anchorAfterQuote() throws {
        try expectIssue(
            "description: it's\nfields: &f [a]\n", line: 2, column: 9, containing: "anchors and aliases")
    }

    @Test("a list or mapping used as a key is refused")
    func complexKey() throws {
        try expectIssue("workflow: x\n? [a, b]\n: c\n", line: 2, column: 3, containing: "plain word")
    }

    @Test("block nesting deeper than the limit is refused")
    func deepBlockNesting() throws {
        let text = (0..<40).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        try expectIssue(text + " x\n", line: 33, containing: "nesting deeper than 32")
    }

    @Test("too many values are refused before composing")
    func tooManyValues() throws {
        let text = "fields: [" + Array(repeating: "x", count: 120_000).joined(separator: ",") + "]\n"
        let start = ContinuousClock.now
        try expectIssue(text, line: 1, containing: "more than 100000 YAML values")
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("a YAML syntax error is still reported by the parser at its place")
    func syntaxStillReported() throws {
        try expectIssue("workflow: x\nversion: [2\n", line: 3, containing: "YAML syntax")
    }
}
