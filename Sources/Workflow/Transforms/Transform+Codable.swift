/// Transforms are stored as the workflow file writes them: a bare name (`"nfkc"`) or, for
/// replacements, a one-key map (`{"replace": {"エ": "〒"}}`).
extension Transform: Codable {
    private enum CodingKeys: String, CodingKey {
        case replace
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            guard let transform = Transform.named(name) else {
                throw DecodingError.dataCorruptedError(
                    in: single,
                    debugDescription: "unknown transform '\(name)'; known: "
                        + Transform.names.joined(separator: ", ") + ", replace")
            }
            self = transform
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self = .replace(try keyed.decode([String: String].self, forKey: .replace))
    }

    public func encode(to encoder: any Encoder) throws {
        if case .replace(let table) = self {
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(table, forKey: .replace)
        } else {
            var single = encoder.singleValueContainer()
            try single.encode(name)
        }
    }
}
