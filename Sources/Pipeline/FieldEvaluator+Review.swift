import Foundation
import Workflow

extension FieldEvaluator {
    /// Settles the values of a document a person reviewed, through the same path as `rpa run`.
    ///
    /// A corrected field takes the person's text; every other field keeps the value read, which the
    /// person confirms by accepting. Every value then goes through the field's transforms, type,
    /// `required`, options and checks, and the document through the workflow's rules. The fields come
    /// back with their reasons; `findings` lists what still fails (empty when the document may be
    /// accepted as it is).
    public func reviewed(_ fields: [FieldResult], corrections: [String: String]) throws(ReviewError)
        -> (fields: [FieldResult], findings: [Finding])
    {
        for name in corrections.keys where workflow.field(name) == nil { throw .unknownField(name) }
        var settled: [FieldResult] = []
        var findings: [Finding] = []
        for spec in workflow.fields {
            var field =
                fields.first { $0.name == spec.name }
                ?? FieldResult(
                    name: spec.name, value: "", options: nil, raw: "", confidence: 0, reasons: [],
                    sensitive: spec.sensitive)
            let found: [Finding]
            if case .boxes(let options) = spec.reader {
                found = settleMarks(
                    spec, options: options.map(\.name), field: &field, correction: corrections[spec.name])
            } else {
                found = settleText(spec, field: &field, correction: corrections[spec.name])
            }
            field.reasons = found.map(\.reason)
            findings += found
            settled.append(field)
        }
        // Rules see every value a person stands behind, overridden checks included; only a value of
        // the wrong type (which must be corrected anyway) keeps its rules from being judged.
        let unusable = Set(findings.filter { !$0.overridable }.compactMap(\.field))
        let ruleFindings = rules(settled, doubtful: unusable).map {
            Finding(field: nil, reason: $0, overridable: true)
        }
        return (settled, findings + ruleFindings)
    }

    private func settleText(_ spec: FieldSpec, field: inout FieldResult, correction: String?) -> [Finding] {
        let text: String
        if let correction {
            text = correction
        } else if !field.value.isEmpty {
            text = field.value
        } else if !field.reasons.isEmpty && !field.raw.isEmpty {
            // Something was written but nothing usable was read: the person must say what it is.
            return [
                Finding(
                    field: spec.name,
                    reason: Reason(
                        code: "needs_value",
                        message: "nothing usable was read: give its value from the paper "
                            + "(an empty value leaves it blank)"),
                    overridable: false)
            ]
        } else {
            text = ""
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            field.value = ""
            guard spec.required else { return [] }
            return [
                Finding(
                    field: spec.name, reason: Reason(code: "required", message: "required field is blank"),
                    overridable: true)
            ]
        }
        let checked = validate(spec, text: text)
        field.value = checked.value
        return checked.findings
    }

    private func settleMarks(
        _ spec: FieldSpec, options: [String], field: inout FieldResult, correction: String?
    ) -> [Finding] {
        let ticked =
            correction.map {
                $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            } ?? field.options ?? []
        field.options = ticked
        field.value = ticked.joined(separator: ";")
        var findings: [Finding] = []
        if ticked.contains(where: { !options.contains($0) }) {
            findings.append(
                Finding(
                    field: spec.name,
                    reason: Reason(
                        code: "unknown_option",
                        message: "only these options can be ticked: \(options.joined(separator: ", "))"),
                    overridable: false))
        }
        findings += checkTicked(spec, ticked)
        return findings
    }
}
