import Pipeline

/// Accuracy figures of `rpa run` results against ground truth: what is accepted must be right.
public struct Score: Codable, Sendable {
    public var documents = 0
    public var failed = 0
    public var accepted = 0
    public var review = 0
    public var acceptedFields = 0
    public var acceptedFieldsCorrect = 0
    public var silentDocuments = 0
    public var reviewWithRealProblem = 0
    public var invalidDocuments = 0
    public var invalidCaught = 0
    public var validDocuments = 0
    public var validAccepted = 0
    public var pages = 0
    public var ocrSeconds = 0.0
    /// Seconds inside ONNX Runtime (the neural recognizer).
    public var neuralSeconds = 0.0
    public var machineSeconds = 0.0
    public var silentExamples: [String] = []
    /// Fields scored, on documents that were accepted or sent to review.
    public var fields = 0
    /// Fields with a reason of their own (sent to review for that field).
    public var flaggedFields = 0
    /// Of those, fields whose value was nevertheless right: the gate's cost in staff minutes.
    public var flaggedFieldsRight = 0
    /// The same two counts for each field type (`text`, `address`, `date`, ...), when the caller
    /// names the types: where the gate's cost lies.
    public var byType: [String: FieldTally] = [:]

    /// Fields of one type scored, and those flagged although read right.
    public struct FieldTally: Codable, Sendable, Equatable {
        public var fields = 0
        public var flaggedRight = 0
        /// Text fields read by both engines, and how many each read exactly right before the gate:
        /// Tesseract's first reading, the neural reading (both normalised).
        public var read = 0
        public var tesseractRight = 0
        public var neuralRight = 0
    }

    /// Text fields read exactly right before the gate by each engine, and by the better engine of each
    /// field type.
    public var engineAccuracy: (tesseract: Int, neural: Int, better: Int, of: Int) {
        let tallies = byType.values
        return (
            tallies.reduce(0) { $0 + $1.tesseractRight }, tallies.reduce(0) { $0 + $1.neuralRight },
            tallies.reduce(0) { $0 + max($1.tesseractRight, $1.neuralRight) },
            tallies.reduce(0) { $0 + $1.read }
        )
    }

    public init() {}

    /// Scores `results` against `truth`; `types` gives each field's type for `byType`, and
    /// `normalized` (field name, a raw reading, whether it is the neural one) what the gate makes of a
    /// reading, for each engine's accuracy.
    public mutating func add(
        _ results: [DocumentResult], truth: GroundTruth, failed: Int, types: [String: String] = [:],
        normalized: (String, String, Bool) -> String? = { _, _, _ in nil }
    ) {
        self.failed += failed
        documents += failed
        for result in results {
            guard let expected = truth.files.first(where: { $0.file == result.file }) else { continue }
            documents += 1
            pages += result.pages
            ocrSeconds += result.ocrSeconds
            neuralSeconds += result.neuralSeconds
            machineSeconds += result.seconds
            // Fields the ground truth has no value for (a QR code's payload) are not scored.
            let scored = result.fields.filter { expected.values[$0.name] != nil }
            let wrong = scored.filter { field in
                !(expected.values[field.name]?.matches(field) ?? false)
            }
            if expected.valid { validDocuments += 1 } else { invalidDocuments += 1 }
            fields += scored.count
            let flagged = scored.filter { !$0.reasons.isEmpty }
            flaggedFields += flagged.count
            flaggedFieldsRight += flagged.filter { expected.values[$0.name]?.matches($0) ?? false }.count
            for field in scored {
                guard let type = types[field.name] else { continue }
                byType[type, default: FieldTally()].fields += 1
                if !field.reasons.isEmpty, expected.values[field.name]?.matches(field) ?? false {
                    byType[type, default: FieldTally()].flaggedRight += 1
                }
                if let neural = field.neural, let truth = expected.values[field.name] {
                    func right(_ raw: String, neural: Bool) -> Bool {
                        var read = field
                        read.value = normalized(field.name, raw, neural) ?? "\u{FFFD}"
                        return truth.matches(read)
                    }
                    byType[type, default: FieldTally()].read += 1
                    if right(field.raw, neural: false) {
                        byType[type, default: FieldTally()].tesseractRight += 1
                    }
                    if right(neural, neural: true) { byType[type, default: FieldTally()].neuralRight += 1 }
                }
            }
            switch result.outcome {
            case .accepted:
                accepted += 1
                acceptedFields += scored.count
                acceptedFieldsCorrect += scored.count - wrong.count
                if !wrong.isEmpty || !expected.valid {
                    silentDocuments += 1
                    silentExamples.append("\(result.file): \(wrong.map(\.name).joined(separator: ", "))")
                }
                if expected.valid { validAccepted += 1 }
            case .review:
                review += 1
                if !wrong.isEmpty || !expected.valid { reviewWithRealProblem += 1 }
                if !expected.valid { invalidCaught += 1 }
            case .failed, .rejected:
                self.failed += 1
            }
        }
    }
}
