import Foundation

/// A Japanese address as printed on a form: the place (都道府県, 市区町村, 町字), the block number
/// (3丁目15番21号, 3-15-21) and, after it, a building and room (サンハイツ107).
///
/// The place is the part a closed list can settle (a city knows its 町字); the block number is
/// digits; the building is free text. `FieldEvaluator` trusts each part on its own evidence.
package enum AddressText {
    /// The place and what follows it: the place is everything before the first digit.
    package static func split(_ address: String) -> (place: Substring, rest: Substring) {
        let start = address.firstIndex(where: \.isASCIIDigit) ?? address.endIndex
        return (address[..<start], address[start...])
    }

    /// What follows the block number: the building and room, or the whole rest when it does not start
    /// with a block number (3丁目15番21号, 3-15-21, 15番地, 15番21号).
    package static func building(after rest: Substring) -> Substring {
        guard let match = rest.prefixMatch(of: blockNumber) else { return rest }
        return rest[match.range.upperBound...]
    }

    /// The address with its place replaced by the entry of `places` it stands for (a reading's
    /// 久保汎 becomes the list's 久保沢), or why there is none: the place is not close to any entry, or
    /// it is as close to two, or what follows it is not a block number and a building.
    package static func matchPlace(_ address: String, in places: Vocabulary) -> Result<
        String, ValidationFailure
    > {
        let (place, rest) = split(address)
        guard !place.allSatisfy(\.isWhitespace) else {
            return .failure(
                ValidationFailure(
                    code: "not_in_vocabulary",
                    message: "does not start with a place of the list \(places.source)"))
        }
        guard isBlockAndBuilding(rest) else {
            return .failure(
                .format(
                    "has no block number in a usual form after the place (1丁目2番3号, 1-2-3, then the building)")
            )
        }
        return places.match(String(place)).map { $0 + rest }
    }

    /// Whether the rest of an address is empty, or a block number followed by nothing or by a building
    /// that starts with a letter: `4.27-16` (a dash read as a dot), `5」目` or a trailing `_` is a
    /// misreading, never an address.
    static func isBlockAndBuilding(_ rest: Substring) -> Bool {
        if rest.isEmpty { return true }
        guard rest.prefixMatch(of: blockNumber) != nil else { return false }
        let building = building(after: rest).drop(while: \.isWhitespace)
        return building.first.map(\.isLetter) ?? true
    }

    /// The address with its place replaced by the one entry of `places` nearest to it, with no margin
    /// to the runner-up: what a second reading points to, compared with the place the first settled.
    package static func nearestPlace(_ address: String, in places: Vocabulary) -> String? {
        let (place, rest) = split(address)
        return places.nearest(String(place)).map { $0 + rest }
    }

    /// Whether a building part is katakana and numbers only (サンハイツ107), which two models can
    /// settle like a katakana field; kanji in it (ハイツ若松) are free text.
    package static func isKanaAndNumbers(_ building: Substring) -> Bool {
        building.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII || (0x30A0...0x30FF).contains(scalar.value) || scalar.properties.isWhitespace
        }
    }

    /// A place list for addresses: each entry as written and, for an entry that starts with its
    /// prefecture (神奈川県相模原市…), the same entry without it, as most people write their own city.
    package static func places(_ entries: [String], source: String) -> Vocabulary {
        let shortened = entries.compactMap { entry -> String? in
            guard let prefecture = prefectures.first(where: entry.hasPrefix), entry.count > prefecture.count
            else { return nil }
            return String(entry.dropFirst(prefecture.count))
        }
        var seen = Set<String>()
        let all = (entries + shortened).filter { seen.insert($0).inserted }
        return Vocabulary(entries: all, source: source)
    }

    /// 3丁目15番21号, 3-15-21, 15番地の2, 7号〜8号: up to four numbers joined by 丁目, 番, 番地, 号, の, 〜
    /// or a dash.
    nonisolated(unsafe) private static let blockNumber =
        /[0-9]{1,5}(?:(?:丁目|番地?|号|の|〜|～|-|‐|ー|−)+[0-9]{1,5}){0,3}(?:号|番地?)?/

    /// The 47 prefectures, so an address list need hold each place only once.
    static let prefectures: [String] = [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
        "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
        "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
        "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
        "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ]
}

extension Character {
    /// 0–9 only (not full-width or other scripts' digits: addresses are compared after NFKC).
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
