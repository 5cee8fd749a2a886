import Foundation

/// The Japanese form of each kanji the neural recognizer (trained mostly on Chinese) may write in a
/// Chinese form. The recognizer adds a form's probability to its Japanese form's, and the gate
/// compares readings with these forms folded.
package enum JapaneseForms {
    /// Simplified and traditional Chinese forms the model writes for the Japanese kanji (黑 for 黒).
    /// Only forms no Japanese form is written with: 澤 濱 邊 齋 國 廣 櫻 會 實 are left alone, since
    /// names are spelt with them (澤田, 渡邊, 齋藤).
    package static let variants: [Character: Character] = {
        let pairs =
            // Traditional forms Japanese replaced, not found in names.
            "黑黒綠緑雜雑惠恵說説稅税收収戰戦單単營営驛駅藥薬醫医歲歳應応擔担賣売讀読學学縣県寫写區区號号當当處処"
            + "與与舊旧鄉郷發発經経續続緖緒繪絵樂楽濕湿"
            // Simplified forms.
            + "东東边辺泽沢广広丰豊车車长長门門马馬鸟鳥鱼魚书書县県阳陽桥橋风風冈岡岛島梦夢线線红紅绿緑织織纪紀"
            + "约約经経结結给給续続绪緒乡郷爱愛荣栄义義华華丽麗贵貴胜勝宽寛园園图図团団场場汉漢伟偉杰傑刚剛诚誠"
            + "树樹带帯帶帯"
        var table: [Character: Character] = [:]
        var iterator = pairs.makeIterator()
        while let from = iterator.next(), let to = iterator.next() { table[from] = to }
        return table
    }()

    /// Each small kana and its large form (ィ and イ, ッ and ツ): both engines misread a kana's size
    /// on handwriting.
    package static let largeKana: [Character: Character] = {
        let small = Array("ァィゥェォャュョッぁぃぅぇぉゃゅょっ")
        let large = Array("アイウエオヤユヨツあいうえおやゆよつ")
        return Dictionary(uniqueKeysWithValues: zip(small, large))
    }()

    /// Whether the small kana `small` can stand between `before` and `after` in a Japanese word: ャュョ
    /// after an i-row kana (キャ, シュ, チョ), ァィゥェォ after the kana they make sounds with (ファ,
    /// ティ, ウィ, シェ, トゥ), ッ between two kana before a sound that doubles (カッパ, ベッド; not マッモト);
    /// never at a word's start.
    package static func smallKana(_ small: Character, between before: Character?, and after: Character?)
        -> Bool
    {
        guard let before else { return false }
        switch small {
        case "ャ", "ュ", "ョ", "ゃ", "ゅ", "ょ":
            return "キシチニヒミリギジヂビピヴきしちにひみりぎじぢびぴ".contains(before)
        case "ァ", "ィ", "ゥ", "ェ", "ォ", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ":
            return "ウクグスズツテデトドフヴシジチヒビピキギニミリイうくぐすずつてでとどふしじち".contains(before)
        case "ッ", "っ":
            // Before a sound that doubles: not a vowel, ナ マ ヤ ラ ワ行, ン, ー or another small kana.
            guard isKana(before), let after, isKana(after) else { return false }
            return !"アイウエオナニヌネノマミムメモヤユヨラリルレロワヲンーァィゥェォャュョッあいうえおなにぬねのまみむめもやゆよらりるれろわをんぁぃぅぇぉゃゅょっ"
                .contains(after)
        default:
            return true
        }
    }

    /// Katakana and kanji written with the same strokes (ハ and 八, ニ and 二, ー and 一 and a dash):
    /// a reader tells them by their neighbours, the model cannot.
    package static let lookalikes: [[Character]] = [
        ["ハ", "八"], ["ニ", "二"], ["ロ", "口"], ["カ", "力"], ["タ", "夕"], ["ト", "卜"],
        ["ー", "一", "-"], ["令", "合", "今"],
    ]

    /// The one of `forms` (a small kana and its large form, or a set of ``lookalikes``) that can stand
    /// between `before` and the characters `following` it (the nearest that are not spaces), or nil when
    /// they allow more than one:
    /// - a small kana only where ``smallKana(_:between:and:)`` allows it;
    /// - a dash between two digits (3-10-8);
    /// - the era 令和 before a year (令和7年, 令和元年: 合和 and 今和 are no era);
    /// - else the script of the next character (ハイツ, 八王子, 二本松, コーポ), or at a word's end the
    ///   previous one (健一, 山口); the long-vowel mark only after a kana (一ノ瀬).
    package static func form(
        among forms: [Character], between before: Character?, and following: ArraySlice<Character>
    ) -> Character? {
        let after = following.first
        if let small = forms.first(where: { largeKana[$0] != nil }), let large = largeKana[small] {
            return smallKana(small, between: before, and: after) ? nil : large
        }
        if forms.contains("-"), before?.isDigitGlyph == true, after?.isDigitGlyph == true { return "-" }
        if forms.contains("令") {
            let year = following.dropFirst().first
            return after == "和" && (year?.isDigitGlyph == true || year == "元") ? "令" : nil
        }
        let neighbour = [after, before].compactMap { $0 }.first { isKatakana($0) || isKanji($0) }
        guard let neighbour, let kana = forms.first(where: isKatakana),
            let kanji = forms.first(where: isKanji)
        else { return nil }
        if isKanji(neighbour) || (kana == "ー" && !(before.map(isKana) ?? false)) { return kanji }
        return kana
    }

    package static func isKana(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x3041...0x30FA).contains($0.value) || $0.value == 0x30FC }
    }

    package static func isKatakana(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x30A1...0x30FA).contains($0.value) || $0.value == 0x30FC }
    }

    package static func isKanji(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy {
            (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) || $0 == "々"
        }
    }
}
