import Foundation
import Imaging

/// A paper form described once: where each field is, how to clean and check it, where results go
/// and how much staff time one form costs by hand. Decoded from a workflow YAML file.
public struct Workflow: Sendable {
    /// The form's name as staff know it, e.g. 住民票の写し等交付請求書.
    public var name: String
    /// A short identifier for file names and the ledger (the file's name without `.yml`).
    public var id: String
    /// Bumped whenever the workflow changes what it reads; documents are counted once per version.
    public var version: Int
    /// The department that owns the form (for the ledger's breakdowns).
    public var department: String?
    /// The blank form the zones were measured on.
    public var template: TemplateSpec
    /// OCR and clean-up settings for the whole form.
    public var ocr: OCRSettings
    /// The fields to read, in output order.
    public var fields: [FieldSpec]
    /// Cross-field rules; a document breaking one goes to review.
    public var rules: [RuleSpec]
    /// When a document needs a person.
    public var review: ReviewPolicy
    /// Where accepted documents are written.
    public var outputs: [OutputSpec]
    /// Staff minutes per form by hand, and the source of that figure.
    public var savings: SavingsSpec?
    /// The workflow file.
    public var file: URL

    /// The folder relative paths are resolved against, and that outputs must stay inside.
    public var folder: URL { file.deletingLastPathComponent() }

    /// The field with this name, if any.
    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

/// The blank form.
public struct TemplateSpec: Sendable {
    public var image: URL
    public var dpi: Int
}

/// OCR and clean-up settings.
public struct OCRSettings: Sendable {
    /// Languages loaded; a field may use any of them.
    public var languages: [String] = ["jpn", "eng"]
    public var binarization: Binarization = .otsu
    public var despeckle: Bool = false
    public var deskew: Bool = true
    /// Read every text zone twice, at two text heights, and send disagreements to review.
    public var verify: Bool = true
    /// With `verify`, read a `jpn` zone whose two readings disagree a third time with the standard
    /// `jpn` model (`jpn_std`, when installed) and accept it when that reading agrees with the first
    /// (docs/ocr.md). Off by default: on the benchmark it doubled straight-through forms but let 2 of
    /// 201 forms through with a wrong name or address, so it is not yet safe to be the default.
    public var tieBreak: Bool = false
}

/// How a field's value is found on the page.
public enum FieldReader: Sendable, Equatable {
    /// Text inside a zone given in template pixels.
    case zone(Rect)
    /// Text beside a printed label found on the page: to its right or below it.
    case label(LabelAnchor)
    /// The first match of a regular expression over the whole page's text.
    case regex(pattern: String, group: Int)
    /// Checkboxes: each option's box in template pixels.
    case boxes([BoxOption])
}

/// Where to look for a value relative to a printed label.
public struct LabelAnchor: Sendable, Equatable {
    public enum Direction: String, Sendable, Equatable { case right, below }
    public var text: String
    public var direction: Direction
    /// The size of the value's area, in template pixels.
    public var width: Int
    public var height: Int
}

/// One checkbox of a choice or checkbox field.
public struct BoxOption: Sendable, Equatable {
    public var name: String
    public var zone: Rect
}

/// A field to read.
public struct FieldSpec: Sendable {
    public var name: String
    public var reader: FieldReader
    public var type: FieldType
    /// Applied in order after the type's own normalisation... before it, in fact: see `Normalizer`.
    public var transforms: [Transform]
    /// Checks on the normalised value, compiled once when the workflow is loaded.
    public var checks: [CompiledFieldCheck]
    public var required: Bool
    /// Personal data shown masked everywhere except the outputs (review queue, logs, messages).
    public var sensitive: Bool
    /// Tesseract language for this field (e.g. eng for digits); the workflow's languages when nil.
    public var language: String?
    /// Tesseract page segmentation mode (7 one line, 6 block).
    public var psm: Int
    /// The only characters Tesseract may read; the type's character set when nil.
    public var whitelist: String?
    /// The closed list of values the field can take, when it has one.
    public var vocabulary: Vocabulary? = nil
    /// For a `qr` field: which fields its payload fills, and from which key.
    public var fill: [QRFill] = []
    /// Overrides the workflow's review threshold for this field.
    public var minConfidence: Double?
    /// The page of a multi-page document the field is on, from 1.
    public var page: Int
    /// The source line of the field's entry, for messages.
    public var line: Int
}

/// A cross-field rule, with the message a reviewer sees.
public struct RuleSpec: Sendable {
    public var source: String
    public var expression: RuleExpression
    public var message: String?
    public var line: Int
    public var column: Int
}

/// When a document goes to a person.
public struct ReviewPolicy: Sendable {
    /// The lowest word confidence (0–100) accepted without review.
    public var minConfidence: Double = 80
    /// The review queue folder, relative to the output root.
    public var queue: String
    /// The most minutes one review may record (a longer entry is refused as a mistake); 120 unless
    /// the workflow says otherwise, at most 480.
    public var maxMinutes: Double = 120
}

/// An output file for accepted documents.
public enum OutputSpec: Sendable, Equatable {
    case csv(path: String, encoding: CSVEncoding)
    case jsonl(path: String)

    public var path: String {
        switch self {
        case .csv(let path, _), .jsonl(let path): return path
        }
    }
}

/// CSV encodings core systems and Excel expect.
public enum CSVEncoding: String, Sendable, Equatable, CaseIterable {
    /// UTF-8 with a byte-order mark: what Excel in Japanese offices needs to open UTF-8 correctly.
    case utf8BOM = "utf-8-bom"
    case utf8 = "utf-8"
    /// Shift_JIS with the JIS X 0208 repertoire, still wanted by many core systems: what every
    /// Shift_JIS reader understands. NEC and IBM extensions (①, 髙) are refused.
    case shiftJIS = "shift_jis"
    /// Windows-31J (CP932): Shift_JIS plus the NEC and IBM extensions (①, Ⅱ, 髙, 﨑) that Windows
    /// systems accept.
    case cp932 = "cp932"
}

/// How much staff time one form costs by hand, as the city measured it.
public struct SavingsSpec: Sendable, Equatable {
    /// Minutes to key one form by hand (the baseline).
    public var manualMinutesPerDocument: Double
    /// Extra minutes per field read, if the survey counted per field.
    public var manualMinutesPerField: Double
    /// Minutes a person still spends on each form (filing, a glance) after automation.
    public var handlingMinutesPerDocument: Double
    /// Minutes a review is estimated to take, until a person records the real time.
    public var reviewMinutesPerDocument: Double
    /// Where the figures come from, e.g. 令和6年度 業務量調査.
    public var source: String
    /// The date the figures apply from (ISO 8601).
    public var validFrom: String
}

/// One field a QR code's payload fills: `field` takes the payload's value for `key`.
public struct QRFill: Sendable, Equatable {
    public var field: String
    public var key: String

    public init(field: String, key: String) {
        self.field = field
        self.key = key
    }
}
