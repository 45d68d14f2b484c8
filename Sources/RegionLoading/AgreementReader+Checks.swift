import Diagnostics
import RegionModel
import Yams

// The `checks:` list: the properties an agreement's sharing rule must keep.

extension AgreementReader {
    /// Reads `checks:`, the properties the rule must keep; `parties` are the ids a `floor` may name.
    static func checks(_ c: inout YAMLMappingCursor, parties: [String], _ d: inout DiagnosticEngine) -> [RequiredProperty] {
        guard let node = c.value("checks", &d) else { return [] }
        guard let list = node.sequence else {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: c.file), "`checks` must be a list", fix: "e.g. `checks: [efficiency, core]`")
            return []
        }
        var out: [RequiredProperty] = []
        for item in list {
            let at = YAMLMappingCursor.location(of: item, in: c.file)
            if let name = item.string {
                if let property = RequiredProperty.plainNames[name] {
                    out.append(property)
                } else {
                    d.error(
                        at: at, "unknown check `\(name)`",
                        fix:
                            "use one of: \(RequiredProperty.plainNames.keys.sorted().joined(separator: ", ")), floor, max_benefit_contribution_gap"
                    )
                }
            } else if let mapping = item.mapping, mapping.count == 1, let (keyNode, value) = mapping.first, let key = keyNode.string {
                switch key {
                case "floor":
                    var floors: [String: Double] = [:]
                    for (p, amount) in value.mapping ?? [:] {
                        guard let id = p.string else { continue }
                        if !parties.contains(id) {
                            d.error(
                                at: YAMLMappingCursor.location(of: p, in: c.file), "floor for `\(id)`, which is not a party",
                                fix: "use one of: \(parties.joined(separator: ", "))")
                        } else if let x = YAMLMappingCursor.number(amount, file: c.file, what: "the floor of \(id)", &d) {
                            floors[id] = x
                        }
                    }
                    out.append(.floor(floors))
                case "max_benefit_contribution_gap":
                    if let x = YAMLMappingCursor.number(value, file: c.file, what: "max_benefit_contribution_gap", &d) {
                        out.append(.maxBenefitContributionGap(x))
                    }
                default:
                    d.error(
                        at: at, "unknown check `\(key)`",
                        fix: "parameterised checks are `floor: {province: amount}` and `max_benefit_contribution_gap: ratio`")
                }
            } else {
                d.error(at: at, "a check is a name or a one-key mapping")
            }
        }
        return out
    }
}
