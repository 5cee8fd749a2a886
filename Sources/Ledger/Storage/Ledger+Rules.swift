import Foundation

extension Ledger {
    /// Registers a savings rule: stores a new version only when it differs from the current one.
    ///
    /// Call it every run with the rule the workflow declares; it is a no-op while nothing changed.
    /// A changed rule becomes a new version valid from `rule.validFrom`, which may not be earlier
    /// than the current version's date: rules are never changed in the past, and documents
    /// already counted keep the rule id they were counted under.
    @discardableResult
    public func register(rule: SavingsRule, at time: Date = Date()) throws(LedgerError) -> RuleRegistration {
        try rule.validate()
        return try write("register a savings rule") { db in
            let versions = try Ledger.ruleVersions(db, workflow: rule.workflow)
            if let current = versions.last {
                if current.rule.hasSameContent(as: rule) { return .unchanged(current) }
                guard rule.validFrom >= current.rule.validFrom else {
                    throw LedgerError.ruleStartsTooEarly(
                        workflow: rule.workflow, validFrom: rule.validFrom,
                        currentFrom: current.rule.validFrom)
                }
            }
            let tip = try ChainTip(db, table: "savings_rules")
            let row = RuleRow(
                id: tip.nextID, rule: rule, version: (versions.last?.version ?? 0) + 1,
                registeredAt: TokyoTime.timestamp(time), previousHash: tip.lastHash)
            try row.insert(db)
            return .created(row.registered)
        }
    }

    /// Every rule version, by workflow then version: what `rpa ledger rules` lists.
    public func rules() throws(LedgerError) -> [RegisteredRule] {
        try read("list savings rules") { db in
            try db.rows("SELECT \(RuleRow.columns) FROM savings_rules ORDER BY workflow, version")
                .map { try RuleRow(row: $0).registered }
        }
    }

    /// The versions of one workflow's rule, oldest first.
    static func ruleVersions(_ db: any SQLConnection, workflow: String) throws -> [RegisteredRule] {
        try db.rows(
            "SELECT \(RuleRow.columns) FROM savings_rules WHERE workflow = ? ORDER BY version", [workflow]
        )
        .map { try RuleRow(row: $0).registered }
    }
}
