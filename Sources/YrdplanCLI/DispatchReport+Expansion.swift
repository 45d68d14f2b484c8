import Analysis
import PowerFlow
import RegionModel

// MARK: - Corridor expansion (`dispatch --expand`)

extension DispatchReport {
    /// The candidate lines and links of a scenario and, when `--expand` ran, the dispatch without them (every
    /// candidate at its given capacity) whose operating cost the expansion is compared with.
    public struct Expansion: Sendable {
        public var candidates: [String]
        /// The reference dispatch; nil when `--expand` was not given (candidates then stay at their given capacity).
        public var reference: DispatchResult?

        public init(candidates: [String], reference: DispatchResult?) {
            self.candidates = candidates
            self.reference = reference
        }
    }

    /// One candidate's outcome: given, optimal and built (optimal − given) capacity, and the capital cost of what
    /// was built over the dispatch period (the annual cost × the period's share of a year).
    struct BuiltCapacity {
        var component, name: String
        var given, optimal: Double
        var capitalCost: Double
        var built: Double { optimal - given }
    }

    /// Operating cost (objective less the capital cost of all optimised capacity) and the candidates' outcomes.
    static func expansionOutcome(network: GridNetwork, result: DispatchResult) -> (operating: Double, built: [BuiltCapacity]) {
        var costs: [String: Double] = [:]
        for link in network.links { if let e = link.expansion { costs["links/" + link.name] = e.capitalCost } }
        for line in network.lines { if let e = line.expansion { costs["lines/" + line.name] = e.capitalCost } }
        var capital = 0.0
        var built: [BuiltCapacity] = []
        for capacity in result.capacities {
            guard let cost = costs[capacity.component + "/" + capacity.name] else { continue }
            capital += cost * capacity.optimal
            built.append(
                BuiltCapacity(
                    component: capacity.component, name: capacity.name, given: capacity.given, optimal: capacity.optimal,
                    capitalCost: cost * (capacity.optimal - capacity.given)))
        }
        return (result.objective - capital, built)
    }

    /// The `expansion` object of `dispatch --json`.
    static func expansionJSON(_ expansion: Expansion, network: GridNetwork, result: DispatchResult) -> JSONValue {
        guard let reference = expansion.reference else {
            return .object([
                ("expanded", .bool(false)),
                ("candidates", .array(expansion.candidates.map { .string($0) })),
                ("note", .string("candidates held at their given capacity; run with --expand to let the LP choose")),
            ])
        }
        let (operating, built) = expansionOutcome(network: network, result: result)
        let capital = built.reduce(0) { $0 + $1.capitalCost }
        return .object([
            ("expanded", .bool(true)),
            ("candidates", .array(expansion.candidates.map { .string($0) })),
            (
                "built",
                .object(
                    built.map { b in
                        (
                            b.name,
                            .object([
                                ("component", .string(b.component)), ("given", .rounded(b.given, 3)),
                                ("optimal", .rounded(b.optimal, 3)), ("built", .rounded(b.built, 3)),
                                ("capital_cost", .rounded(b.capitalCost, 2)),
                            ])
                        )
                    })
            ),
            ("capital_cost", .rounded(capital, 2)),
            ("operating_cost", .rounded(operating, 2)),
            ("operating_cost_without_candidates", .rounded(reference.objective, 2)),
            ("operating_saving", .rounded(reference.objective - operating, 2)),
            ("net_benefit", .rounded(reference.objective - operating - capital, 2)),
        ])
    }

    /// The expansion section of the table.
    static func expansionText(_ expansion: Expansion, network: GridNetwork, result: DispatchResult, unit: String) -> String {
        guard let reference = expansion.reference else {
            return "Candidates held at their given capacity (run with --expand to let the LP choose): "
                + expansion.candidates.joined(separator: ", ") + "\n\n"
        }
        let (operating, built) = expansionOutcome(network: network, result: result)
        var table = TextTable(
            headers: ["candidate", "given MW", "optimal MW", "built MW", "capital M \(unit)"], rightAligned: [1, 2, 3, 4])
        for b in built {
            table.add([b.name, fixed(b.given, 0), fixed(b.optimal, 0), fixed(b.built, 0), fixed(b.capitalCost / 1e6, 1)])
        }
        let capital = built.reduce(0) { $0 + $1.capitalCost }
        let saving = reference.objective - operating
        var out = "Expansion (--expand: the LP chose the candidates' capacity; capital cost over the dispatch period)\n"
        out += table.rendered() + "\n"
        out += "Operating cost \(fixed(operating / 1e8, 2)) 亿 \(unit) against \(fixed(reference.objective / 1e8, 2)) 亿 without "
        out += "the candidates: saving \(fixed(saving / 1e8, 2)) 亿, capital cost \(fixed(capital / 1e8, 2)) 亿, "
        out += "net benefit \(fixed((saving - capital) / 1e8, 2)) 亿 \(unit)\n\n"
        return out
    }
}
