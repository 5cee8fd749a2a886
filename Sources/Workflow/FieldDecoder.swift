import Foundation
import Imaging
import Yams

/// Decodes one entry of `fields:`.
struct FieldDecoder {
    let reader: NodeReader
    /// A path in the workflow made absolute (relative paths are the workflow file's folder's).
    let resolve: (String) -> URL

    func decode(_ node: Node, languages: [String]) -> FieldSpec? {
        guard let map = reader.mapping(node, allowed: WorkflowDecoder.fieldKeys, context: "a field") else {
            return nil
        }
        guard let nameNode = map["name"], let name = reader.string(nameNode, "name") else {
            reader.report(node, "a field needs a 'name'")
            return nil
        }
        var type = FieldType.text
        if let typeNode = map["type"], let typeName = reader.string(typeNode, "type") {
            if let known = FieldType(rawValue: typeName) {
                type = known
            } else {
                let names = FieldType.allCases.map(\.rawValue)
                let hint = NodeReader.closest(typeName, in: names).map { "did you mean '\($0)'? " } ?? ""
                reader.report(
                    typeNode, "unknown type '\(typeName)'; \(hint)types are \(names.joined(separator: ", "))")
            }
        }
        guard let fieldReader = decodeReader(map, node: node, name: name, type: type) else { return nil }
        let language = map["lang"].flatMap { reader.string($0, "lang") }
        if let language, let langNode = map["lang"] {
            let unknown = language.split(separator: "+").map(String.init).filter { !languages.contains($0) }
            if !unknown.isEmpty {
                reader.report(
                    langNode,
                    "lang '\(language)' is not among ocr.languages (\(languages.joined(separator: ", "))); add it there"
                )
            }
        }
        var spec = FieldSpec(
            name: name, reader: fieldReader, type: type, transforms: decodeTransforms(map["transform"]),
            checks: decodeChecks(map, type: type),
            required: map["required"].flatMap { reader.bool($0, "required") } ?? false,
            sensitive: decodeSensitive(map["sensitive"], type: type),
            language: language, psm: decodePSM(map["psm"]),
            whitelist: map["whitelist"].flatMap { reader.string($0, "whitelist") },
            minConfidence: map["min_confidence"].flatMap {
                reader.double($0, "min_confidence", range: 0...100)
            },
            page: map["page"].flatMap { reader.int($0, "page", range: 1...500) } ?? 1, line: node.line)
        spec.vocabulary = map["vocabulary"].flatMap { decodeVocabulary($0, type: type) }
        spec.fill = decodeFill(map["fill"], field: node, type: type, fieldReader: fieldReader)
        return spec
    }

    /// `fill: {氏名: name, 生年月日: birth}` on a `qr` field: each field, and the payload's key for it.
    private func decodeFill(_ node: Node?, field: Node, type: FieldType, fieldReader: FieldReader) -> [QRFill]
    {
        guard type == .qr else {
            if node != nil {
                reader.report(node, "fill is for qr fields: it maps the code's payload to fields")
            }
            return []
        }
        switch fieldReader {
        case .zone: break
        default:
            reader.report(
                field, "a qr field is read from a zone: give 'zone: [x, y, width, height]' around the code")
        }
        guard let node else {
            reader.report(
                field, "a qr field needs 'fill': which fields its payload fills, e.g. fill: {氏名: name}")
            return []
        }
        guard let pairs = node.mapping else {
            reader.report(node, "fill must map field names to the payload's keys, e.g. fill: {氏名: name}")
            return []
        }
        return pairs.compactMap { key, value in
            guard let name = reader.string(key, "a field name in fill"),
                let payloadKey = reader.string(value, "the payload key for \(key.string ?? "a field")")
            else { return nil }
            return QRFill(field: name, key: payloadKey)
        }
    }

    /// `vocabulary: [夫, 妻, 子]` or `vocabulary: vocabularies/zokugara.txt` (one value per line).
    /// On an address, the list holds the places an address starts with (the city's 町字).
    private func decodeVocabulary(_ node: Node, type: FieldType) -> Vocabulary? {
        guard type == .text || type == .address else {
            reader.report(
                node, "vocabulary is for text and address fields; a \(type.rawValue) field has its own format"
            )
            return nil
        }
        let list: Vocabulary
        if let path = node.scalar?.string {
            do {
                list = try Vocabulary(contentsOf: resolve(path))
            } catch {
                reader.report(node, error.description)
                return nil
            }
        } else {
            guard let inline = inlineVocabulary(node) else { return nil }
            list = inline
        }
        return type == .address ? AddressText.places(list.entries, source: list.source) : list
    }

    private func inlineVocabulary(_ node: Node) -> Vocabulary? {
        guard let items = reader.sequence(node, "vocabulary") else { return nil }
        let entries = items.compactMap { reader.string($0, "a vocabulary value") }
        guard !entries.isEmpty else {
            reader.report(node, "vocabulary lists no values; give a list or a file")
            return nil
        }
        return Vocabulary(entries: entries, source: "vocabulary")
    }

    /// My Number is always sensitive; other fields when the author says so.
    private func decodeSensitive(_ node: Node?, type: FieldType) -> Bool {
        let value = node.flatMap { reader.bool($0, "sensitive") }
        if value == false && type.isSensitive {
            reader.report(
                node,
                "a \(type.rawValue) field is personal data and is always sensitive; remove 'sensitive: false'"
            )
        }
        return value ?? type.isSensitive
    }

    /// Tesseract's page segmentation modes that make sense for a field.
    private func decodePSM(_ node: Node?) -> Int {
        guard let node, let value = reader.int(node, "psm") else { return 7 }
        guard [3, 4, 6, 7, 8, 11].contains(value) else {
            reader.report(node, "psm must be 7 (one line), 6 (a block), 8 (one word), 4, 11 or 3")
            return 7
        }
        return value
    }

    private func decodeReader(_ map: [String: Node], node: Node, name: String, type: FieldType)
        -> FieldReader?
    {
        let given = ["zone", "label", "regex", "options"].filter { map[$0] != nil }
        let isBoxes = type == .choice || type == .checkbox
        if isBoxes != (map["options"] != nil) {
            reader.report(
                node,
                isBoxes
                    ? "field '\(name)' of type \(type.rawValue) needs 'options': {option name: [x, y, w, h] of its box}"
                    : "'options' belongs to choice and checkbox fields; set type: choice or type: checkbox")
            return nil
        }
        guard given.count == 1, let kind = given.first else {
            reader.report(
                node,
                "field '\(name)' needs exactly one of zone, label, regex or options (it has \(given.isEmpty ? "none" : given.joined(separator: ", ")))"
            )
            return nil
        }
        switch kind {
        case "zone":
            return reader.rect(map["zone"], "zone").map(FieldReader.zone)
        case "regex":
            guard let patternNode = map["regex"], let pattern = reader.string(patternNode, "regex") else {
                return nil
            }
            let regex: SafeRegex
            do throws(SafeRegexError) {
                regex = try SafeRegex(pattern)
            } catch {
                reader.report(patternNode, "the regex does not compile: \(error)")
                return nil
            }
            let group =
                map["group"].flatMap { reader.int($0, "group", range: 0...20) }
                ?? (regex.groupCount > 0 ? 1 : 0)
            if group > regex.groupCount {
                reader.report(
                    map["group"], "group \(group) does not exist: the regex has \(regex.groupCount) group(s)")
            }
            return .regex(pattern: pattern, group: group)
        case "label":
            return decodeLabel(map["label"])
        default:
            guard let optionsNode = map["options"], let pairs = optionsNode.mapping, reader.visit(optionsNode)
            else {
                reader.report(map["options"], "options must map each option's name to its box [x, y, w, h]")
                return nil
            }
            let options = pairs.compactMap { key, value -> BoxOption? in
                guard let option = reader.string(key, "an option name"),
                    let rect = reader.rect(value, "the box of '\(option)'")
                else { return nil }
                return BoxOption(name: option, zone: rect)
            }
            if options.isEmpty { reader.report(optionsNode, "options is empty") }
            return .boxes(options)
        }
    }

    private func decodeLabel(_ node: Node?) -> FieldReader? {
        guard let node else { return nil }
        if node.scalar != nil, let text = reader.string(node, "label") {
            return .label(LabelAnchor(text: text, direction: .right, width: 1200, height: 150))
        }
        guard let map = reader.mapping(node, allowed: ["text", "direction", "size"], context: "label") else {
            return nil
        }
        guard let textNode = map["text"], let text = reader.string(textNode, "label.text") else {
            reader.report(node, "label needs 'text': the printed label to find")
            return nil
        }
        var direction = LabelAnchor.Direction.right
        if let directionNode = map["direction"], let name = reader.string(directionNode, "direction") {
            guard let chosen = LabelAnchor.Direction(rawValue: name) else {
                reader.report(directionNode, "direction must be right or below")
                return nil
            }
            direction = chosen
        }
        var width = 1200
        var height = 150
        if let sizeNode = map["size"] {
            guard let sizes = reader.sequence(sizeNode, "size"), sizes.count == 2, let w = sizes[0].int,
                let h = sizes[1].int,
                w > 0, h > 0
            else {
                reader.report(sizeNode, "size must be [width, height] in template pixels")
                return nil
            }
            width = w
            height = h
        }
        return .label(LabelAnchor(text: text, direction: direction, width: width, height: height))
    }

    private func decodeTransforms(_ node: Node?) -> [Transform] {
        guard let node, let items = reader.sequence(node, "transform") else { return [] }
        return items.compactMap { item -> Transform? in
            if let pairs = item.mapping {
                guard reader.visit(item), pairs.count == 1, let key = pairs.first?.key.string,
                    key == "replace",
                    let table = pairs.first?.value.mapping
                else {
                    reader.report(item, "a transform with settings is written {replace: {from: to}}")
                    return nil
                }
                var replacements: [String: String] = [:]
                for (from, to) in table {
                    guard let from = from.string, let to = to.string else { continue }
                    replacements[from] = to
                }
                return .replace(replacements)
            }
            guard let name = reader.string(item, "a transform") else { return nil }
            guard let transform = Transform.named(name) else {
                let names = Transform.names
                let hint = NodeReader.closest(name, in: names).map { "did you mean '\($0)'? " } ?? ""
                reader.report(
                    item,
                    "unknown transform '\(name)'; \(hint)transforms are \(names.joined(separator: ", ")), and {replace: {...}}"
                )
                return nil
            }
            return transform
        }
    }

    private func decodeChecks(_ map: [String: Node], type: FieldType) -> [CompiledFieldCheck] {
        var checks: [(Node, FieldCheck)] = []
        if let node = map["pattern"], let pattern = reader.string(node, "pattern") {
            checks.append((node, .regex(pattern)))
        }
        if let node = map["length"] {
            if let exact = node.int, reader.visit(node) {
                checks.append((node, .length(min: exact, max: exact)))
            } else if let items = reader.sequence(node, "length"), items.count == 2 {
                checks.append((node, .length(min: items[0].int, max: items[1].int)))
            } else {
                reader.report(node, "length is a number or [min, max]")
            }
        }
        if let node = map["enum"], let items = reader.sequence(node, "enum") {
            checks.append((node, .oneOf(items.compactMap { reader.string($0, "an allowed value") })))
        }
        if let anchor = map["min"] ?? map["max"] {
            if type == .date {
                let bound = { (node: Node?) -> DateBound? in
                    guard let node, let text = reader.string(node, "a date bound") else { return nil }
                    guard let bound = DateBound(text) else {
                        reader.report(node, "a date bound is a date such as 2024-04-01 or 'today'")
                        return nil
                    }
                    return bound
                }
                checks.append((anchor, .dateRange(min: bound(map["min"]), max: bound(map["max"]))))
            } else {
                let number = { (node: Node?) -> Decimal? in
                    guard let node, let value = reader.double(node, "a number bound") else { return nil }
                    return Decimal(value)
                }
                checks.append((anchor, .numberRange(min: number(map["min"]), max: number(map["max"]))))
            }
        }
        return checks.compactMap { node, check in
            do throws(FieldCheckError) {
                return try FieldCheck.compile(check)
            } catch {
                reader.report(node, "\(error)")
                return nil
            }
        }
    }
}
