import Foundation
import Testing

@testable import ReviewStation

/// Claims on documents and the active minutes measured from them.
@Suite("Claims and measured time")
struct ClaimBoardTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Active time adds the gaps between what the holder does, leaving out pauses over two minutes")
    func activeTime() throws {
        var board = ClaimBoard()
        let claim = try board.claim("doc", reviewer: "山田", now: start)
        _ = try board.touch("doc", token: claim.token, now: start + 30)
        _ = try board.touch("doc", token: claim.token, now: start + 90)
        // Away for ten minutes, then back: the pause is not review time.
        _ = try board.touch("doc", token: claim.token, now: start + 690)
        let last = try board.touch("doc", token: claim.token, now: start + 700)
        #expect(last.activeSeconds == 100)
        // A gap of exactly two minutes still counts; one second more does not.
        _ = try board.touch("doc", token: claim.token, now: start + 820)
        #expect(try board.touch("doc", token: claim.token, now: start + 941).activeSeconds == 220)
    }

    @Test("A document someone has open is taken for others until resolved, released or the lease lapses")
    func taken() throws {
        var board = ClaimBoard()
        let claim = try board.claim("doc", reviewer: "山田", now: start)
        #expect(throws: ClaimBoard.Refusal.taken(by: "山田")) {
            _ = try board.claim("doc", reviewer: "佐藤", now: start + 10)
        }
        #expect(throws: ClaimBoard.Refusal.taken(by: "山田")) {
            _ = try board.touch("doc", token: "forged", now: start + 10)
        }
        #expect(board.holder(of: "doc", now: start + 299) == "山田")
        #expect(board.holder(of: "doc", now: start + 301) == nil)
        let other = try board.claim("doc", reviewer: "佐藤", now: start + 301)
        #expect(throws: ClaimBoard.Refusal.taken(by: "佐藤")) {
            _ = try board.touch("doc", token: claim.token, now: start + 302)
        }
        board.release("doc", token: claim.token)
        #expect(board.holder(of: "doc", now: start + 303) == "佐藤")
        board.release("doc", token: other.token)
        #expect(board.holder(of: "doc", now: start + 303) == nil)
        #expect(throws: ClaimBoard.Refusal.notHeld) {
            _ = try board.touch("doc", token: other.token, now: start + 304)
        }
        // Back after the lease lapsed, with nobody else in between: still yours, the pause not counted.
        let late = try board.claim("doc", reviewer: "山田", now: start + 400)
        #expect(try board.touch("doc", token: late.token, now: start + 1000).activeSeconds == 0)
    }

    @Test("Opening the same document again (a reload) keeps the claim and the time measured")
    func reopen() throws {
        var board = ClaimBoard()
        let first = try board.claim("doc", reviewer: "山田", now: start)
        let again = try board.claim("doc", reviewer: "山田", now: start + 40)
        #expect(again.token == first.token)
        #expect(again.activeSeconds == 40)
    }
}
