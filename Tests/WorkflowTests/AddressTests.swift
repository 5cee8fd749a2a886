import Foundation
import Testing
import Workflow

/// Addresses: the place before the block number is matched to the city's list, written as the list
/// writes it; the block number and the building after it are kept as read.
@Suite("Addresses and their place lists")
struct AddressTests {
    let places = AddressText.places(
        ["神奈川県相模原市緑区久保沢", "神奈川県相模原市緑区下九沢", "神奈川県相模原市中央区淵野辺", "神奈川県相模原市中央区東淵野辺"],
        source: "machiaza.txt")

    func match(_ address: String) -> Result<String, ValidationFailure> {
        AddressText.matchPlace(address, in: places)
    }

    @Test("place, block number and building are told apart")
    func parts() {
        let (place, rest) = AddressText.split("相模原市南区若松6-24-14 ハイツ若松406")
        #expect(place == "相模原市南区若松" && rest == "6-24-14 ハイツ若松406")
        #expect(AddressText.building(after: rest) == " ハイツ若松406")
        #expect(AddressText.building(after: "3丁目15番21号") == "")
        #expect(AddressText.building(after: "15番地 コーポ102") == " コーポ102")
        #expect(AddressText.building(after: "4丁目22番7号〜8号") == "")
        #expect(AddressText.building(after: "1234番地の5") == "")
        // No block number: everything after the place is free text.
        #expect(AddressText.building(after: AddressText.split("相模原市中央区").rest) == "")
    }

    @Test("the place is written as the list writes it, with or without the prefecture")
    func corrected() throws {
        #expect(try match("相模原市緑区久保沢3-6-8").get() == "相模原市緑区久保沢3-6-8")
        #expect(try match("神奈川県相模原市緑区久保汎3丁目15番21号").get() == "神奈川県相模原市緑区久保沢3丁目15番21号")
        #expect(try match("神奈用県相模原市緑区下九沢1-2-3 コーポ101").get() == "神奈川県相模原市緑区下九沢1-2-3 コーポ101")
    }

    @Test("a place close to two entries, or to none, or no place at all: a person decides")
    func refused() {
        // 湯野辺 is one edit from 淵野辺 and two from 東淵野辺: not guessed.
        for (address, code) in [
            ("相模原市中央区湯野辺1-22-25", "ambiguous_vocabulary"),
            ("東京都町田市原町田1-2-3", "not_in_vocabulary"),
            ("1-2-3", "not_in_vocabulary"),
            // Misreadings, never addresses: a dash read as a dot, 丁 as 」, a speck after the number.
            ("相模原市緑区久保沢4.27-16 コーポ101", "format"),
            ("相模原市緑区久保沢5」目11番5号", "format"),
            ("相模原市緑区久保沢3丁目26番22号 _", "format"),
        ] {
            guard case .failure(let failure) = match(address) else {
                Issue.record("\(address) was accepted")
                continue
            }
            #expect(failure.code == code)
            #expect(!failure.message.contains("町田") && !failure.message.contains("淵野辺"))
        }
    }

    @Test("the committed place list loads, every entry a place in 相模原市")
    func committedList() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../workflows/vocabularies/sagamihara-machiaza.txt").standardized
        let list = try Vocabulary(contentsOf: url)
        #expect(list.entries.count > 100)
        #expect(list.entries.allSatisfy { $0.hasPrefix("神奈川県相模原市") })
    }
}
