import ParallelWork
import Pathways
import RegionModel
import SeededRandom

/// The province bases of every Monte Carlo draw, drawn once from the provinces' stream (stream 0 of
/// `UncertaintyAnalysis.streamSeed`) and shared by the analyses that draw with the same seed: the uncertainty and
/// the goal seek then build each draw's bases once instead of once each (building them is most of a draw's cost).
public struct MonteCarloBases: Sendable {
    /// How many draws were asked for.
    public let draws: Int
    public let seed: UInt64
    /// The latest base year the bases were built up to (`nil`: each province's latest complete year).
    public let baseYear: Int?
    /// Per draw, in draw order: the bases of every province in model order, or `nil` when a drawn province could not
    /// be projected (such a draw is left out by every analysis, not filled in).
    public let perDraw: [[ProjectionBase]?]

    /// Draws the bases of `draws` draws from `seed` (in parallel; `parallel: false` one after another, with the
    /// same result). Without observation ranges every draw has the same bases: they are built once.
    public init(_ model: RegionalModel, draws: Int, seed: UInt64, baseYear: Int? = nil, parallel: Bool = true) {
        self.draws = draws
        self.seed = seed
        self.baseYear = baseYear
        if !model.provinces.contains(where: \.hasRanges) {
            let fixed = try? model.provinces.map { try ProjectionBase($0, baseYear: baseYear) }
            perDraw = Array(repeating: fixed, count: draws)
            return
        }
        let one = { @Sendable (draw: Int) -> [ProjectionBase]? in
            var generator = SplitMix64(seed: UncertaintyAnalysis.streamSeed(seed, draw: draw, stream: 0))
            // The deterministic run succeeded on the same base data; drawn values keep every number present.
            return try? model.provinces.map { try ProjectionBase($0.drawn(using: &generator), baseYear: baseYear) }
        }
        perDraw = parallel ? ParallelMap.map(Array(0..<draws), one) : (0..<draws).map(one)
    }

    /// Whether these are the bases an analysis of `draws` draws from `seed` up to `baseYear` would draw itself.
    public func matches(draws: Int, seed: UInt64, baseYear: Int?) -> Bool {
        self.draws == draws && self.seed == seed && self.baseYear == baseYear && perDraw.count == draws
    }
}
