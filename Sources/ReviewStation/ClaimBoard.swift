import Foundation

/// Who has which document open, and for how long they have been actively working on it.
///
/// A claim is a lease: a document someone has open is shown as taken to everyone else until its
/// holder resolves or releases it, or stops being heard from for `lease` seconds (then another
/// reviewer may open it, which ends the first claim). The active time
/// is measured from what the station hears from the holder (opening, typing, checks, the
/// resolution): the gaps between them add up, except gaps longer than `pause`, when nobody was
/// working on it. A value type with an injected clock, so tests can measure minutes exactly.
struct ClaimBoard: Sendable {
    struct Claim: Sendable {
        var token: String
        var reviewer: String
        var lastHeard: Date
        var activeSeconds: Double
    }

    enum Refusal: Error, Equatable {
        /// Someone else holds the document.
        case taken(by: String)
        /// The claim is unknown or has lapsed (and may have been taken by someone else since).
        case notHeld
    }

    var lease: TimeInterval = 300
    var pause: TimeInterval = 120
    private(set) var claims: [String: Claim] = [:]

    /// The reviewer holding `document`, if the claim is live.
    func holder(of document: String, now: Date) -> String? {
        guard let claim = claims[document], now.timeIntervalSince(claim.lastHeard) <= lease else {
            return nil
        }
        return claim.reviewer
    }

    /// Opens `document` for `reviewer`: a new claim, or the reviewer's own live one again (a reload,
    /// a second tab), keeping the time measured so far.
    mutating func claim(_ document: String, reviewer: String, now: Date) throws(Refusal) -> Claim {
        if let claim = claims[document], now.timeIntervalSince(claim.lastHeard) <= lease {
            guard claim.reviewer == reviewer else { throw .taken(by: claim.reviewer) }
            return try touch(document, token: claim.token, now: now)
        }
        let claim = Claim(
            token: StationConfiguration.randomToken(), reviewer: reviewer, lastHeard: now, activeSeconds: 0)
        claims[document] = claim
        return claim
    }

    /// Counts the time since the holder was last heard from, and renews the lease. A holder back
    /// after the lease lapsed keeps the document if nobody else opened it meanwhile.
    mutating func touch(_ document: String, token: String, now: Date) throws(Refusal) -> Claim {
        guard var claim = claims[document] else { throw .notHeld }
        guard claim.token == token else {
            if now.timeIntervalSince(claim.lastHeard) <= lease { throw .taken(by: claim.reviewer) }
            throw .notHeld
        }
        let gap = max(0, now.timeIntervalSince(claim.lastHeard))
        if gap <= pause { claim.activeSeconds += gap }
        claim.lastHeard = now
        claims[document] = claim
        return claim
    }

    /// Ends the claim (the document was resolved, or its holder left it).
    mutating func release(_ document: String, token: String) {
        if claims[document]?.token == token { claims[document] = nil }
    }
}
