import BenefitSharing
import ParallelWork
import Pathways
import RegionModel
import SeededRandom

/// One scenario's uncertain outlook: the peak distribution of every province and of the delta.
public struct OutlookUncertainty: Hashable, Sendable {
    public var scenario: String
    /// By province id, and `yrd` for the delta.
    public var distributions: [String: PeakDistribution]
    public var draws: Int
    public var seed: UInt64
}

/// A seeded Monte Carlo over every stated range: province observations (`Provenance.range`) and scenario levers
/// (`band` / `ranges`). Draw `d` takes its numbers from generators seeded by (seed, d) — one for the provinces,
/// shared by every scenario, and one per scenario name — so the result depends on the seed alone, not on the thread
/// count or on which other scenarios are run. Draws run in parallel (`ParallelMap`), results in draw order.
public enum UncertaintyAnalysis {
    /// The default number of draws.
    public static let defaultDraws = 1_000

    /// The peak distributions of `scenarios` over `draws` draws from `seed`, each province projected from its latest
    /// complete year up to `baseYear`. `parallel: false` runs the draws one after another (the result is the same).
    /// `bases` drawn beforehand for the same draws, seed and base year (`MonteCarloBases`) are used instead of drawing
    /// them again; the result is the same.
    public static func run(
        _ model: RegionalModel, scenarios: [Scenario], draws: Int = defaultDraws, seed: UInt64, baseYear: Int? = nil,
        parallel: Bool = true, bases shared: MonteCarloBases? = nil
    ) throws(AnalysisFailure) -> [OutlookUncertainty] {
        // Fail once, as the deterministic projection does, before drawing.
        _ = try ProjectionAnalysis.outlooks(model, scenarios: scenarios, baseYear: baseYear)
        let bases =
            shared.flatMap { $0.matches(draws: draws, seed: seed, baseYear: baseYear) ? $0 : nil }
            ?? MonteCarloBases(model, draws: draws, seed: seed, baseYear: baseYear, parallel: parallel)
        let one = { @Sendable (draw: Int) -> [[(PeakVerdict, Int?, [(year: Int, value: Double)])]] in
            guard let bases = bases.perDraw[draw] else { return [] }
            return scenarios.map { scenario in
                var generator = SplitMix64(seed: streamSeed(seed, draw: draw, stream: nameHash(scenario.name)))
                let drawnScenario = scenario.hasRanges ? scenario.drawn(using: &generator) : scenario
                let outlook = RegionalOutlook(bases: bases, scenario: drawnScenario)
                return (outlook.provinces + [outlook.delta]).map { t in
                    (t.verdict, t.verdict == .noPeak ? nil : t.peak.year, t.years.map { ($0.year, $0.total.value) })
                }
            }
        }
        let perDraw = parallel ? ParallelMap.map(Array(0..<draws), one) : (0..<draws).map(one)
        let ids = model.provinces.map(\.id.rawValue) + [RegionalOutlook.deltaID.rawValue]
        return scenarios.enumerated().map { s, scenario in
            var distributions: [String: PeakDistribution] = [:]
            for (r, id) in ids.enumerated() {
                // A draw whose drawn base data could not be projected (none today) is left out, not filled in.
                let samples = perDraw.compactMap { s < $0.count && r < $0[s].count ? $0[s][r] : nil }
                distributions[id] = PeakDistribution(
                    verdicts: samples.map { (verdict: $0.0, peakYear: $0.1) }, totals: samples.map(\.2))
            }
            return OutlookUncertainty(scenario: scenario.name, distributions: distributions, draws: draws, seed: seed)
        }
    }

    /// The seed of one stream of one draw: SplitMix64's finaliser over the three numbers.
    static func streamSeed(_ seed: UInt64, draw: Int, stream: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: seed ^ (UInt64(draw) &* 0x9E37_79B9_7F4A_7C15) ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return generator.next()
    }

    /// A stable 64-bit hash of a scenario name (FNV-1a), never 0 (stream 0 is the provinces').
    static func nameHash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash == 0 ? 1 : hash
    }
}
