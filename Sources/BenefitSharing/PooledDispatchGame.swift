import Dispatch
import LinearProgramming
import ParallelWork
import PowerFlow
import RegionModel
import SeededRandom

/// The pooled-dispatch game on the real dispatch model: `c(S)` is the cost of the provinces in S
/// dispatching together, sharing only the corridors inside S; `v(S) = Σ_{i∈S} c({i}) − c(S)`.
public enum PooledDispatchGame {
    /// Why the coalition dispatches failed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case dispatch(coalition: String, DispatchFailure)
        case unknownParty(String)

        public var description: String {
            switch self {
            case .dispatch(let coalition, let failure): "the dispatch of coalition {\(coalition)} failed: \(failure)"
            case .unknownParty(let party): "no bus of the grid belongs to `\(party)`"
            }
        }
    }

    /// The player a bus belongs to: its region, or (for imported PyPSA networks without regions)
    /// its own name when it is not an external supply region.
    public static func defaultPlayer(of bus: GridBus) -> String? {
        bus.isExternal ? nil : (bus.region ?? bus.name)
    }

    /// The part of `network` that the coalition `members` dispatches on its own: its buses, loads,
    /// generators and storage; the corridors with both ends inside; and external supply regions
    /// linked to it. An external region serving several provinces (Three Gorges, Baihetan) is
    /// divided among them in proportion to the corridor capacity into each, so two provinces
    /// alone never both count the whole plant. A CO2 cap is divided in proportion to demand.
    public static func coalitionNetwork(
        _ network: GridNetwork, members: Set<String>, player: (GridBus) -> String? = defaultPlayer
    ) -> GridNetwork {
        let busByName = Dictionary(network.buses.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let inside = Set(network.buses.filter { player($0).map(members.contains) ?? false }.map(\.name))
        // Share of each external bus's corridor capacity that leads into the coalition.
        var externalShare: [String: Double] = [:]
        for bus in network.buses where player(bus) == nil {
            let touching = network.links.filter { $0.bus0 == bus.name || $0.bus1 == bus.name }
            let total = touching.reduce(0) { $0 + $1.nominalPower }
            let into = touching.filter { inside.contains($0.bus0) || inside.contains($0.bus1) }.reduce(0) { $0 + $1.nominalPower }
            if into > 0 { externalShare[bus.name] = total > 0 ? into / total : 1 }
        }
        let kept = inside.union(externalShare.keys)
        var sub = network
        sub.name = network.name + "-" + members.sorted().joined(separator: "+")
        sub.buses = network.buses.filter { kept.contains($0.name) }
        sub.generators = network.generators.filter { kept.contains($0.bus) }.map { g in
            var scaled = g
            if let share = externalShare[g.bus] { scaled.nominalPower = g.nominalPower * share }
            return scaled
        }
        sub.loads = network.loads.filter { inside.contains($0.bus) }
        sub.storageUnits = network.storageUnits.filter { inside.contains($0.bus) }
        sub.links = network.links.filter { link in
            guard kept.contains(link.bus0), kept.contains(link.bus1) else { return false }
            // A corridor must touch the coalition; external-to-external links go with their ends.
            return inside.contains(link.bus0) || inside.contains(link.bus1)
                || (busByName[link.bus0].map { player($0) == nil } ?? false)
        }
        // AC lines with an end outside the coalition are cut, exactly as links are; the rest keep Kirchhoff's law.
        sub.lines = network.lines.filter { inside.contains($0.bus0) && inside.contains($0.bus1) }
        if let cap = network.co2Cap {
            let demand = { (loads: [GridLoad]) in
                loads.reduce(0.0) { sum, load in sum + (0..<network.snapshots.count).reduce(0) { $0 + load.demand[$1] } }
            }
            let all = demand(network.loads)
            sub.co2Cap = all > 0 ? cap * demand(sub.loads) / all : cap
        }
        return sub
    }

    /// Dispatch cost of every non-empty coalition of `parties` (亿元 over the network's period,
    /// indexed by bitmask; index 0 is 0), solved across cores. First the grand coalition from scratch
    /// while another core solves the single provinces; then every other coalition, largest first, starting
    /// from the optimal basis of a coalition with one member more, restricted to its buses (a warm start:
    /// the coalition keeps most of that dispatch, so Clp needs a fraction of the iterations; the optimum is
    /// the same).
    public static func coalitionCosts(
        _ network: GridNetwork, parties: [String], options: ClpOptions = ClpOptions(),
        player: @escaping @Sendable (GridBus) -> String? = defaultPlayer
    ) throws(Failure) -> [Double] {
        let present = Set(network.buses.compactMap(player))
        if let missing = parties.first(where: { !present.contains($0) }) { throw .unknownParty(missing) }
        let count = 1 << parties.count
        let grand = count - 1
        let single = (0..<parties.count).map { 1 << $0 }.filter { $0 != grand }
        let solve = { @Sendable (mask: Int, parent: SolvedDispatch?) -> Result<SolvedDispatch, Failure> in
            let members = Set(parties.indices.filter { mask & (1 << $0) != 0 }.map { parties[$0] })
            let sub = coalitionNetwork(network, members: members, player: player)
            do throws(DispatchFailure) {
                return .success(try PowerDispatch.solve(sub, options: options, warmStart: parent))
            } catch {
                return .failure(.dispatch(coalition: members.sorted().joined(separator: ", "), error))
            }
        }
        var costs = [Double](repeating: .nan, count: count)
        costs[0] = 0
        let (grandResult, singles) = ParallelMap.both(
            { solve(grand, nil) }, { single.map { solve($0, nil).map(\.objective) } })
        let grandSolved: SolvedDispatch
        switch grandResult {
        case .success(let solved): grandSolved = solved
        case .failure(let failure): throw failure
        }
        costs[grand] = grandSolved.objective / 1e8
        for (mask, result) in zip(single, singles) {
            switch result {
            case .success(let cost): costs[mask] = cost / 1e8
            case .failure(let failure): throw failure
            }
        }
        // Then level by level, from the coalitions one short of everyone down to pairs: each starts from
        // the basis of a coalition with one member more, solved on the level above, so only one member's
        // corridors are cut.
        var above: [Int: SolvedDispatch] = [grand: grandSolved]
        for size in stride(from: parties.count - 1, through: 2, by: -1) {
            let level = (1..<grand).filter { $0.nonzeroBitCount == size }
            let parents = above
            let solved = ParallelMap.map(level) { mask -> Result<SolvedDispatch, Failure> in
                let parent = parties.indices.lazy.map { mask | (1 << $0) }.first { $0 != mask && parents[$0] != nil }
                return solve(mask, parent.flatMap { parents[$0] })
            }
            above = [:]
            for (mask, result) in zip(level, solved) {
                switch result {
                case .success(let dispatch):
                    costs[mask] = dispatch.objective / 1e8
                    above[mask] = dispatch
                case .failure(let failure): throw failure
                }
            }
        }
        return costs
    }

    /// The savings game of `parties` on `network`.
    public static func game(_ network: GridNetwork, parties: [String], options: ClpOptions = ClpOptions()) throws(Failure) -> CoalitionGame
    {
        let costs = try coalitionCosts(network, parties: parties, options: options)
        // Costs are finite dispatch objectives, so the game is well formed.
        return try! SavingsGame.make(playerCount: parties.count) { costs[Int($0.mask)] }
    }
}

extension PooledDispatchAgreement {
    /// The agreement with its coalition costs computed by dispatching `network` once per coalition.
    public func withDispatchCosts(from network: GridNetwork, options: ClpOptions = ClpOptions()) throws(PooledDispatchGame.Failure)
        -> PooledDispatchAgreement
    {
        let costs = try PooledDispatchGame.coalitionCosts(network, parties: parties, options: options)
        var copy = self
        copy.coalitionCosts = [:]
        for mask in 1..<(1 << parties.count) {
            let members = parties.indices.filter { mask & (1 << $0) != 0 }.map { parties[$0] }
            copy.coalitionCosts[Self.key(members)] = AgreementFigure(
                value: costs[mask], unit: .hundredMillionYuanPerYear, source: "yrdplan-estimate", confidence: .estimate,
                note: "dispatch cost of the coalition computed by PowerFlow on grid '\(network.name)'", location: location)
        }
        return copy
    }
}

/// A pooled-dispatch agreement checked on the dispatch model itself: every evaluation dispatches the
/// 15 coalitions of `network`, and perturbations act on the grid (fuel costs, capacities, demand,
/// corridor limits), not on a table of costs.
public struct GridPooledDispatch: CheckableAgreement {
    public var agreement: PooledDispatchAgreement
    public var network: GridNetwork
    public var options: ClpOptions
    /// Savings of the grand coalition are scaled by this factor (for the monotonicity check).
    var savingsFactor = 1.0
    /// Coalition costs of `network`, computed once and shared by the grown copy (same grid).
    var cache = CoalitionCostCache()

    /// The agreement on `network`.
    public init(agreement: PooledDispatchAgreement, network: GridNetwork, options: ClpOptions = ClpOptions()) {
        self.agreement = agreement
        self.network = network
        self.options = options
    }

    public var agreementID: String { agreement.id }
    public var requiredProperties: [RequiredProperty] { agreement.checks }

    /// Dispatches every coalition, then applies the agreed rule to the savings game.
    public func evaluate() throws(AgreementError) -> AgreementOutcome {
        let costs: [Double]
        if let cached = cache.costs {
            costs = cached
        } else {
            do throws(PooledDispatchGame.Failure) {
                costs = try PooledDispatchGame.coalitionCosts(network, parties: agreement.parties, options: options)
            } catch { throw .dispatch(error.description) }
            cache.costs = costs
        }
        let n = agreement.parties.count
        let full = (1 << n) - 1
        let alone = (0..<n).reduce(0) { $0 + costs[1 << $1] }
        let factor = savingsFactor
        return try agreement.evaluate { (c: Coalition) throws(AgreementError) -> Double in
            let mask = Int(c.mask)
            return mask == full ? costs[mask] - (factor - 1) * (alone - costs[mask]) : costs[mask]
        }
    }

    /// Multiplies every generator's running cost and capacity, every load and every corridor limit
    /// by its own `1 + u`, u uniform in ±`fraction`.
    public func perturbed(by fraction: Double, using rng: inout SplitMix64) -> GridPooledDispatch {
        var copy = self
        copy.cache = CoalitionCostCache()
        copy.network.generators = network.generators.map { g in
            var p = g
            let factor = 1 + rng.uniform(-fraction, fraction)
            p.marginalCost = g.marginalCost.map { $0 * factor }
            p.nominalPower = g.nominalPower * (1 + rng.uniform(-fraction, fraction))
            return p
        }
        copy.network.loads = network.loads.map { load in
            var l = load
            let k = 1 + rng.uniform(-fraction, fraction)
            switch load.demand {
            case .constant(let v): l.demand = .constant(v * k)
            case .series(let values): l.demand = .series(values.map { $0 * k })
            }
            return l
        }
        copy.network.links = network.links.map { link in
            var l = link
            l.nominalPower = link.nominalPower * (1 + rng.uniform(-fraction, fraction))
            return l
        }
        copy.network.lines = network.lines.map { line in
            var l = line
            l.nominalPower = line.nominalPower * (1 + rng.uniform(-fraction, fraction))
            return l
        }
        return copy
    }

    /// The grand coalition saves `factor` times more.
    public func grown(by factor: Double) -> GridPooledDispatch {
        var copy = self
        copy.savingsFactor = savingsFactor * factor
        return copy
    }
}

/// Coalition costs of one grid, kept between the evaluations of the checks (used from one thread).
final class CoalitionCostCache: @unchecked Sendable {
    var costs: [Double]?
}
