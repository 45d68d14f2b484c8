import Analysis
import Foundation
import Pathways
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// Bases drawn once and shared by the uncertainty and the goal seek, and the edition's Monte Carlo figures given back
/// to it: the same results as each analysis drawing its own (the reference here is the analyses run alone).
@Suite struct MonteCarloBasesTests {
    static let model: RegionalModel = try! RegionLoader.load(from: ProjectPaths.regions, displayRoot: "Regions")

    @Test func sharedBasesGiveTheSameUncertainty() throws {
        #expect(Self.model.provinces.contains { $0.hasRanges }, "the shipped provinces state ranges: each draw has its own bases")
        let alone = try UncertaintyAnalysis.run(Self.model, scenarios: Self.model.scenarios, draws: 40, seed: 9)
        let bases = MonteCarloBases(Self.model, draws: 40, seed: 9, parallel: false)
        #expect(bases.perDraw.count == 40 && bases.perDraw.allSatisfy { $0?.count == Self.model.provinces.count })
        let shared = try UncertaintyAnalysis.run(Self.model, scenarios: Self.model.scenarios, draws: 40, seed: 9, bases: bases)
        #expect(shared == alone)
        // Bases of another seed are not the draws asked for: they are drawn again, not used.
        let other = MonteCarloBases(Self.model, draws: 40, seed: 10)
        #expect(try UncertaintyAnalysis.run(Self.model, scenarios: Self.model.scenarios, draws: 40, seed: 9, bases: other) == alone)
        #expect(try UncertaintyAnalysis.run(Self.model, scenarios: Self.model.scenarios, draws: 40, seed: 10) != alone)
    }

    @Test func sharedBasesAndTheAnnouncedPlansUncertaintyGiveTheSameGoalSeek() throws {
        let policy = try #require(Self.model.scenario("policy")), accelerated = try #require(Self.model.scenario("accelerated"))
        func seek(bases: MonteCarloBases?, announced: OutlookUncertainty?) throws -> GoalSeekResult {
            try GoalSeekAnalysis.run(
                Self.model, from: policy, toward: accelerated, targetYear: 2030, probability: 0.9, draws: 60, seed: 5, iterations: 5,
                bases: bases, announced: announced)
        }
        let alone = try seek(bases: nil, announced: nil)
        let bases = MonteCarloBases(Self.model, draws: 60, seed: 5)
        let announced = try #require(
            try UncertaintyAnalysis.run(Self.model, scenarios: [policy], draws: 60, seed: 5, bases: bases).first)
        #expect(try seek(bases: bases, announced: announced) == alone)
        #expect(alone.provinces.contains { $0.status == .reachable }, "the bisection ran")
        // Another scenario's uncertainty is not the announced plan's: it is not taken for weight 0.
        let baselineScenario = try #require(Self.model.scenario("baseline"))
        let baseline = try #require(try UncertaintyAnalysis.run(Self.model, scenarios: [baselineScenario], draws: 60, seed: 5).first)
        #expect(try seek(bases: bases, announced: baseline) == alone)
    }

    @Test func theEditionsMonteCarloRoundTripsAndGivesTheSameEdition() throws {
        let computed = try EditionAnalysis.make(model: Self.model, editionDate: "2026-01-01", draws: 30, seed: 3)
        let figures = try #require(computed.monteCarlo)
        #expect(figures.goal != nil && figures.spreads.count == Self.model.scenarios.count)
        // The goal seek and the uncertainty run alone, as the edition ran them before they shared their draws.
        let headline = computed.input.headlineScenario
        let from = try #require(Self.model.scenario(headline)), toward = try #require(Self.model.scenario("accelerated"))
        let goal = try GoalSeekAnalysis.run(
            Self.model, from: from, toward: toward,
            targetYear: 2030, probability: 0.9, draws: 30, seed: 3)
        #expect(figures.goal == goal)
        let uncertainty = try UncertaintyAnalysis.run(Self.model, scenarios: Self.model.scenarios, draws: 30, seed: 3)
        for u in uncertainty {
            for (region, d) in u.distributions {
                let spread = try #require(figures.spreads[u.scenario]?[region])
                #expect(spread.pBy2030 == d.pPeakBy2030 && spread.median == d.peakYearMedian && spread.draws == d.draws)
            }
        }
        // JSON (as publish's cache stores them) gives back every value exactly, and the edition made from them is the same.
        let decoded = try JSONDecoder().decode(EditionMonteCarlo.self, from: JSONEncoder().encode(figures))
        #expect(decoded == figures)
        let fromCache = try EditionAnalysis.make(model: Self.model, editionDate: "2026-01-01", draws: 30, seed: 3, monteCarlo: decoded)
        #expect(fromCache.input == computed.input)
    }
}
