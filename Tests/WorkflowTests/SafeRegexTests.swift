import Foundation
import Testing
import Workflow

/// Workflow regexes run on RE2: linear time whatever the pattern, Unicode-aware, and refused at their
/// line and column when they need backtracking (issue #10).
@Suite("Workflow regexes")
struct SafeRegexTests: LoaderIssueTesting {
    @Test("nested quantifiers run in linear time", arguments: ["(.+)+Z", "(a*)*b", "(a|aa)+$"])
    func noBacktracking(pattern: String) throws {
        let regex = try SafeRegex(pattern)
        let text = String(repeating: "a", count: 50_000)
        let start = ContinuousClock.now
        #expect(regex.firstMatch(in: text) == nil || pattern.hasSuffix("$"))
        #expect(!regex.matchesWhole(String(repeating: "a", count: 9_999) + "!"))
        let check = try FieldCheck.compile(.regex(pattern))
        #expect(check.validate(text)?.code == "format")
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }

    @Test("a match looks at the first 10,000 characters only, and a longer value fails a pattern")
    func inputBound() throws {
        let regex = try SafeRegex("Z")
        #expect(regex.firstMatch(in: String(repeating: "a", count: 9_999) + "Z") == "Z")
        #expect(regex.firstMatch(in: String(repeating: "a", count: 10_000) + "Z") == nil)
        let any = try SafeRegex("a*")
        #expect(any.matchesWhole(String(repeating: "a", count: 10_000)))
        #expect(!any.matchesWhole(String(repeating: "a", count: 10_001)))
    }

    @Test("Japanese capture groups return the right text")
    func japaneseGroups() throws {
        let page = "住民票 申請書 受付番号　１２３４５６ 氏名 山田花子 様"
        #expect(try SafeRegex(#"受付番号\s*(\d{6})"#).firstMatch(in: page, group: 1) == "１２３４５６")
        #expect(try SafeRegex("氏名 (山田|佐藤)(花子)").firstMatch(in: page, group: 2) == "花子")
        #expect(try SafeRegex("氏名 (山田|佐藤)(花子)").firstMatch(in: page, group: 0) == "氏名 山田花子")
        #expect(try SafeRegex(#"(\p{Han}+)様"#).firstMatch(in: "🇯🇵 相模原市 様 東京都様", group: 1) == "東京都")
        #expect(try SafeRegex("(x)|(山)").firstMatch(in: "山", group: 1) == nil)
        #expect(try SafeRegex("a").firstMatch(in: "") == nil)
        #expect(try SafeRegex("").firstMatch(in: "") == "")
    }

    @Test("whole-value matching, case flags and Unicode classes as ICU had them")
    func wholeValue() throws {
        #expect(try SafeRegex("a|ab").matchesWhole("ab"))
        #expect(try !SafeRegex("[0-9]{3}").matchesWhole("1234"))
        #expect(try SafeRegex("(?i)[一-龯]+市|abc").matchesWhole("ABC"))
        #expect(try SafeRegex(#"\d{3}-\d{4}"#).matchesWhole("２５２-５２７７"))
        #expect(try SafeRegex(#"\w+\s\w+"#).matchesWhole("山田　花子"))
        #expect(try SafeRegex(#"[\d-]+"#).matchesWhole("２５２-5277"))
        #expect(try SafeRegex(#"\Q\d\E"#).matchesWhole(#"\d"#))
        #expect(try SafeRegex(#"[]a]+"#).matchesWhole("a]"))
        #expect(try SafeRegex(#"[[:digit:]]+"#).matchesWhole("42"))
        #expect(try SafeRegex(#"\d{3}\-\d{4}\x{3000}\(\.\)"#).matchesWhole("252-5277　(.)"))
        #expect(try SafeRegex(#"(?s)a.b"#).matchesWhole("a\nb"))
        #expect(try !SafeRegex(#"a.b"#).matchesWhole("a\nb"))
        #expect(try SafeRegex("(?P<番号>[0-9]+)号").firstMatch(in: "第12号", group: 1) == "12")
    }

    @Test("backreferences and lookaround are refused with RE2's reason")
    func refusedSyntax() {
        for pattern in [
            #"(a)\1"#, "(?=a)a", "a(?!b)", "(?<=a)b", "[0-9", "a*+", "(?>a)", #"(?<n>a)\k<n>"#, "a{1001}",
        ] {
            #expect(throws: SafeRegexError.self) { try SafeRegex(pattern) }
        }
        let error = #expect(throws: SafeRegexError.self) { try SafeRegex(#"(a)\1"#) }
        #expect(error?.reason.contains(#"\1"#) == true)
        #expect(error?.description.contains("RE2 syntax") == true)
    }

    @Test("a backreference in a regex reader is refused at its line and column")
    func loaderRefusesBackreference() throws {
        try expectIssue(
            WorkflowLoaderTests.valid.replacingOccurrences(
                of: "{name: 氏名, zone: [360, 111, 764, 122], required: true}",
                with: #"{name: 氏名, regex: '(山田)\1'}"#), line: 6, column: 23, containing: "does not compile")
    }

    @Test("lookaround in a pattern check is refused at its line and column")
    func loaderRefusesLookaround() throws {
        try expectIssue(
            WorkflowLoaderTests.valid.replacingOccurrences(
                of: "type: date}", with: "type: date, pattern: '(?!0)[0-9]+'}"), line: 7, column: 67,
            containing: "does not compile")
    }

    @Test("a backtracking regex reader passes the check and cannot hang the reading")
    func backtrackingReaderIsFast() throws {
        let scratch = try Scratch()
        let workflow = try WorkflowLoader().load(
            try scratch.write(
                WorkflowLoaderTests.valid.replacingOccurrences(
                    of: "{name: 氏名, zone: [360, 111, 764, 122], required: true}",
                    with: "{name: 受付, regex: '(.+)+Z'}")))
        guard case .regex(let pattern, let group) = workflow.fields[0].reader else {
            Issue.record("not a regex reader")
            return
        }
        let start = ContinuousClock.now
        #expect(
            try SafeRegex(pattern).firstMatch(in: String(repeating: "受", count: 50_000), group: group) == nil)
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }
}
