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
            + "树樹"
        var table: [Character: Character] = [:]
        var iterator = pairs.makeIterator()
        while let from = iterator.next(), let to = iterator.next() { table[from] = to }
        return table
    }()

    /// Each small kana and its large form (ィ and イ): both engines misread a kana's size on
    /// handwriting.
    package static let largeKana: [Character: Character] = {
        let small = Array("ァィゥェォャュョぁぃぅぇぉゃゅょ")
        let large = Array("アイウエオヤユヨあいうえおやゆよ")
        return Dictionary(uniqueKeysWithValues: zip(small, large))
    }()

    /// Whether the small kana `small` can follow `before` in a Japanese word: ャュョ after an i-row
    /// kana (キャ, シュ, チョ), ァィゥェォ after the kana they make sounds with (ファ, ティ, ウィ, シェ,
    /// トゥ); never at a word's start.
    package static func smallKana(_ small: Character, mayFollow before: Character?) -> Bool {
        guard let before else { return false }
        switch small {
        case "ャ", "ュ", "ョ", "ゃ", "ゅ", "ょ":
            return "キシチニヒミリギジヂビピヴきしちにひみりぎじぢびぴ".contains(before)
        case "ァ", "ィ", "ゥ", "ェ", "ォ", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ":
            return "ウクグスズツテデトドフヴシジチヒビピキギニミリイうくぐすずつてでとどふしじち".contains(before)
        default:
            return true
        }
    }
}
