import Foundation
import OCR
import Pipeline
import Samples
import Testing
import Workflow

/// The standard `jpn` model as the tie-breaker on doubtful fields (`ocr.tie_break`), through the real
/// engine on the committed sample batches.
@Suite("Tie-breaking doubtful fields with the standard jpn model", .serialized)
struct TieBreakTests {
    @Test("the tie-breaker settles doubtful fields it agrees on and lets no wrong value through")
    func settlesWithoutSilentErrors() async throws {
        // The set-up step (scripts/install-deps.sh, run by `make test`) installs the model: without
        // it this test fails rather than skips.
        let tessdata = try Tessdata.discover()
        #expect(
            tessdata.installedLanguages.contains(Tessdata.standardJapanese),
            "jpn_std is not in \(tessdata.directory.path): run scripts/install-deps.sh")
        var settled: [String] = []
        var thirdReadings = 0
        for form in ["juminhyo", "jidoteate", "tennyu"] {
            let scratch = try BatchTests.Scratch()
            let truth = try GroundTruth.load(BatchTests.batch(form))
            try scratch.add(truth.files.map { BatchTests.batch(form).appendingPathComponent($0.file) })
            var workflow = try BatchTests.workflow(form)
            #expect(workflow.ocr.verify && !workflow.ocr.tieBreak, "\(form): the tie-breaker is opt-in")
            workflow.ocr.tieBreak = true
            // Tesseract's readings alone: the neural recognizer now settles, before any third reading,
            // every field of these samples the tie-breaker used to, and this suite is about the latter.
            _ = try await BatchTests().run(workflow, scratch, neural: false)
            let results = ResultStore(root: scratch.output, workflow: workflow.id, version: workflow.version)
                .all()
            var score = Score()
            score.add(results, truth: truth, failed: 0)
            #expect(score.silentDocuments == 0, "\(form): \(score.silentExamples)")
            #expect(score.acceptedFieldsCorrect == score.acceptedFields, "\(form)")
            for result in results {
                let expected = try #require(truth.files.first { $0.file == result.file })
                // Fields read with `eng` are read a third time by `eng` itself: only the standard
                // model's readings of `jpn` fields are this suite's.
                let japanese = { (name: String) in workflow.field(name)?.language == nil }
                for field in result.fields where field.third != nil && japanese(field.name) {
                    thirdReadings += 1
                    // A field read a third time was doubtful after two readings; with no reason left,
                    // the tie-breaker settled it, and it must be right.
                    guard field.reasons.isEmpty else { continue }
                    settled.append("\(result.file) \(field.name)")
                    #expect(
                        expected.values[field.name]?.matches(field) == true,
                        "\(result.file) \(field.name): settled on a wrong value")
                }
                // Every remaining doubt that the third reading did not settle says so.
                for field in result.fields
                where field.third != nil && japanese(field.name) && !field.reasons.isEmpty {
                    let codes = Set(field.reasons.map(\.code))
                    let onlyChecks = codes.isDisjoint(with: [
                        "low_confidence", "unstable_reading", "no_agreement",
                    ])
                    #expect(
                        onlyChecks || codes.contains("no_agreement"),
                        "\(result.file) \(field.name): \(codes.sorted())")
                }
            }
        }
        #expect(thirdReadings > 0, "no doubtful field was read a third time")
        #expect(!settled.isEmpty, "the tie-breaker settled no doubtful field")
    }
}
