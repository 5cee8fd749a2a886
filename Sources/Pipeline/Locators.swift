import Foundation
import Imaging
import OCR
import Workflow

/// Finds a value's zone beside a printed label in the page's recognised words.
enum LabelLocator {
    /// The zone to the right of or below the first run of words that spells the label.
    static func valueZone(for anchor: LabelAnchor, in words: [RecognizedWord], alignment: PageAlignment)
        -> Rect?
    {
        let target = squeeze(anchor.text)
        guard !target.isEmpty else { return nil }
        for start in words.indices {
            var joined = ""
            var box: Rect?
            for word in words[start...] {
                joined += squeeze(word.text)
                box = box.map { $0.union(word.box) } ?? word.box
                if joined.count >= target.count { break }
            }
            guard let box, joined.hasPrefix(target) else { continue }
            let scale = alignment.templateToStraightened
            let width = Int(Double(anchor.width) * scale.a)
            let height = Int(Double(anchor.height) * scale.e)
            let gap = Int(12 * scale.a)
            switch anchor.direction {
            case .right:
                return Rect(
                    x: box.maxX + gap, y: box.y + box.height / 2 - height / 2, width: width, height: height)
            case .below:
                return Rect(x: box.x, y: box.maxY + gap, width: width, height: height)
            }
        }
        return nil
    }

    static func squeeze(_ text: String) -> String {
        Transform.nfkc.apply(text).filter { !$0.isWhitespace }
    }
}

/// Finds a value by regular expression in the page's text.
///
/// The pattern runs on RE2 (`SafeRegex`): linear time whatever the pattern, over at most the first
/// `SafeRegex.maxInputCharacters` characters of the page, so no workflow regex can hang a run.
enum RegexLocator {
    /// The capture group `group` of the first match in `text`; `nil` when nothing matches (or the
    /// pattern does not compile, which `rpa check` and the loader already refuse).
    static func firstMatch(_ pattern: String, group: Int, in text: String) -> String? {
        guard let regex = try? SafeRegex(pattern) else { return nil }
        return regex.firstMatch(in: text, group: group)
    }
}
