import Foundation
import Imaging
import Ledger

/// What happened to one document.
public enum DocumentOutcome: String, Sendable, Codable, Equatable {
    /// Every field read, valid and confident: written to the outputs.
    case accepted
    /// Something is doubtful: held in the review queue with the reasons.
    case review
    /// The file could not be processed at all (unreadable, not a scan).
    case failed
    /// A person rejected the form in review: it never reaches the outputs and claims no savings.
    case rejected
}

/// Why a field or a document needs a person. `code` is stable for scripts; `message` never holds
/// the value read (it may be personal data).
public struct Reason: Sendable, Codable, Equatable {
    public var code: String
    public var message: String
    /// For a rule: the fields it names, so a reviewer sees the message beside them.
    public var fields: [String]? = nil

    public init(code: String, message: String, fields: [String]? = nil) {
        self.code = code
        self.message = message
        self.fields = fields
    }
}

/// One field of a processed document.
public struct FieldResult: Sendable, Codable, Equatable {
    public var name: String
    /// The normalised value ("" when blank); for checkbox and choice fields the ticked options.
    public var value: String
    /// The ticked options of a checkbox or choice field.
    public var options: [String]?
    /// The text as Tesseract read it, before normalisation.
    public var raw: String
    /// The lowest word (or mark) confidence, 0–100.
    public var confidence: Double
    /// Empty when the field is fine.
    public var reasons: [Reason]
    /// Whether the field holds personal data to mask outside the outputs.
    public var sensitive: Bool
    /// The second, independent reading (another model or scale), when the workflow verifies readings.
    public var second: String? = nil
    /// The third reading, by the standard `jpn` model, when the first two left the field doubtful
    /// (`ocr.tie_break`); nil for a sensitive field, like `second`.
    public var third: String? = nil
    /// That third reading's lowest word confidence, 0–100.
    public var thirdConfidence: Double? = nil
    /// The neural recognizer's reading and its lowest character probability (0–1); nil for a
    /// sensitive field, like `second`.
    public var neural: String? = nil
    public var neuralProbability: Double? = nil
    /// Where it was read, on the straightened page: the review station draws and crops it from here.
    public var area: FieldArea? = nil
}

/// A field's place on a document: a page (from 1) and a rectangle in that page's straightened
/// pixels, with the page's size so the place can be drawn over any rendering of the page.
public struct FieldArea: Sendable, Codable, Equatable {
    public var page: Int
    public var rect: Rect
    public var pageWidth: Int
    public var pageHeight: Int

    public init(page: Int, rect: Rect, pageWidth: Int, pageHeight: Int) {
        self.page = page
        self.rect = rect
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
    }
}

/// What a person decided for a document in review.
public struct Resolution: Sendable, Codable, Equatable {
    public var at: Date
    /// Minutes the person actually spent (recorded in the ledger, replacing the estimate).
    public var minutes: Double
    /// The fields the person corrected, by name (their values are in the fields).
    public var corrected: [String]
    /// True when the person rejected the form: it is not written to the outputs.
    public var rejected: Bool
    /// Why the person rejected the form, or accepted it although a check or rule fails.
    public var reason: String? = nil
    /// The checks and rules the person overrode (their messages), when accepting against them.
    public var overridden: [String]? = nil
    /// Who resolved it: the reviewer's name in the review station, the user on the command line.
    public var reviewer: String? = nil
    /// True when `minutes` was measured by the review station (active time with the document open),
    /// false when a person typed it.
    public var measured: Bool? = nil
    /// The value of each corrected field before the correction (sensitive values masked), for the
    /// audit trail entry made from this resolution. Nil in resolutions recorded before rpa kept it.
    public var before: [String: String]? = nil

    /// The outcome the ledger records for this resolution.
    public var outcome: ReviewOutcome { rejected ? .rejected : corrected.isEmpty ? .accepted : .corrected }
}

/// A person's resolution of the same document under an earlier version of the workflow, shown when
/// the document is read again and comes out doubtful (sensitive values masked in the queue).
public struct EarlierResolution: Sendable, Codable, Equatable {
    /// The workflow version it was resolved under.
    public var version: Int
    public var resolution: Resolution
    /// The values the person gave, by field name.
    public var values: [String: String]
}

/// One processed document: the unit of outputs, the review queue and the ledger.
public struct DocumentResult: Sendable, Codable, Equatable {
    /// SHA-256 of the file's content: the document's identity across re-runs.
    public var document: String
    /// The file, relative to the scanned folder.
    public var file: String
    /// The file's absolute path when it was read: the review station renders pages and crops from it
    /// on request (after checking its content still has this document's hash).
    public var source: String? = nil
    public var workflow: String
    public var version: Int
    public var processedAt: Date
    public var outcome: DocumentOutcome
    public var pages: Int
    /// Seconds of machine time spent on the document.
    public var seconds: Double
    /// Of those, seconds spent inside libtesseract.
    public var ocrSeconds: Double = 0
    /// And inside ONNX Runtime (the neural recognizer).
    public var neuralSeconds: Double = 0
    public var fields: [FieldResult]
    /// Document-level reasons: failed rules, a page that could not be registered, a load error.
    public var problems: [Reason]
    /// Set when a person resolved the document from the review queue.
    public var resolution: Resolution?
    /// A person's resolution of this document under an earlier workflow version, if any.
    public var earlier: EarlierResolution? = nil

    /// Every reason, document-level and per field, for summaries.
    public var allReasons: [Reason] { problems + fields.flatMap(\.reasons) }
}
