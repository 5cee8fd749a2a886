import Foundation
import Hummingbird
import Ledger
import Pipeline

/// Why the station refused a request: an HTTP status, a stable code for scripts, words for the
/// reviewer, and for a document that fails its checks the findings beside the fields they concern.
/// Messages never hold a value read from a form.
struct StationError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var findings: [FindingView]? = nil
    var takenBy: String? = nil

    static func notFound(_ what: String) -> StationError {
        StationError(status: .notFound, code: "not_found", message: "no \(what) here")
    }
    static func badRequest(_ message: String) -> StationError {
        StationError(status: .badRequest, code: "bad_request", message: message)
    }
    static func scanUnavailable(_ why: String) -> StationError {
        StationError(
            status: .gone, code: "scan_unavailable",
            message: "the scan cannot be shown: \(why); review this document from the paper")
    }
    static func taken(by reviewer: String) -> StationError {
        StationError(
            status: .conflict, code: "taken", message: "\(reviewer) has this document open", takenBy: reviewer
        )
    }
    static let notHeld = StationError(
        status: .conflict, code: "not_held",
        message: "this document is no longer open for you (it was left too long, or resolved); open it again")

    /// A fault below the API, as the station answers it: the shared ledger out of reach is 503, said
    /// so the reviewer waits and tries again (the station reconnects by itself); anything else
    /// (a full disk, an unwritable ledger) is 500, in words.
    init(fault error: any Error) {
        if case LedgerError.unreachable = error {
            self.init(
                status: .serviceUnavailable, code: "ledger_unreachable",
                message: "共有の台帳（PostgreSQL）に接続できません。少し待ってからやり直してください。 "
                    + "The shared ledger cannot be reached; try again in a moment.")
        } else {
            self.init(
                status: .internalServerError, code: "failed",
                message: "the station could not finish this: \(error); try again "
                    + "(a resolution stopped half-way is finished by the next `rpa run`)")
        }
    }

    /// The error a review resolution or check gave, as the station answers it.
    init(_ error: ReviewError) {
        switch error {
        case .notFound, .ambiguous:
            self.init(status: .notFound, code: "not_found", message: error.description)
        case .taken(_, let reviewer):
            self = .taken(by: reviewer)
        case .served:
            self.init(status: .conflict, code: "served", message: error.description)
        case .alreadyResolved:
            self.init(
                status: .conflict, code: "already_resolved", message: "this document was resolved already")
        case .unknownField(let name):
            self.init(
                status: .badRequest, code: "unknown_field", message: "the workflow has no field \(name)")
        case .minutesOutOfRange:
            self.init(status: .unprocessableContent, code: "minutes_out_of_range", message: error.description)
        case .reasonMissing(let what):
            self.init(
                status: .unprocessableContent, code: "reason_missing",
                message: "\(what) needs a reason in words")
        case .stillInvalid(let lines, _):
            self.init(
                status: .unprocessableContent, code: "still_invalid",
                message: "the document cannot be accepted yet: " + lines.joined(separator: "; "))
        }
    }

    init(
        status: HTTPResponse.Status, code: String, message: String, findings: [FindingView]? = nil,
        takenBy: String? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.findings = findings
        self.takenBy = takenBy
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(error: code, message: message, findings: findings, takenBy: takenBy)
        return try JSONBody.response(body, status: status)
    }

    private struct Body: Encodable {
        var error: String
        var message: String
        var findings: [FindingView]?
        var takenBy: String?
    }
}
