import Diagnostics
import RegionModel
import Yams

extension AgreementReader {
    static func pooledDispatch(_ c: inout YAMLMappingCursor, _ known: Set<String>, _ d: inout DiagnosticEngine)
        -> PooledDispatchAgreement?
    {
        let id = c.string("id", &d)
        let title = c.string("title", &d)
        let parties = partyList(&c, known, &d)
        if parties.count > 12 {
            d.error(at: c.location, "\(parties.count) parties", fix: "pooled dispatch is tabulated for at most 12 parties")
        }
        var rule: PooledSharingRule?
        if let node = c.value("rule", &d) {
            switch node.string {
            case "shapley": rule = .shapley
            case "nucleolus": rule = .nucleolus
            case "equal": rule = .equal
            default:
                if let mapping = node.mapping, let p = mapping["proportional"] {
                    var k = YAMLMappingCursor(p, file: c.file)
                    let basis = k.string("basis", &d) ?? ""
                    let weights =
                        k.value("weights", &d).map {
                            perParty(
                                $0, field: "rule.proportional.weights", parties: parties,
                                units: DataSchema.pooledProportionalRule["weights"].figureUnits, file: c.file, known,
                                &d)
                        } ?? [:]
                    k.reportUnknownKeys(allowedBy: DataSchema.pooledProportionalRule, &d)
                    rule = .proportional(basis: basis, weights: weights)
                } else {
                    d.error(
                        at: YAMLMappingCursor.location(of: node, in: c.file), "unknown sharing rule",
                        fix: "use shapley, nucleolus, equal or `proportional: {basis, weights}`")
                }
            }
        }
        var costs: [String: AgreementFigure] = [:]
        var scenario: String? = nil
        if let node = c.value("dispatch", required: false, &d) {
            var k = YAMLMappingCursor(node, file: c.file)
            scenario = k.string("scenario", &d)
            k.reportUnknownKeys(allowedBy: DataSchema.pooledDispatchRun, &d)
        }
        if let node = c.value("coalition_costs", required: scenario == nil, &d) {
            for (key, value) in node.mapping ?? [:] {
                let at = YAMLMappingCursor.location(of: key, in: c.file)
                let names = (key.string ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                var ok = true
                for name in names where !parties.contains(name) {
                    ok = false
                    d.error(
                        at: at,
                        known.contains(name) ? "`\(name)` in a coalition is not a party" : "unknown province `\(name)` in a coalition",
                        fix: "coalitions use the parties: \(parties.joined(separator: ", "))")
                }
                if Set(names).count != names.count { ok = false; d.error(at: at, "coalition `\(key.string ?? "")` names a party twice") }
                let k = PooledDispatchAgreement.key(names)
                if ok, costs[k] != nil { d.error(at: at, "coalition \(k) is given twice", fix: "keep one entry per coalition") }
                if let f = figure(
                    value, file: c.file, field: "coalition_costs[\(k)]", units: DataSchema.pooledDispatch["coalition_costs"].figureUnits, &d
                ), ok {
                    costs[k] = f
                }
            }
            if parties.count <= 12 {
                var missing: [String] = []
                for mask in 1..<(1 << parties.count) {
                    let k = PooledDispatchAgreement.key((0..<parties.count).filter { mask & (1 << $0) != 0 }.map { parties[$0] })
                    if costs[k] == nil { missing.append(k) }
                }
                if !missing.isEmpty {
                    d.error(
                        at: YAMLMappingCursor.location(of: node, in: c.file),
                        "\(missing.count) coalition\(missing.count == 1 ? " has" : "s have") no dispatch cost: \(missing.prefix(4).map { "{\($0)}" }.joined(separator: ", "))\(missing.count > 4 ? ", …" : "")",
                        fix: "give every non-empty coalition of the parties a cost")
                }
            }
        }
        let checks = self.checks(&c, parties: parties, &d)
        guard let id, let title, let rule, !parties.isEmpty else { return nil }
        return PooledDispatchAgreement(
            id: id, title: title, parties: parties, rule: rule, coalitionCosts: costs, dispatchScenario: scenario,
            checks: checks, location: c.location)
    }
}
