import Foundation
import Imaging
import Yams

/// Turns the YAML tree into a `Workflow`, one section at a time; mistakes go to the reader.
struct WorkflowDecoder {
    let reader: NodeReader
    let url: URL

    static let topKeys = [
        "workflow", "id", "version", "department", "description", "template", "ocr", "fields", "rules",
        "review", "outputs", "savings",
    ]
    static let fieldKeys = [
        "name", "zone", "label", "regex", "group", "options", "type", "transform", "required", "sensitive",
        "lang", "psm", "whitelist", "min_confidence", "page", "pattern", "length", "enum", "min", "max",
        "vocabulary", "fill",
    ]

    func decode(_ root: Node) -> Workflow? {
        guard let top = reader.mapping(root, allowed: Self.topKeys, context: "the workflow") else {
            return nil
        }
        let name = required(top, "workflow", in: root) { reader.string($0, "workflow (the form's name)") }
        let version = required(top, "version", in: root) { reader.int($0, "version", range: 1...1_000_000) }
        let template = required(top, "template", in: root) { decodeTemplate($0) }
        let ocr = top["ocr"].flatMap(decodeOCR) ?? OCRSettings()
        let fields = required(top, "fields", in: root) { decodeFields($0, ocr: ocr) } ?? []
        let rules = top["rules"].flatMap(decodeRules) ?? []
        let id =
            top["id"].flatMap { reader.string($0, "id") } ?? url.deletingPathExtension().lastPathComponent
        if !id.isEmpty,
            !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            reader.report(
                top["id"] ?? root,
                "the id '\(id)' names folders, so it may hold only a-z, 0-9, - and _ (set 'id:' or rename the file)"
            )
        }
        let review = decodeReview(top["review"], id: id)
        let placedOutputs = top["outputs"].flatMap(decodeOutputs) ?? []
        let outputs = placedOutputs.map(\.spec)
        checkOutputPaths(placedOutputs, queue: review.queue, template: template)
        let savings = top["savings"].flatMap(decodeSavings)
        guard let name, let version, let template else { return nil }
        return Workflow(
            name: name, id: id, version: version,
            department: top["department"].flatMap { reader.string($0, "department") },
            template: template, ocr: ocr, fields: fields, rules: rules, review: review, outputs: outputs,
            savings: savings, file: url)
    }

    private func required<T>(_ map: [String: Node], _ key: String, in parent: Node, _ read: (Node) -> T?)
        -> T?
    {
        guard let node = map[key] else {
            reader.report(parent, "missing '\(key)'; see docs/workflows.md for what it holds")
            return nil
        }
        return read(node)
    }

    private func resolve(_ path: String) -> URL {
        path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : url.deletingLastPathComponent().appendingPathComponent(path)
    }

    private func decodeTemplate(_ node: Node) -> TemplateSpec? {
        guard let map = reader.mapping(node, allowed: ["image", "dpi"], context: "template") else {
            return nil
        }
        guard let imageNode = map["image"], let image = reader.string(imageNode, "template.image") else {
            reader.report(node, "template needs 'image': the blank form's scan, e.g. templates/form.png")
            return nil
        }
        let dpi = map["dpi"].flatMap { reader.int($0, "template.dpi", range: 100...1200) } ?? 300
        return TemplateSpec(image: resolve(image), dpi: dpi)
    }

    private func decodeOCR(_ node: Node) -> OCRSettings? {
        guard
            let map = reader.mapping(
                node, allowed: ["languages", "binarization", "despeckle", "deskew", "verify", "tie_break"],
                context: "ocr")
        else { return nil }
        var settings = OCRSettings()
        if let list = reader.sequence(map["languages"], "ocr.languages") {
            settings.languages = list.compactMap { reader.string($0, "a language") }
        }
        if let node = map["binarization"], let text = reader.string(node, "ocr.binarization") {
            if let method = Binarization(rawValue: text) {
                settings.binarization = method
            } else {
                reader.report(node, "binarization must be otsu or sauvola")
            }
        }
        if let value = map["despeckle"].flatMap({ reader.bool($0, "ocr.despeckle") }) {
            settings.despeckle = value
        }
        if let value = map["deskew"].flatMap({ reader.bool($0, "ocr.deskew") }) { settings.deskew = value }
        if let value = map["verify"].flatMap({ reader.bool($0, "ocr.verify") }) { settings.verify = value }
        if let value = map["tie_break"].flatMap({ reader.bool($0, "ocr.tie_break") }) {
            settings.tieBreak = value
        }
        return settings
    }

    private func decodeFields(_ node: Node, ocr: OCRSettings) -> [FieldSpec]? {
        guard let items = reader.sequence(node, "fields") else { return nil }
        if items.isEmpty { reader.report(node, "fields is empty; describe at least one field") }
        return items.compactMap {
            FieldDecoder(reader: reader, resolve: resolve).decode($0, languages: ocr.languages)
        }
    }

    private func decodeRules(_ node: Node) -> [RuleSpec]? {
        guard let items = reader.sequence(node, "rules") else { return nil }
        return items.compactMap { item -> RuleSpec? in
            var sourceNode = item
            var message: String?
            if item.mapping != nil {
                guard let map = reader.mapping(item, allowed: ["rule", "message"], context: "a rule"),
                    let ruleNode = map["rule"]
                else {
                    reader.report(item, "a rule written as a mapping needs 'rule: <expression>'")
                    return nil
                }
                sourceNode = ruleNode
                message = map["message"].flatMap { reader.string($0, "message") }
            }
            guard let source = reader.string(sourceNode, "a rule") else { return nil }
            do throws(RuleSyntaxError) {
                let expression = try RuleExpression.parse(source)
                return RuleSpec(
                    source: source, expression: expression, message: message, line: sourceNode.line,
                    column: sourceNode.column)
            } catch {
                let quoted =
                    sourceNode.scalar?.style == .doubleQuoted || sourceNode.scalar?.style == .singleQuoted
                reader.report(
                    at: sourceNode.line, column: sourceNode.column + (quoted ? 1 : 0) + error.offset,
                    "rule: \(error.message)")
                return nil
            }
        }
    }

    private func decodeReview(_ node: Node?, id: String) -> ReviewPolicy {
        var policy = ReviewPolicy(minConfidence: 80, queue: "review/\(id)")
        guard let node,
            let map = reader.mapping(
                node, allowed: ["min_confidence", "queue", "max_minutes"], context: "review")
        else {
            return policy
        }
        if let node = map["min_confidence"],
            let value = reader.double(node, "review.min_confidence", range: 0...100)
        {
            if value > 0 && value < 1 {
                reader.report(
                    node,
                    "min_confidence is a percentage from 0 to 100; write \(Int(value * 100)), not \(value)")
            }
            policy.minConfidence = value
        }
        if let node = map["max_minutes"],
            let value = reader.double(node, "review.max_minutes", range: 1...480)
        {
            policy.maxMinutes = value
        }
        if let queueNode = map["queue"], let queue = reader.string(queueNode, "review.queue") {
            if OutputPath.escapes(queue) {
                reader.report(queueNode, OutputPath.escapeMessage)
            } else {
                policy.queue = queue
            }
        }
        return policy
    }

    /// Refuses outputs that would overwrite one another, the review queue, the run state, the
    /// ledger, the template or this file (resolved against the workflow's folder, the default output
    /// root; `Workflow.outputConflicts` checks again against the run's own root and ledger).
    private func checkOutputPaths(
        _ outputs: [(node: Node, spec: OutputSpec)], queue: String, template: TemplateSpec?
    ) {
        var protected: [(url: URL, what: String)] = [(url, "the workflow file itself")]
        if let template { protected.append((template.image, "the template image")) }
        let conflicts = OutputPathRules.conflicts(
            outputs: outputs.map(\.spec.path), queue: queue, root: url.deletingLastPathComponent(),
            protected: protected)
        for conflict in conflicts {
            reader.report(outputs[conflict.index].node, conflict.message)
        }
    }

    private func decodeOutputs(_ node: Node) -> [(node: Node, spec: OutputSpec)]? {
        guard let items = reader.sequence(node, "outputs") else { return nil }
        return items.compactMap { item -> (node: Node, spec: OutputSpec)? in
            guard let map = reader.mapping(item, allowed: ["csv", "jsonl", "encoding"], context: "an output")
            else {
                return nil
            }
            let kinds = ["csv", "jsonl"].filter { map[$0] != nil }
            guard kinds.count == 1, let kind = kinds.first, let pathNode = map[kind],
                let path = reader.string(pathNode, kind)
            else {
                reader.report(item, "an output is either {csv: path} or {jsonl: path}")
                return nil
            }
            if OutputPath.escapes(path) {
                reader.report(pathNode, OutputPath.escapeMessage)
                return nil
            }
            if kind == "jsonl" { return (pathNode, .jsonl(path: path)) }
            var encoding = CSVEncoding.utf8BOM
            if let encodingNode = map["encoding"], let name = reader.string(encodingNode, "encoding") {
                guard let chosen = CSVEncoding(rawValue: name.lowercased()) else {
                    let names = CSVEncoding.allCases.map(\.rawValue).joined(separator: ", ")
                    reader.report(encodingNode, "encoding must be one of \(names)")
                    return nil
                }
                encoding = chosen
            }
            return (pathNode, .csv(path: path, encoding: encoding))
        }
    }

    private func decodeSavings(_ node: Node) -> SavingsSpec? {
        let keys = [
            "manual_minutes_per_document", "manual_minutes_per_field", "handling_minutes_per_document",
            "review_minutes_per_document", "source", "valid_from",
        ]
        guard let map = reader.mapping(node, allowed: keys, context: "savings") else { return nil }
        guard let manualNode = map["manual_minutes_per_document"],
            let manual = reader.double(manualNode, "manual_minutes_per_document", range: 0...10_000)
        else {
            reader.report(node, "savings needs manual_minutes_per_document: minutes to key one form by hand")
            return nil
        }
        guard let sourceNode = map["source"], let source = reader.string(sourceNode, "source") else {
            reader.report(node, "savings needs 'source': where the minutes come from, e.g. 令和6年度 業務量調査")
            return nil
        }
        var validFrom = "2000-01-01"
        if let dateNode = map["valid_from"] {
            let text = dateNode.scalar?.string ?? ""
            if case .success(let date) = JapaneseDate.parse(text) {
                validFrom = date.iso
            } else {
                reader.report(dateNode, "valid_from must be a date such as 2024-04-01")
            }
        }
        return SavingsSpec(
            manualMinutesPerDocument: manual,
            manualMinutesPerField: map["manual_minutes_per_field"].flatMap {
                reader.double($0, "manual_minutes_per_field", range: 0...1000)
            } ?? 0,
            handlingMinutesPerDocument: map["handling_minutes_per_document"].flatMap {
                reader.double($0, "handling_minutes_per_document", range: 0...10_000)
            } ?? 0,
            reviewMinutesPerDocument: map["review_minutes_per_document"].flatMap {
                reader.double($0, "review_minutes_per_document", range: 0...10_000)
            } ?? manual,
            source: source, validFrom: validFrom)
    }
}

/// Output paths stay inside the output folder: relative, without `..`.
enum OutputPath {
    static func escapes(_ path: String) -> Bool {
        path.hasPrefix("/") || path.hasPrefix("~") || path.split(separator: "/").contains("..")
            || path.contains("\\")
    }

    static let escapeMessage =
        "output paths must stay inside the output folder: write a relative path without '..' (e.g. out/form.csv)"
}
