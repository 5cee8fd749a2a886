import CYaml

/// Reads a workflow's YAML as libyaml's parser events (the same parser and the same events
/// `Yams.compose` builds its tree from) and refuses, before anything is composed, hashed or
/// expanded, what could make reading it explode or take long:
///
/// - any anchor (`&name`, with or without a tag before it) and any alias (`*name`): workflows never
///   need them, and an alias bomb of a few hundred bytes expands to billions of nodes;
/// - a list or mapping used as a mapping key (`? [a, b]`): keys are plain words, and a large key is
///   hashed whole while the tree is built;
/// - nesting deeper than `maxDepth`, and more than `maxEvents` events in all.
///
/// Working from the parser's events rather than the text, quoting, comments, tags and flow or block
/// style cannot hide anything. A YAML syntax error stops the scan quietly: composing reads the same
/// events and reports it at the same place, having seen only the events checked here.
struct YAMLGuard {
    var maxDepth: Int
    var maxEvents: Int

    /// What was refused and where (1-based line and column).
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static let anchorMessage =
        "anchors and aliases (&name, *name) are not allowed in workflows; write the value out in full"

    /// The first thing refused in `text`, or `nil` when it may be composed.
    func scan(_ text: String) -> Finding? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return Finding(
                line: 1, column: 1, message: "the YAML parser could not start (out of memory?); try again")
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Finding? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return walk(&parser)
        }
    }

    /// libyaml's own nesting limit (1000) is hit while it scans ahead, before any event: that is
    /// too deep a nesting, not a syntax mistake. Other errors are left to composing to report.
    private func nestingError(_ parser: yaml_parser_t) -> Finding? {
        guard let problem = parser.problem, String(cString: problem).lowercased().contains("nesting")
        else { return nil }
        return Finding(
            line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
            message: "nesting deeper than \(maxDepth) levels; workflows are flat")
    }

    private struct Frame {
        var isMapping: Bool
        var children = 0
    }

    private func walk(_ parser: inout yaml_parser_t) -> Finding? {
        var frames: [Frame] = []
        var events = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nestingError(parser) }
            defer { yaml_event_delete(&event) }
            let place = (line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            func finding(_ message: String) -> Finding {
                Finding(line: place.line, column: place.column, message: message)
            }
            events += 1
            if events > maxEvents {
                return finding(
                    "the workflow has more than \(maxEvents) YAML values; a form needs far fewer, so split it"
                )
            }
            let anchor: UnsafeMutablePointer<yaml_char_t>?
            let opens: Bool
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                return finding(Self.anchorMessage)
            case YAML_SCALAR_EVENT:
                anchor = event.data.scalar.anchor
                opens = false
            case YAML_SEQUENCE_START_EVENT:
                anchor = event.data.sequence_start.anchor
                opens = true
            case YAML_MAPPING_START_EVENT:
                anchor = event.data.mapping_start.anchor
                opens = true
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if !frames.isEmpty { frames.removeLast() }
                continue
            default:
                continue
            }
            if anchor != nil { return finding(Self.anchorMessage) }
            if let parent = frames.last {
                if parent.isMapping && parent.children % 2 == 0 && opens {
                    return finding("a mapping key must be a plain word, not a list or a mapping")
                }
                frames[frames.count - 1].children += 1
            }
            if opens {
                if frames.count >= maxDepth {
                    return finding("nesting deeper than \(maxDepth) levels; workflows are flat")
                }
                frames.append(Frame(isMapping: event.type == YAML_MAPPING_START_EVENT))
            }
        }
    }
}
