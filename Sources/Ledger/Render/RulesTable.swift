/// Lists savings rule versions as aligned text (`rpa ledger rules`).
public enum RulesTable {
    /// One line per rule version, by workflow then version.
    public static func render(_ rules: [RegisteredRule]) -> String {
        var table = TextTable(
            headers: [
                "rule", "valid from", "baseline min/doc", "min/field", "handling min", "review min (est.)",
                "source",
                "registered",
            ], rightAligned: [2, 3, 4, 5])
        table.rows = rules.map { stored in
            let rule = stored.rule
            return [
                stored.ruleID, rule.validFrom.description, rule.baselineMinutesPerDocument.description,
                rule.baselineMinutesPerField.description, rule.handlingMinutesPerDocument.description,
                rule.reviewMinutesPerDocument.description, rule.source, stored.registeredAt,
            ]
        }
        return rules.isEmpty ? "no savings rules registered yet\n" : table.render() + "\n"
    }
}
