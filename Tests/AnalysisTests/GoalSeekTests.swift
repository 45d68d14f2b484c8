import Analysis
import Pathways
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The goal seek on the shipped model: its answer reaches the asked probability and one step less does not, it asks
/// more of the levers for a higher probability, and a lever's required level is the hand-computable blend.
@Suite struct GoalSeekTests {
    static let model: RegionalModel = try! RegionLoader.load(from: ProjectPaths.regions)
    static let policy = model.scenario("policy")!
    static let accelerated = model.scenario("accelerated")!

    static func seek(_ probability: Double, draws: Int = 60, model: RegionalModel = model) throws -> GoalSeekResult {
        try GoalSeekAnalysis.run(
            model, from: model.scenario("policy")!, toward: model.scenario("accelerated")!, targetYear: 2030,
            probability: probability, draws: draws, seed: 5, iterations: 5)
    }

    @Test func theAnswerReachesTheProbabilityAndOneStepLessDoesNot() throws {
        let result = try Self.seek(0.9)
        #expect(result.provinces.map(\.province) == Self.model.provinces.map(\.id.rawValue))
        #expect(result.resolution == 1.0 / 32)
        for goal in result.provinces {
            switch goal.status {
            case .alreadyMet:
                #expect(goal.weight == 0 && goal.announcedProbability >= 0.9 && goal.levers.isEmpty)
            case .reachable:
                #expect(goal.requiredProbability >= 0.9, "\(goal.province)")
                let less = try #require(goal.probabilityOneStepLess)
                #expect(less < 0.9, "\(goal.province): one step less still reaches it")
                #expect(goal.announcedProbability < 0.9 && goal.weight > 0 && goal.weight <= 1)
                #expect(!goal.levers.isEmpty)
            case .unreachable:
                #expect(goal.weight == 1 && goal.requiredProbability < 0.9)
            }
        }
        // The shipped data: Zhejiang and Anhui do not reach 0.9 with the announced plans (README's P 0.71, 0.69).
        #expect(result.goal("zhejiang")?.status == .reachable)
        #expect(result.goal("anhui")?.status == .reachable)
    }

    @Test func theAnnouncedPlanGivesTheMonteCarloOfThePlan() throws {
        // Weight 0 is the policy scenario drawn as UncertaintyAnalysis draws it: the same P(≤2030) per province.
        let result = try Self.seek(0.9)
        let spread = try #require(try UncertaintyAnalysis.run(Self.model, scenarios: [Self.policy], draws: 60, seed: 5).first)
        for goal in result.provinces {
            #expect(goal.announcedProbability == spread.distributions[goal.province]?.pPeakBy2030, "\(goal.province)")
        }
    }

    @Test func aHigherProbabilityNeedsAtLeastAsMuch() throws {
        let weights = try [0.75, 0.9, 0.97].map { p in try Self.seek(p).provinces.map(\.weight) }
        for (lower, higher) in zip(weights, weights.dropFirst()) {
            for (a, b) in zip(lower, higher) { #expect(a <= b) }
        }
    }

    @Test func theSameSeedGivesTheSameAnswer() throws {
        #expect(try Self.seek(0.9, draws: 30) == Self.seek(0.9, draws: 30))
    }

    @Test func anUnreachableGoalIsSaidPlainly() throws {
        // Moving toward the plan itself moves nothing: a province below the probability stays below it at weight 1.
        let result = try GoalSeekAnalysis.run(
            Self.model, from: Self.policy, toward: Self.policy, targetYear: 2030, probability: 0.9, draws: 60, seed: 5, iterations: 5)
        let zhejiang = try #require(result.goal("zhejiang"))
        #expect(zhejiang.status == .unreachable)
        #expect(zhejiang.weight == 1 && zhejiang.requiredProbability == zhejiang.announcedProbability && zhejiang.levers.isEmpty)
    }

    @Test func aBlendedLeverIsTheHandComputedMix() {
        // policy 0 → 10 over 2020–2030, accelerated 0 → 20: a quarter of the way from 2025 gives 12.5 in 2030,
        // the announced 5 in 2025 (nothing moves before), 5 + 2/5 × (12.5 − 5) = 8 in 2027 and 10 + 0.25 × 10 = 12.5 after.
        let provenance = Provenance(source: "yrdplan-estimate", confidence: .estimate, note: "test")
        let plan = LeverPath(points: [(2020, 0), (2030, 10)], provenance: provenance)
        let faster = LeverPath(points: [(2020, 0), (2030, 20)], provenance: provenance)
        let blend = plan.blended(toward: faster, weight: 0.25, from: 2025)
        #expect(blend.value(in: 2020) == 0)
        #expect(blend.value(in: 2025) == 5)
        #expect(abs(blend.value(in: 2027) - 8) < 1e-12)
        #expect(blend.value(in: 2030) == 12.5)
        #expect(blend.value(in: 2050) == 12.5)
        #expect(plan.blended(toward: faster, weight: 0, from: 2025) == plan)

        let region = RegionID(rawValue: "shanghai")!
        var from = Scenario(
            name: "a", title: .init(en: "a", zh: "a"), summary: .init(en: "", zh: ""), horizon: 2060, levers: [.transitShare: plan],
            overrides: [:])
        var toward = from
        toward.levers[.transitShare] = faster
        toward.levers[.ccusCapture] = LeverPath(points: [(2020, 0), (2030, 4)], provenance: provenance)
        from.name = "a"
        let gaps = GoalSeekAnalysis.gaps(from: from, toward: toward, region: region, weight: 0.25, year: 2030, firstYear: 2025)
        #expect(gaps.map(\.lever) == ["transit_share", "ccus_capture"])
        #expect(gaps[0].announced == 10 && gaps[0].required == 12.5 && gaps[0].gap == 2.5 && gaps[0].inPlan)
        // CCUS is not in the plan: it starts from the projection's 0 and reaches a quarter of 4 Mt.
        #expect(gaps[1].announced == 0 && gaps[1].required == 1 && !gaps[1].inPlan && gaps[1].unit == "Mt CO2")
    }
}
