import Foundation
import Imaging
import Yams

/// Reads typed values out of a composed YAML tree, collecting a `WorkflowIssue` (with the node's line
/// and column) for each mistake instead of stopping at the first.
final class NodeReader {
    let file: String
    private(set) var issues: [WorkflowIssue] = []
    /// Nodes visited; a bound on work however the document is shaped.
    private var visited = 0
    static let maxNodes = 50_000

    init(file: String) {
        self.file = file
    }

    func report(at line: Int, column: Int, _ message: String) {
        issues.append(WorkflowIssue(file: file, line: line, column: column, message: message))
    }

    func report(_ node: Node?, _ message: String) {
        let mark = node?.mark
        issues.append(
            WorkflowIssue(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// Counts a node: a bound on work however the document is shaped (anchors are refused earlier).
    func visit(_ node: Node) -> Bool {
        visited += 1
        if visited == Self.maxNodes {
            report(
                node, "the workflow has more than \(Self.maxNodes) values; split it or write it out plainly")
        }
        return visited < Self.maxNodes
    }

    /// The entries of a mapping, reporting keys that are not in `allowed` (with the closest match).
    func mapping(_ node: Node, allowed: [String], context: String) -> [String: Node]? {
        guard visit(node) else { return nil }
        guard let pairs = node.mapping else {
            report(node, "\(context) must be a mapping of key: value")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in pairs {
            guard let key = keyNode.scalar?.string else {
                report(keyNode, "keys in \(context) must be plain words")
                continue
            }
            if !allowed.contains(key) {
                let hint = Self.closest(key, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                report(
                    keyNode,
                    "unknown key '\(key)' in \(context)\(hint) (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            result[key] = value
        }
        return result
    }

    func string(_ node: Node?, _ what: String) -> String? {
        guard let node, visit(node) else { return nil }
        guard let scalar = node.scalar, node.tag.rawValue != Tag.Name.null.rawValue else {
            report(node, "\(what) must be text")
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node?, _ what: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let node, visit(node) else { return nil }
        guard node.scalar != nil, let value = node.int else {
            report(node, "\(what) must be a whole number")
            return nil
        }
        if let range, !range.contains(value) {
            report(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    func double(_ node: Node?, _ what: String, range: ClosedRange<Double>? = nil) -> Double? {
        guard let node, visit(node) else { return nil }
        guard node.scalar != nil, let value = node.float ?? node.int.map(Double.init) else {
            report(node, "\(what) must be a number")
            return nil
        }
        if let range, !range.contains(value) {
            report(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node, visit(node) else { return nil }
        guard node.scalar != nil, let value = node.bool else {
            report(node, "\(what) must be true or false")
            return nil
        }
        return value
    }

    func sequence(_ node: Node?, _ what: String) -> [Node]? {
        guard let node, visit(node) else { return nil }
        guard let items = node.sequence else {
            report(node, "\(what) must be a list")
            return nil
        }
        return Array(items)
    }

    /// A zone written `[x, y, width, height]` in template pixels.
    func rect(_ node: Node?, _ what: String) -> Rect? {
        guard let items = sequence(node, what) else { return nil }
        let numbers = items.compactMap { visit($0) ? $0.int : nil }
        guard items.count == 4, numbers.count == 4 else {
            report(
                node, "\(what) must be [x, y, width, height] in template pixels, e.g. [620, 480, 1660, 150]")
            return nil
        }
        guard numbers[2] > 0, numbers[3] > 0, numbers[0] >= 0, numbers[1] >= 0 else {
            report(node, "\(what) needs a positive width and height and a position inside the page")
            return nil
        }
        return Rect(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
    }

    /// The allowed word nearest to a misspelt one (edit distance ≤ 2), for "did you mean".
    static func closest(_ word: String, in candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, ca) in a.enumerated() {
                var current = [i + 1]
                for (j, cb) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
        let scored = candidates.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }
}

extension Node {
    var line: Int { mark?.line ?? 1 }
    var column: Int { mark?.column ?? 1 }
}
