import BenefitSharing
import RegionModel
import SeededRandom

/// What a draw perturbs, deterministically for a seed (docs/studies.md, "What a draw perturbs"). Draw 0 changes
/// nothing. Draw `d` ≥ 1 draws from its own SplitMix64 stream and multiplies each perturbed number, in a fixed
/// order, by `1 + s·u` with `u` uniform in [−1, 1).
public struct DrawPerturbation {
    /// The draw's random stream.
    public var stream: SplitMix64
    /// The spread `s`.
    public let spread: Double

    /// The stream of draw `draw` under `seed`: SplitMix64 seeded with the first output of
    /// SplitMix64(`seed` XOR (`draw` × 0xD1B54A32D192ED03)), so that draws never share a stream.
    public init(seed: UInt64, draw: Int, spread: Double) {
        var mixer = SplitMix64(seed: seed ^ (UInt64(draw) &* 0xD1B5_4A32_D192_ED03))
        stream = SplitMix64(seed: mixer.next())
        self.spread = spread
    }

    /// The next factor `1 + s·u`.
    public mutating func factor() -> Double { 1 + spread * stream.uniform(-1, 1) }

    /// Every load's demand (in the network's load order) scaled by its own factor.
    public mutating func perturb(_ network: GridNetwork) -> GridNetwork {
        var network = network
        for index in network.loads.indices {
            let f = factor()
            switch network.loads[index].demand {
            case .constant(let value): network.loads[index].demand = .constant(value * f)
            case .series(let values): network.loads[index].demand = .series(values.map { $0 * f })
            }
        }
        return network
    }

    /// Every lever path of the scenario scaled by its own factor, clamped into the lever's admissible range: the
    /// region-wide levers in lever order, then each province's overrides (provinces by id, levers in lever order).
    public mutating func perturb(_ scenario: Scenario) -> Scenario {
        var scenario = scenario
        for lever in scenario.levers.keys.sorted() {
            scenario.levers[lever] = scaled(scenario.levers[lever]!, lever: lever)
        }
        for province in scenario.overrides.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            for lever in (scenario.overrides[province] ?? [:]).keys.sorted() {
                scenario.overrides[province]![lever] = scaled(scenario.overrides[province]![lever]!, lever: lever)
            }
        }
        return scenario
    }

    private mutating func scaled(_ path: LeverPath, lever: Lever) -> LeverPath {
        let f = factor()
        let range = lever.spec.range
        return LeverPath(
            points: path.points.map { ($0.year, min(max($0.value * f, range.lowerBound), range.upperBound)) },
            provenance: path.provenance)
    }
}
