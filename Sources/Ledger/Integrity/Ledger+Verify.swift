extension Ledger {
    /// Walks every hash chain and cross-check, and reports each edited, inserted or deleted row.
    ///
    /// - Parameter anchors: row hashes published earlier (a report's head); each must still be
    ///   in the ledger, which catches rows cut from the end or chains re-sealed from scratch.
    public func verify(anchors: [String] = []) throws(LedgerError) -> VerifyReport {
        try read("verify the ledger") { db in
            var walkers = [
                try Ledger.walkRules(db), try Ledger.walkDocuments(db), try Ledger.walkResolutions(db),
                try Ledger.walkCorrections(db),
            ]
            for index in walkers.indices {
                let table = walkers[index].table
                let sequence: Int = try db.scalar(db.dialect.highestIDQuery, [table]) ?? 0
                walkers[index].finish(highestIDEverUsed: sequence)
                let triggers = Set(try db.rows(db.dialect.triggerQuery, [table]).map { try $0[0] as String })
                for name in LedgerSchema.triggerNames(table, db.dialect) where !triggers.contains(name) {
                    walkers[index].report(nil, .unguarded, "append-only trigger \(name) was removed")
                }
            }
            var problems = walkers.flatMap(\.problems)
            let known = walkers.reduce(into: Set<String>()) { $0.formUnion($1.seenHashes) }
            for anchor in anchors where !known.contains(anchor.lowercased()) {
                problems.append(
                    IntegrityProblem(
                        table: "ledger", rowID: nil, kind: .unguarded,
                        detail:
                            "published head \(anchor) is no longer in the ledger: rows were removed or re-sealed"
                    ))
            }
            return VerifyReport(
                rowCounts: Dictionary(uniqueKeysWithValues: walkers.map { ($0.table, $0.count) }),
                heads: Dictionary(uniqueKeysWithValues: walkers.map { ($0.table, $0.head) }),
                problems: problems)
        }
    }

    private static func walkRules(_ db: any SQLConnection) throws -> ChainWalker {
        var walker = ChainWalker(table: "savings_rules")
        for row in try db.rows("SELECT \(RuleRow.columns) FROM savings_rules ORDER BY id") {
            let rule = try RuleRow(row: row)
            walker.check(
                id: rule.id, prevHash: rule.prevHash, rowHash: rule.rowHash, computed: rule.computedHash())
        }
        return walker
    }

    private static func walkDocuments(_ db: any SQLConnection) throws -> ChainWalker {
        var walker = ChainWalker(table: "documents")
        let rules = Dictionary(
            try db.rows("SELECT \(RuleRow.columns) FROM savings_rules").map {
                let rule = try RuleRow(row: $0).registered
                return (rule.ruleID, rule.rule)
            }, uniquingKeysWith: { first, _ in first })
        for row in try db.rows("SELECT \(DocumentRow.columns) FROM documents ORDER BY id") {
            let document = try DocumentRow(row: row)
            walker.check(
                id: document.id, prevHash: document.prevHash, rowHash: document.rowHash,
                computed: document.computedHash())
            if let detail = figuresProblem(document, rules: rules) {
                walker.report(document.id, .inconsistent, detail)
            }
        }
        return walker
    }

    /// Re-derives a document's minutes from its rule; nil when they agree.
    private static func figuresProblem(_ document: DocumentRow, rules: [String: SavingsRule]) -> String? {
        guard let rule = rules[document.ruleID] else {
            return "its savings rule \(document.ruleID) is not in the ledger"
        }
        guard let outcome = Outcome(rawValue: document.outcome) else {
            return "unknown outcome \(document.outcome)"
        }
        let expected = DocumentMinutes(rule: rule, fields: document.fields, outcome: outcome)
        let stored = (document.baselineMinutes, document.remainingMinutes, document.reviewEstimateMinutes)
        guard stored == (expected.baseline, expected.remaining, expected.reviewEstimate),
            document.savedMinutes == expected.saved
        else { return "its minutes do not follow rule \(document.ruleID)" }
        return nil
    }

    private static func walkResolutions(_ db: any SQLConnection) throws -> ChainWalker {
        var walker = ChainWalker(table: "review_resolutions")
        let rows = try db.rows(
            """
            SELECT \(ResolutionRow.columns("r.")), d.row_hash, d.outcome
            FROM review_resolutions r LEFT JOIN documents d ON d.id = r.document_id
            ORDER BY r.id
            """)
        for row in rows {
            let resolution = try ResolutionRow(row: row)
            walker.check(
                id: resolution.id, prevHash: resolution.prevHash, rowHash: resolution.rowHash,
                computed: resolution.computedHash())
            let documentHash: String? = try row[ResolutionRow.columnNames.count]
            let outcome: String? = try row[ResolutionRow.columnNames.count + 1]
            if documentHash != resolution.documentRowHash || outcome != Outcome.reviewed.rawValue {
                walker.report(
                    resolution.id, .inconsistent,
                    "it references document \(resolution.documentID), which is missing, changed or not reviewed"
                )
            }
        }
        return walker
    }

    private static func walkCorrections(_ db: any SQLConnection) throws -> ChainWalker {
        var walker = ChainWalker(table: "review_corrections")
        let rows = try db.rows(
            """
            SELECT c.id, c.resolution_id, c.resolution_row_hash, c.corrected_at, c.minutes_spent,
            c.prev_hash, c.row_hash, r.row_hash
            FROM review_corrections c LEFT JOIN review_resolutions r ON r.id = c.resolution_id
            ORDER BY c.id
            """)
        for row in rows {
            let correction = try CorrectionRow(row: row)
            walker.check(
                id: correction.id, prevHash: correction.prevHash, rowHash: correction.rowHash,
                computed: correction.computedHash())
            if (try row[7] as String?) != correction.resolutionRowHash {
                walker.report(
                    correction.id, .inconsistent,
                    "it corrects resolution \(correction.resolutionID), which is missing or changed")
            }
        }
        return walker
    }
}
