import Analysis
import Pathways
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The Monte Carlo over the shipped model: reproducible for a seed, independent of threads, and reducing to the
/// deterministic verdict when nothing is uncertain.
@Suite struct UncertaintyAnalysisTests {
    static let model: RegionalModel = try! RegionLoader.load(from: ProjectPaths.regions)

    /// The model with every lever range replaced by `transform` of its anchor (nil: no range) and no observation
    /// ranges in the province data.
    static func withLeverRanges(_ transform: (Double) -> ClosedRange<Double>?) -> RegionalModel {
        var model = Self.model
        model.provinces = model.provinces.map(\.withoutRanges)
        func rewrite(_ path: LeverPath) -> LeverPath {
            var ranges: [Int: ClosedRange<Double>] = [:]
            for point in path.points { ranges[point.year] = transform(point.value) }
            return LeverPath(points: path.points, provenance: path.provenance, ranges: ranges)
        }
        model.scenarios = model.scenarios.map { scenario in
            var s = scenario
            s.levers = s.levers.mapValues(rewrite)
            s.overrides = s.overrides.mapValues { $0.mapValues(rewrite) }
            return s
        }
        return model
    }

    @Test func theSameSeedGivesTheSameResultAndThreadsDoNotMatter() throws {
        let model = Self.model
        let uncertain = model.scenarios.contains { $0.hasRanges }
        #expect(uncertain, "the shipped scenarios state lever ranges")
        let a = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: 40, seed: 9)
        let b = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: 40, seed: 9)
        let serial = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: 40, seed: 9, parallel: false)
        #expect(a == b)
        #expect(a == serial)
        let other = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: 40, seed: 10)
        #expect(a != other)
        // A scenario's draws do not depend on which other scenarios run beside it.
        let policy = try #require(model.scenario("policy"))
        let alone = try UncertaintyAnalysis.run(model, scenarios: [policy], draws: 40, seed: 9)
        #expect(alone.first == a.first { $0.scenario == "policy" })
    }

    @Test func withoutUncertaintyTheProbabilityIsTheVerdict() throws {
        let model = Self.withLeverRanges { _ in nil }
        let uncertain = model.scenarios.contains { $0.hasRanges }
        #expect(!uncertain)
        let outlooks = try ProjectionAnalysis.outlooks(model)
        let spreads = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: 5, seed: 1)
        for (outlook, spread) in zip(outlooks, spreads) {
            for t in outlook.provinces + [outlook.delta] {
                let d = try #require(spread.distributions[t.region.rawValue])
                #expect(d.pPeakBy2030 == (t.verdict == .meets ? 1 : 0), "\(outlook.scenario.name) \(t.region)")
                #expect(d.pNoPeak == (t.verdict == .noPeak ? 1 : 0))
            }
        }
    }

    @Test func zeroWidthRangesReproduceTheDeterministicTrajectory() throws {
        let model = Self.withLeverRanges { $0...$0 }
        let allUncertain = model.scenarios.allSatisfy { $0.hasRanges }
        #expect(allUncertain)
        let outlooks = try ProjectionAnalysis.outlooks(model)
        let spreads = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: 8, seed: 3)
        for (outlook, spread) in zip(outlooks, spreads) {
            for t in outlook.provinces + [outlook.delta] {
                let d = try #require(spread.distributions[t.region.rawValue])
                #expect(d.bands.map(\.year) == t.years.map(\.year))
                for (band, year) in zip(d.bands, t.years) {
                    #expect(band.p5 == year.total.value && band.p95 == year.total.value)
                }
                let peak = t.verdict == .noPeak ? nil : t.peak.year
                #expect(d.peakYearP5 == peak && d.peakYearMedian == peak && d.peakYearP95 == peak)
            }
        }
    }
}
