import Foundation
import JapaneseCalendar
import OCR
import Workflow

/// Turns raw readings into normalised, checked values and decides whether a document is accepted.
///
/// A document is accepted only when every required field has a value, every check and rule passes
/// and every field's confidence reaches the threshold; anything else goes to review with a reason.
public struct FieldEvaluator: Sendable {
    public let workflow: Workflow
    /// The date rules and date checks call `today` (in Japan).
    public let today: CalendarDate

    public init(workflow: Workflow, today: CalendarDate = .today()) {
        self.workflow = workflow
        self.today = today
    }

    /// The fields' results and the document-level problems (failed rules).
    public func evaluate(_ readings: [FieldReading]) -> (fields: [FieldResult], problems: [Reason]) {
        let fields = zip(workflow.fields, readings).map(evaluate)
        return (fields, rules(fields))
    }

    func evaluate(_ spec: FieldSpec, _ reading: FieldReading) -> FieldResult {
        var result = FieldResult(
            name: spec.name, value: "", options: nil, raw: reading.text, confidence: reading.confidence,
            reasons: [],
            sensitive: spec.sensitive)
        if let problem = reading.problem {
            result.reasons.append(problem)
            return result
        }
        let threshold = spec.minConfidence ?? workflow.review.minConfidence
        if !reading.marks.isEmpty {
            evaluateMarks(spec, reading, threshold: threshold, into: &result)
            return result
        }
        // Tesseract reading nothing where there is ink (a lone printed 1) leaves the model's reading.
        if !reading.blank && reading.text.isEmpty && neuralSettlement(spec, reading) == nil {
            result.reasons.append(
                Reason(code: "not_read", message: "the zone holds writing but nothing could be read"))
            return result
        }
        if reading.blank {
            if spec.required {
                result.reasons.append(Reason(code: "required", message: "required field is blank"))
            }
            return result
        }
        var doubts = ocrDoubts(spec, reading)
        // Where the neural engine settles the field with Tesseract's second reading, or alone, that
        // reading is the value.
        var checked = validate(spec, text: neuralSettlement(spec, reading) ?? reading.text)
        result.value = checked.value
        // A sensitive field's second and third readings are not kept: the run state seals only value
        // and raw.
        result.second = spec.sensitive ? nil : reading.verification
        if let neural = reading.neural, !spec.sensitive {
            result.neural = neural.text
            result.neuralProbability = neural.minimumProbability
        }
        if let third = reading.tieBreak, !spec.sensitive {
            result.third = third.text
            result.thirdConfidence = third.minimumWordConfidence
        }
        if reading.tieBreakModel != Tessdata.standardJapanese {
            // The first model read the zone again at another scale (confirming digits is done by
            // `ocrDoubts`): where the two models disagreed, the field is judged on the first model's
            // two readings, as it would be without the other model's check.
            if !doubts.isEmpty, !agreedByTwoModels(spec, reading), let third = reading.tieBreak {
                var sameModel = reading
                sameModel.verification = third.text
                sameModel.independentlyVerified = false
                doubts = ocrDoubts(spec, sameModel)
            }
        } else if !doubts.isEmpty || !checked.normalized, let third = reading.tieBreak {
            switch breakTie(spec, reading, third: third, first: checked) {
            case .agreed(let agreed):
                // Two independent models read the same valid value: the doubt is answered, and only
                // what the paper itself breaks (checks) is left for review.
                doubts = []
                checked = agreed
                result.value = agreed.value
            case .failed(let reason):
                doubts.append(reason)
            }
        }
        result.reasons += doubts
        result.reasons += checked.findings.map(\.reason)
        return result
    }

    /// The least word confidence a tie-breaking reading needs to settle a doubt. Chosen on generated
    /// sets with seeds 8101–8103 (30 forms per type, docs/ocr.md): of the ties the standard model
    /// settled, the one wrong value had 32 and the right ones 5–97; 50 leaves a margin.
    static let tieBreakFloor = 50.0

    /// What the third reading decided.
    enum TieBreak {
        /// It agrees with the first or the second reading, whose value is valid for the type.
        case agreed(value: (value: String, normalized: Bool, findings: [Finding]))
        /// It settles nothing: the reason says which evidence failed.
        case failed(Reason)
    }

    /// Compares the standard model's reading with the first (or, when the first is not a valid value,
    /// the second) after the field's transforms and type normalisation; agreement on a valid value
    /// settles the field.
    func breakTie(
        _ spec: FieldSpec, _ reading: FieldReading, third: TextRecognition,
        first: (value: String, normalized: Bool, findings: [Finding])
    ) -> TieBreak {
        guard case .success(let thirdValue) = normalized(spec, third.text), !thirdValue.isEmpty else {
            return .failed(
                Reason(
                    code: "no_agreement",
                    message: "the third reading (standard jpn model) is not a valid value for the field"))
        }
        guard third.minimumWordConfidence >= Self.tieBreakFloor else {
            return .failed(
                Reason(
                    code: "no_agreement",
                    message:
                        "the third reading (standard jpn model) has confidence \(Int(third.minimumWordConfidence.rounded())), below \(Int(Self.tieBreakFloor))"
                ))
        }
        let target = Self.comparable(thirdValue)
        if first.normalized, Self.comparable(first.value) == target {
            return .agreed(value: first)
        }
        // Agreement with the second reading counts only when the first is not a valid value (a date
        // ending in H): on seeds 8101–8103 the script model and the standard model shared a look-alike
        // name kanji against a right fast reading (運 for 蓮) 3 times in 28, agreement with the first
        // was never wrong (44).
        if !first.normalized, let second = reading.verification {
            let checked = validate(spec, text: second)
            if checked.normalized, Self.comparable(checked.value) == target {
                return .agreed(value: checked)
            }
        }
        return .failed(
            Reason(
                code: "no_agreement",
                message:
                    "the third reading (standard jpn model) does not agree with the first reading"
                    + " (nor, when that is not valid, with the second)"))
    }

    /// The doubts the readings leave on a text field: a confidence below the threshold (or below 75
    /// for a word holding a digit), or a second reading that disagrees.
    ///
    /// Two models agreeing on a value of a structured type (a date, katakana, a number) are evidence
    /// enough whatever Tesseract's confidence in its letters: on seeds 8101–8103 no such agreement was
    /// wrong, while the confidence of right readings went down to 0 (年 in a date, a hyphenated number).
    /// Digits are the exception: both models read 平成11年 as 平成1年 (digit confidence 68 and 42) on a
    /// committed sample, so a word holding a digit below 75 needs the first model, at another scale, to
    /// say the same too (it read 11). Free text (names, addresses) still needs the threshold: there both
    /// models shared wrong readings. A field's own `min_confidence` is always held to: its author asked
    /// for it.
    func ocrDoubts(_ spec: FieldSpec, _ reading: FieldReading) -> [Reason] {
        let settlement = neuralSettlement(spec, reading)
        // A mark at either end of a name or an address is a speck read as a period as often as writing
        // (坂本美咲 . agreed by Tesseract's second reading and the model at 0.72, held-out print).
        if [.text, .address, .katakana].contains(spec.type),
            [reading.text, settlement].contains(where: { Self.strayMark($0) })
        {
            return [
                Reason(code: "unstable_reading", message: "a mark at the end of the writing may be a speck")
            ]
        }
        if settlement != nil { return [] }
        // A small kana where no word has one: Tesseract's two models misread a kana's size alike on
        // handwriting (オガワァオイ for オガワアオイ, calibration hands), so their agreement says nothing.
        if !NeuralText.plausibleKana(Self.comparable(reading.text)) {
            return [Reason(code: "unstable_reading", message: "a small kana stands where no word has one")]
        }
        // The independent engine reading another valid value is a doubt nothing else answers: Tesseract's
        // `eng` at two scales agreed on 042-744-0145 where the paper (held-out hands) said 042-714-0145.
        if let neural = reading.neural, neural.minimumProbability >= Self.neuralFloor,
            neuralValue(spec, neural.text) != nil, !neuralAgrees(spec, reading.text, neural.text)
        {
            return [Reason(code: "unstable_reading", message: "the neural recognizer reads another value")]
        }
        // Katakana: Tesseract's two models misread handwritten kana alike, so the model writing other
        // kana is a doubt their agreement does not answer, at any probability (held-out hands, a scan
        // lined up a few pixels otherwise: イノウェナオフコ agreed by both, the model read イノウエ
        // ナオコ as イノウェーナオコ at 0.56). On the calibration sets no katakana was accepted over such
        // a reading: the rule costs nothing there.
        if spec.type == .katakana, let neural = reading.neural, !neural.text.isEmpty,
            Self.kanaLetters(NeuralText.folded(neural.text, type: .katakana))
                != Self.kanaLetters(reading.text)
        {
            return [Reason(code: "unstable_reading", message: "the neural recognizer reads other kana")]
        }
        // Digits alone: the neural recognizer unsure of a digit is a doubt whatever Tesseract's models say.
        if let neural = reading.neural, !Self.digitsSure(spec, neural) {
            let lowest = Int(((neural.minimumDigitProbability ?? 0) * 100).rounded())
            return [
                Reason(code: "low_confidence", message: "the neural recognizer gives a digit only \(lowest)%")
            ]
        }
        let threshold = spec.minConfidence ?? workflow.review.minConfidence
        if agreedByTwoModels(spec, reading) {
            // An address's place is settled by its list and its block number by the digits' evidence;
            // the building after them is free text, held to the threshold like a name.
            if spec.type == .address, let building = buildingConfidence(spec, reading), building < threshold {
                return [
                    Reason(
                        code: "low_confidence",
                        message:
                            "OCR confidence \(Int(building.rounded())) of the building name is below \(Int(threshold))"
                    )
                ]
            }
            if reading.digitConfidence >= Self.digitFloor { return [] }
            if let third = reading.tieBreak, reading.tieBreakModel != Tessdata.standardJapanese,
                readingsAgree(spec, reading.text, third.text)
            {
                return []
            }
            return [
                Reason(
                    code: "low_confidence",
                    message:
                        "OCR confidence \(Int(reading.digitConfidence.rounded())) of a number is below \(Int(Self.digitFloor)), and a reading at another scale does not confirm it"
                )
            ]
        }
        // Digits carry the meaning of dates, amounts and house numbers, and jpn misreads them with
        // middling confidence (0 → 9 at 67): words holding digits need at least 75.
        let digitThreshold = max(threshold, Self.digitFloor)
        var reasons: [Reason] = []
        if reading.confidence < threshold {
            reasons.append(
                Reason(
                    code: "low_confidence",
                    message: "OCR confidence \(Int(reading.confidence.rounded())) is below \(Int(threshold))")
            )
        }
        if reading.digitConfidence < digitThreshold {
            reasons.append(
                Reason(
                    code: "low_confidence",
                    message:
                        "OCR confidence \(Int(reading.digitConfidence.rounded())) of a number is below \(Int(digitThreshold))"
                ))
        }
        if case .success = normalized(spec, reading.text), let second = reading.verification,
            !readingsAgree(spec, reading.text, second)
        {
            reasons.append(
                Reason(code: "unstable_reading", message: "a second, independent reading disagrees"))
        }
        return reasons
    }

    /// The lowest confidence of the first reading's words that hold part of an address's building
    /// (what follows the block number), or nil when there is none or it is katakana and numbers only
    /// (two models agreeing settle those, as they settle a katakana field; the numbers are held to
    /// the digits' floor).
    ///
    /// The words are matched from the end: only the place at the start was replaced by the list's
    /// entry, so the building is the same characters in the value and in the words.
    func buildingConfidence(_ spec: FieldSpec, _ reading: FieldReading) -> Double? {
        guard case .success(let value) = normalized(spec, reading.text) else { return nil }
        let part = AddressText.building(after: AddressText.split(value).rest)
        let building = Self.comparable(String(part))
        guard !building.isEmpty, !AddressText.isKanaAndNumbers(part) else { return nil }
        var remaining = building.count
        var lowest = 100.0
        for word in reading.words.reversed() where remaining > 0 {
            let length = Self.comparable(word.text).count
            guard length > 0 else { continue }
            lowest = min(lowest, word.confidence)
            remaining -= length
        }
        return remaining > 0 ? min(lowest, reading.confidence) : lowest
    }

    /// The confidence a word holding 0–9 needs (jpn read 昭和50年 as 昭和59年 at 67).
    static let digitFloor = 75.0

    /// Whether two different models read the same valid value of a structured type (or the same
    /// entry of the field's vocabulary), and the field has no threshold of its own.
    func agreedByTwoModels(_ spec: FieldSpec, _ reading: FieldReading) -> Bool {
        guard spec.type.characterSet != nil || spec.vocabulary != nil, spec.minConfidence == nil,
            reading.independentlyVerified, let second = reading.verification,
            case .success = normalized(spec, reading.text)
        else { return false }
        return readingsAgree(spec, reading.text, second)
    }

    /// Whether the neural reading agrees with Tesseract's first reading well enough to settle the
    /// field (``neuralSettlement(_:_:)``'s first rule): Tesseract's second reading would change
    /// nothing, so `FormReader` does not make it. Every other field gets all its readings.
    func settledWithFirstReading(_ spec: FieldSpec, _ reading: FieldReading) -> Bool {
        guard !reading.blank, let neural = usableNeural(spec, reading) else { return false }
        return neuralAgrees(spec, reading.text, neural.reading.text)
    }

    /// The neural reading when it may settle the field at all, with its ``weighedProbability(_:_:)``:
    /// no `min_confidence` of the field's own, every character that needs one at ≥ 0.7, and on digits
    /// alone every digit at ≥ 0.95.
    private func usableNeural(_ spec: FieldSpec, _ reading: FieldReading) -> (
        reading: LineReading, lowest: Double
    )? {
        guard spec.minConfidence == nil, let neural = reading.neural, Self.digitsSure(spec, neural) else {
            return nil
        }
        let lowest = weighedProbability(spec, neural)
        return lowest >= Self.neuralFloor ? (neural, lowest) : nil
    }

    /// The lowest probability of the neural reading's characters that need one: all but an address's
    /// place when the place, as read, is an entry of the field's list with no other entry within one
    /// edit (1 when nothing follows it). The list vouches for it: the model spreads its belief over a
    /// handwritten place's kanji (双葉 at 0.58, 古淵 at 0.45 on the calibration hands, both right),
    /// while a misreading would have to change two characters to land on another entry.
    func weighedProbability(_ spec: FieldSpec, _ neural: LineReading) -> Double {
        let characters = neural.characters
        guard spec.type == .address, let places = spec.vocabulary,
            let start = characters.firstIndex(where: { $0.text.first?.isDigitGlyph == true }),
            places.isolatedEntry(
                NeuralText.folded(characters[..<start].map(\.text).joined(), type: .address))
        else { return neural.minimumProbability }
        return characters[start...].filter { $0.text != " " }.map(\.probability).min() ?? 1
    }

    /// Whether `text` starts or ends with a punctuation mark (. , ・ ' ` _ : ; 。 、).
    static func strayMark(_ text: String?) -> Bool {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), let first = trimmed.first,
            let last = trimmed.last
        else { return false }
        return [first, last].contains { ".,・'`_:;。、･".contains($0) }
    }

    /// The lowest character probability a neural reading needs for its agreement with Tesseract to
    /// settle a field. Chosen on seeds 8101–8103 (docs/ocr.md): of 817 fields where the two engines
    /// agreed, none was wrong at any floor; 0.7 keeps 801 of them and a margin for unseen forms.
    static let neuralFloor = 0.7

    /// Whether a type's value is digits alone (a postal code, a phone number, an amount): no word,
    /// no calendar, nothing around a digit tells what it is.
    static func digitsAlone(_ type: FieldType) -> Bool {
        [.digits, .number, .myNumber, .corporateNumber, .postalCode, .phone].contains(type)
    }

    /// On a field of digits alone, every digit the neural recognizer read needs the probability its
    /// reading alone needs (0.95) for any reading to settle the field. Real handwritten digits (the UCI
    /// set, PipelineTests' HandwrittenDigitGateTests) showed every engine agreeing on an ambiguous
    /// digit: an 8 that looks like a 2, read 2 by Tesseract's two models at 87 and by the model at
    /// 0.75; a 9 read 5 by `eng` at 46 and by the model at 0.93 (the rest of that step on a blank, not
    /// on another digit: the other digits' share is no sign). On digits alone nothing else (a word, a
    /// calendar) says which digit it is: the model's doubt is the only sign. Separators (`,` `-`) are
    /// not held to it: the type's normalisation drops them.
    static func digitsSure(_ spec: FieldSpec, _ neural: LineReading) -> Bool {
        !digitsAlone(spec.type) || (neural.minimumDigitProbability ?? 1) >= neuralAloneFloor
    }

    /// Whether a Tesseract reading and the neural recognizer's, two engines that fail in different
    /// ways, read the same valid value, with no threshold of the field's own: the field's checks, lists
    /// and the workflow's rules still apply.
    func settledByNeural(_ spec: FieldSpec, _ reading: FieldReading) -> Bool {
        neuralSettlement(spec, reading) != nil
    }

    /// The reading that settles the field with the neural recognizer's evidence, or nil:
    /// - the Tesseract reading the neural reading agrees with: the first, else the second (Tesseract's
    ///   other model, which reads handwriting the first misses), the neural reading at ≥ 0.7;
    /// - else the neural reading alone (folded), when every character has ≥ 0.95, it is a valid value
    ///   of the field, its kana are spelt as a name can be, and Tesseract's first reading did not see
    ///   more characters: its letters may be wrong on handwriting, but where it saw more the model may
    ///   have dropped one (山 智子 for 山口 智子 at 0.985 beside 山日智子; メン501 for メゾン501 at 0.97).
    ///   The second reading's length is no such sign: the script model splits a handwritten stroke
    ///   into characters of its own (上 崎 了 橋 for 山崎 隆, オガ ロワ マコ ト), and was the only longer
    ///   reading in 14 fields of the calibration hands the model read right, and in no wrong one.
    ///   A type of a fixed number of digits (``fixedLength(_:)``) needs no such check: a reading that
    ///   dropped a digit is not a valid value.
    /// Never for a field with a `min_confidence` of its own.
    func neuralSettlement(_ spec: FieldSpec, _ reading: FieldReading) -> String? {
        guard let (neural, lowest) = usableNeural(spec, reading) else { return nil }
        let tesseract = [reading.text, reading.verification].compactMap { $0 }
        if let agreed = tesseract.first(where: { neuralAgrees(spec, $0, neural.text) }) { return agreed }
        let folded = NeuralText.folded(neural.text, type: spec.type)
        let length = Self.comparable(folded).count
        guard lowest >= Self.neuralAloneFloor, neuralValue(spec, neural.text) != nil,
            NeuralText.plausibleKana(folded),
            Self.fixedLength(spec.type) || Self.comparable(reading.text).count <= length
        else { return nil }
        return folded
    }

    /// Whether every valid value of a type has the same number of digits: 個人番号 (12), 法人番号 (13),
    /// 郵便番号 (7). On handwriting in boxes Tesseract reads a box's side as a 1 (13 or 14 digits for a
    /// 個人番号 in 26 of 77 calibration hands), while the model read all 77 right.
    static func fixedLength(_ type: FieldType) -> Bool {
        [.myNumber, .corporateNumber, .postalCode].contains(type)
    }

    /// The lowest character probability a neural reading needs to settle a field alone. Chosen on the
    /// calibration hands (seeds 9201–9203, docs/ocr.md): no valid reading settled alone at ≥ 0.95 with
    /// the kana and length checks was wrong there (nor on printed seeds 8101–8103).
    static let neuralAloneFloor = 0.95

    /// A Tesseract reading after the field's transforms and normalisation, or nil when not valid.
    package func readingValue(_ spec: FieldSpec, _ text: String) -> String? {
        try? normalized(spec, text).get()
    }

    /// The neural reading after its habits are folded (``NeuralText``) and the field's normalisation,
    /// or nil when it is not a valid value of the field.
    package func neuralValue(_ spec: FieldSpec, _ text: String) -> String? {
        try? normalized(spec, NeuralText.folded(text, type: spec.type)).get()
    }

    /// Whether the neural reading, folded, says the same as `text` (a Tesseract reading), which is a
    /// valid value of the field.
    ///
    /// Unlike two Tesseract models, small and large kana are told apart (ュ is not ユ): the neural model
    /// writes small kana large and Tesseract large ones small, so where they differ neither is known
    /// right. A value whose kana no name is spelt with (ュイナ, ワァ) settles nothing.
    package func neuralAgrees(_ spec: FieldSpec, _ text: String, _ neural: String) -> Bool {
        guard case .success = normalized(spec, text), NeuralText.plausibleKana(text) else { return false }
        let folded = NeuralText.folded(neural, type: spec.type)
        let tesseract = Self.comparable(comparedForm(spec, text))
        if tesseract == Self.comparable(comparedForm(spec, folded)) { return true }
        // The gap between a katakana family name and given name, read as ー by the model where
        // Tesseract saw the gap (ナカジマーサチコ beside ナカジマ サチコ, printed calibration seeds).
        return spec.type == .katakana && text.contains(where: \.isWhitespace) && !tesseract.contains("-")
            && tesseract == Self.comparable(comparedForm(spec, folded.filter { $0 != "ー" }))
    }

    /// Whether two models agree on a structured value but a word holding a digit is below the digits'
    /// floor: the first model then reads the zone again at another scale to confirm it.
    func needsConfirmation(_ spec: FieldSpec, _ reading: FieldReading) -> Bool {
        !settledByNeural(spec, reading) && agreedByTwoModels(spec, reading)
            && reading.digitConfidence < Self.digitFloor
    }

    /// Whether the first two readings of a text field leave a tie for a third to break: the second
    /// disagrees with the first, or the first is not a valid value and a second exists. Such a field is
    /// worth a third reading (`FormReader` asks before reading it).
    ///
    /// A field whose two readings agree but with low confidence is not: measured on seeds 8101–8103,
    /// the standard model then agreed with the same wrong reading in 4 of 52 cases (a missing or
    /// look-alike name kanji all three models share, confidence up to 94), so its agreement there is
    /// no evidence.
    func doubtful(_ spec: FieldSpec, _ reading: FieldReading) -> Bool {
        guard reading.problem == nil, reading.marks.isEmpty, !reading.blank, !reading.text.isEmpty,
            let second = reading.verification
        else { return false }
        if settledByNeural(spec, reading) { return false }
        guard case .success = normalized(spec, reading.text) else { return true }
        return !readingsAgree(spec, reading.text, second)
    }

    /// A reading after the field's transforms and its type's normalisation.
    /// A field with a vocabulary takes the one entry the reading is close to.
    func normalized(_ spec: FieldSpec, _ text: String) -> Result<String, ValidationFailure> {
        let value = cleaned(spec, text)
        guard let vocabulary = spec.vocabulary, case .success(let normal) = value, !normal.isEmpty else {
            return value
        }
        return spec.type == .address
            ? AddressText.matchPlace(normal, in: vocabulary) : vocabulary.match(normal)
    }

    /// A reading after the field's transforms and its type's normalisation, before any vocabulary.
    private func cleaned(_ spec: FieldSpec, _ text: String) -> Result<String, ValidationFailure> {
        spec.type.normalize(Transform.apply(spec.transforms, to: text))
    }

    /// Whether two readings say the same after the field's transforms and type normalisation (a
    /// reading that cannot be normalised is compared as read).
    ///
    /// Katakana are compared with small kana as large (ャ as ヤ): the `Japanese` script model reads
    /// large kana small at the start of names (ャマダ for ヤマダ), while no reading on seeds 8101–8103,
    /// 8301–8303 or 8201–8203 turned a small kana large; the value kept is the first reading's. The
    /// later reading is also compared without the small kana it writes beside the same large kana
    /// (ョ ヨシダ, イィトウ): no word is spelt so, so nothing the first reading could have lost. ッ is
    /// left alone: カッツ and ツッコミ are words.
    package func readingsAgree(_ spec: FieldSpec, _ first: String, _ later: String) -> Bool {
        let comparable = { (text: String) -> String in
            Self.comparable(self.comparedForm(spec, text))
        }
        guard spec.type == .katakana else { return comparable(first) == comparable(later) }
        return Self.largeKana(comparable(first)) == Self.largeKana(Self.withoutGhostKana(comparable(later)))
    }

    /// Without each small kana other than ッ that stands beside its own large kana (ョヨ, イィ, ヤャ).
    static func withoutGhostKana(_ text: String) -> String {
        let characters = Array(text)
        let large = Array(largeKana(text))
        return String(
            characters.indices.compactMap { index -> Character? in
                let ghost =
                    large[index] != characters[index] && characters[index] != "ッ"
                    && (index > 0 && characters[index - 1] == large[index]
                        || index + 1 < characters.count && characters[index + 1] == large[index])
                return ghost ? nil : characters[index]
            })
    }

    /// The form a reading is compared in: normalised, or as read when it cannot be. An address's place
    /// is the entry nearest to it even without the margin a value needs: the second model's 湯野辺
    /// still points to the 淵野辺 the first reading settled, and no farther entry. A phone number
    /// read with a 9 where its first digit must be 0 is compared with the 0: `jpn` reads that 0 as 9
    /// (942-754-1111), and a Japanese number always starts with 0.
    private func comparedForm(_ spec: FieldSpec, _ text: String) -> String {
        if spec.type == .address, let places = spec.vocabulary,
            case .success(let clean) = cleaned(spec, text),
            let nearest = AddressText.nearestPlace(clean, in: places)
        {
            return nearest
        }
        switch normalized(spec, text) {
        case .success(let value):
            return value
        case .failure where spec.type == .phone:
            guard let first = text.firstIndex(where: \.isDigitGlyph), text[first] == "9" else { return text }
            var zero = text
            zero.replaceSubrange(first...first, with: "0")
            return (try? normalized(spec, zero).get()) ?? text
        case .failure:
            return text
        }
    }

    /// A reading's katakana letters, each in its large form: no marks, spaces or ー (the model reads
    /// the gap between family and given name as ー).
    static func kanaLetters(_ text: String) -> String {
        largeKana(
            String(
                text.unicodeScalars.filter { (0x30A1...0x30FA).contains($0.value) }.map(Character.init)))
    }

    /// Small kana written large: ァ → ア, ッ → ツ, ャ → ヤ.
    static func largeKana(_ text: String) -> String {
        let small = Array("ァィゥェォッャュョヮヵヶ")
        let large = Array("アイウエオツヤユヨワカケ")
        return String(
            text.map { character in small.firstIndex(of: character).map { large[$0] } ?? character })
    }

    /// One thing wrong with a value, and whether a person may accept the document regardless
    /// (a check or rule the paper really breaks), or must correct it (a value of the wrong type).
    public struct Finding: Sendable, Equatable {
        /// The field it concerns; nil for a rule over several fields.
        public var field: String?
        public var reason: Reason
        public var overridable: Bool

        public init(field: String?, reason: Reason, overridable: Bool) {
            self.field = field
            self.reason = reason
            self.overridable = overridable
        }
    }

    /// The one path every text value takes, read by OCR or typed by a person: the field's
    /// transforms, its type's normalisation, `required`, then its checks.
    func validate(_ spec: FieldSpec, text: String) -> (value: String, normalized: Bool, findings: [Finding]) {
        switch normalized(spec, text) {
        case .success(let value):
            var findings: [Finding] = []
            if value.isEmpty && spec.required {
                findings.append(
                    Finding(
                        field: spec.name,
                        reason: Reason(code: "required", message: "required field is blank after clean-up"),
                        overridable: true))
            }
            findings += spec.checks.compactMap { $0.validate(value, today: today) }.map {
                Finding(
                    field: spec.name, reason: Reason(code: $0.code, message: $0.message), overridable: true)
            }
            return (value, true, findings)
        case .failure(let failure):
            let reason = Reason(code: failure.code, message: failure.message)
            return ("", false, [Finding(field: spec.name, reason: reason, overridable: false)])
        }
    }

    private func evaluateMarks(
        _ spec: FieldSpec, _ reading: FieldReading, threshold: Double, into result: inout FieldResult
    ) {
        let ticked = reading.marks.filter(\.reading.checked).map(\.name)
        result.options = ticked
        result.value = ticked.joined(separator: ";")
        for mark in reading.marks where mark.reading.confidence < threshold {
            result.reasons.append(
                Reason(
                    code: "uncertain_mark",
                    message: "the box '\(mark.name)' is neither clearly ticked nor clearly empty"))
        }
        result.reasons += checkTicked(spec, ticked).map(\.reason)
    }

    /// The one check of ticked boxes, read by OCR or given by a person: a required field needs one,
    /// a `choice` takes at most one.
    func checkTicked(_ spec: FieldSpec, _ ticked: [String]) -> [Finding] {
        var findings: [Finding] = []
        if spec.required && ticked.isEmpty {
            findings.append(
                Finding(
                    field: spec.name, reason: Reason(code: "required", message: "no box is ticked"),
                    overridable: true))
        }
        if spec.type == .choice && ticked.count > 1 {
            findings.append(
                Finding(
                    field: spec.name,
                    reason: Reason(
                        code: "several_ticked", message: "only one box may be ticked, \(ticked.count) are"),
                    overridable: false))
        }
        return findings
    }

    /// The form two readings are compared in: models differ in how they write dashes (- ー － 一) and
    /// spaces, which is not a disagreement about what is printed.
    static func comparable(_ text: String) -> String {
        String(
            Transform.nfkc.apply(text).compactMap { character -> Character? in
                if character.isWhitespace { return nil }
                return "‐‑‒–—―ー－一−".contains(character) ? "-" : character
            })
    }

    /// Each rule that fails, or cannot be evaluated, becomes a document-level reason.
    /// `doubtful` names the fields whose value means nothing yet (by default every field with a reason).
    func rules(_ fields: [FieldResult], doubtful: Set<String>? = nil) -> [Reason] {
        var values: [String: RuleValue] = [:]
        for (spec, field) in zip(workflow.fields, fields) {
            values[spec.name] = Self.ruleValue(spec, field)
        }
        let doubtful = doubtful ?? Set(fields.filter { !$0.reasons.isEmpty }.map(\.name))
        return workflow.rules.compactMap { rule in
            // A rule over a doubtful field says nothing new: the document is in review already.
            if !rule.expression.fieldNames.isDisjoint(with: doubtful) { return nil }
            do {
                if try rule.expression.evaluate(values, today: today) { return nil }
                return Reason(
                    code: "rule", message: rule.message ?? "rule failed: \(rule.source)",
                    fields: rule.expression.fieldNames.sorted())
            } catch {
                return Reason(
                    code: "rule", message: "rule could not be checked (\(rule.source)): \(error)",
                    fields: rule.expression.fieldNames.sorted())
            }
        }
    }

    static func ruleValue(_ spec: FieldSpec, _ field: FieldResult) -> RuleValue {
        if let options = field.options {
            // A choice is one answer: compared as text (本人との関係 == '本人'); checkboxes are a list.
            if spec.type == .choice { return options.count == 1 ? .string(options[0]) : .null }
            return .list(options.map(RuleValue.string))
        }
        return RuleValue(normalized: field.value, type: spec.type)
    }
}
