/// White-space collapsing that knows Japanese is written without spaces.
enum CJKSpacing {
    /// Each run of white space becomes one ASCII space, or nothing when the run sits between two
    /// CJK characters ("相模原市 中央区" → "相模原市中央区", "Hanako  Yamada" → "Hanako Yamada").
    static func collapse(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                let joinsCJK = output.last.map(CJKScript.contains) == true && CJKScript.contains(character)
                if !joinsCJK { output.append(" ") }
                pendingSpace = false
            }
            output.append(character)
        }
        if pendingSpace { output.append(" ") }
        return output
    }
}
