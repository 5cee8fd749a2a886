import Workflow

/// What the neural recognizer (trained mostly on Chinese) writes differently from a Japanese form,
/// folded before its reading is compared with Tesseract's. The folded text is compared only: a value
/// that reaches an output is always a reading as Tesseract or a person gave it.
enum NeuralText {
    /// Simplified and traditional Chinese forms the model writes for the Japanese kanji (黑 for 黒).
    /// Only forms no Japanese form is written with: 澤 濱 邊 齋 國 廣 櫻 會 實 are left alone, since
    /// names are spelt with them (澤田, 渡邊, 齋藤).
    static let variants: [Character: Character] = {
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

    /// Whether every small kana in `text` follows a kana it can follow in a Japanese word: ャュョ after
    /// an i-row kana (キャ, シュ, チョ), ァィゥェォ after the kana they make sounds with (ファ, ティ, ウィ,
    /// シェ, トゥ), ッ after a kana and before another; ヮ never (ヶ is a place's ヶ丘). Both engines misread a kana's size
    /// on handwriting (ムラカミュイナ, オカダョウコ, グランハイッ208): such a reading settles nothing.
    static func plausibleKana(_ text: String) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "ャ", "ュ", "ョ", "ゃ", "ゅ", "ょ":
                guard let before, "キシチニヒミリギジヂビピヴきしちにひみりぎじぢびぴ".contains(before) else { return false }
            case "ァ", "ィ", "ゥ", "ェ", "ォ", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ":
                guard let before, "ウクグスズツテデトドフヴシジチヒビピキギニミリイうくぐすずつてでとどふしじち".contains(before)
                else { return false }
            case "ッ", "っ":
                guard let before, let after, isKana(before), isKana(after) else { return false }
            case "ヮ":
                return false
            default:
                continue
            }
        }
        return true
    }

    private static func isKana(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x3041...0x30FA).contains($0.value) }
    }

    /// `text` with the model's habits undone for a field of `type`: Chinese variants as Japanese
    /// kanji; in a date, the era 令和 it reads as 合和 or 今和 (no date is written so); in a number, a
    /// period between a digit and three digits as the thousands comma it reads it for (132.686円).
    static func folded(_ text: String, type: FieldType) -> String {
        var characters = Array(text.map { variants[$0] ?? $0 })
        if type == .date {
            for index in characters.indices.dropLast()
            where "合今".contains(characters[index]) && characters[index + 1] == "和" {
                characters[index] = "令"
            }
        }
        if type == .number {
            for index in characters.indices where characters[index] == "." {
                let digits = characters[(index + 1)...].prefix { $0.isASCII && $0.isNumber }
                if index > 0, characters[index - 1].isNumber, digits.count == 3 { characters[index] = "," }
            }
        }
        return String(characters)
    }
}
