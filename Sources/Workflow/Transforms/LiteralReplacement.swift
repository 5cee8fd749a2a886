/// The `replace` transform: literal, left to right, longest key first.
enum LiteralReplacement {
    /// Replaces each occurrence of a key in `text`; at each position the longest matching key wins,
    /// so `{"エ": "〒", "エン": "円"}` turns "エン" into "円". Replaced text is not scanned again.
    static func apply(_ table: [String: String], to text: String) -> String {
        let keys = table.keys.filter { !$0.isEmpty }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0 < $1
        }
        if keys.isEmpty { return text }
        var output = ""
        var index = text.startIndex
        outer: while index < text.endIndex {
            let rest = text[index...]
            for key in keys where rest.hasPrefix(key) {
                output += table[key] ?? ""
                index = text.index(index, offsetBy: key.count)
                continue outer
            }
            output.append(text[index])
            index = text.index(after: index)
        }
        return output
    }
}
