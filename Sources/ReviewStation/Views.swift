import Foundation
import Pipeline
import Workflow

/// `GET /api/queue`: what waits, per workflow.
struct QueueView: Encodable {
    var workflows: [WorkflowQueue]

    struct WorkflowQueue: Encodable {
        var id: String
        var name: String
        var version: Int
        var waiting: Int
        var oldest: Date?
        var reasons: [ReasonCount]
        var documents: [Item]
    }

    struct ReasonCount: Encodable {
        var code: String
        var message: String
        var count: Int
    }

    struct Item: Encodable {
        var id: String
        var file: String
        var reasons: [String]
        var doubtful: Int
        var queuedAt: Date
        var takenBy: String?
    }
}

/// `GET /api/documents/{id}`: one document as the reviewer sees it, sensitive values masked.
struct DocumentView: Encodable {
    var id: String
    var workflow: WorkflowRef
    var file: String
    var pages: [PageView]
    var takenBy: String?
    var problems: [ReasonView]
    var fields: [FieldView]
    var earlier: EarlierView?
    var next: String?

    struct WorkflowRef: Encodable {
        var id: String
        var name: String
        var version: Int
    }

    struct PageView: Encodable {
        var number: Int
        var image: String
        var width: Int?
        var height: Int?
    }

    struct EarlierView: Encodable {
        var version: Int
        var outcome: String
        var values: [String: String]
    }
}

struct ReasonView: Encodable {
    var code: String
    var message: String
    var fields: [String]?

    init(_ reason: Reason) {
        code = reason.code
        message = reason.message
        fields = reason.fields
    }
}

/// One field: the value read, the second reading, why it is doubtful, where it is on the page.
struct FieldView: Encodable {
    var index: Int
    var name: String
    var type: String
    var kind: String
    var options: [String]?
    var value: String
    var raw: String
    var second: String?
    var confidence: Int
    var doubtful: Bool
    var reasons: [ReasonView]
    var required: Bool
    var sensitive: Bool
    var crop: String?
    var zone: ZoneView?

    /// The field's place in fractions of its page, for drawing over the page image at any size.
    struct ZoneView: Encodable {
        var page: Int
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        init(_ area: FieldArea) {
            let width = Double(max(1, area.pageWidth))
            let height = Double(max(1, area.pageHeight))
            page = area.page
            x = Double(area.rect.x) / width
            y = Double(area.rect.y) / height
            self.width = Double(area.rect.width) / width
            self.height = Double(area.rect.height) / height
        }
    }
}

/// One thing that still fails, as `POST …/check` and a refused resolution answer it.
struct FindingView: Encodable {
    var field: String?
    var fields: [String]?
    var code: String
    var message: String
    var overridable: Bool

    init(_ finding: FieldEvaluator.Finding) {
        field = finding.field
        fields = finding.reason.fields
        code = finding.reason.code
        message = finding.reason.message
        overridable = finding.overridable
    }
}

/// `POST …/check`.
struct CheckView: Encodable {
    var ok: Bool
    var overridable: Bool
    var findings: [FindingView]
}

/// `POST …/claim`.
struct ClaimView: Encodable {
    var claim: String
    var reviewer: String
    var leaseSeconds: Int
}

/// `POST …/resolution`.
struct ResolutionView: Encodable {
    var outcome: String
    var minutes: Double
    var next: String?
}

// Request bodies.
struct ClaimRequest: Decodable {
    var reviewer: String
}

struct HeldRequest: Decodable {
    var claim: String
}

struct CheckRequest: Decodable {
    var claim: String
    var values: [String: String]?
    /// A corrected sensitive value typed a second time (二重入力), by field name.
    var confirmations: [String: String]?
}

struct RevealRequest: Decodable {
    var claim: String
    var field: String
}

struct ResolutionRequest: Decodable {
    var claim: String
    var values: [String: String]?
    var confirmations: [String: String]?
    var override: String?
    var reject: String?
}
