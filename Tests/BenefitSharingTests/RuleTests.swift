import BenefitSharing
import Testing
import YrdplanTestSupport

@Suite struct RuleTests {
    @Test(arguments: Array(UInt64(1)...30)) func talmudIsTheNucleolusOfTheBankruptcyGame(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let n = 2 + Int(seed % 4)
        let claims = (0..<n).map { _ in Double(1 + rng.next() % 100) }
        let estate = rng.uniform(0, claims.reduce(0, +))
        let problem = try BankruptcyProblem(estate: estate, claims: claims)
        let nucleolus = try #require(try problem.game().nucleolus())
        for (a, b) in zip(problem.talmud, nucleolus) { #expect(abs(a - b) <= 1e-6, "seed \(seed)") }
        for rule in [problem.proportional, problem.constrainedEqualAwards, problem.constrainedEqualLosses, problem.talmud] {
            #expect(abs(rule.reduce(0, +) - estate) <= 1e-9 * max(1, estate))
            #expect(zip(rule, claims).allSatisfy { $0 >= -1e-12 && $0 <= $1 + 1e-9 })
        }
    }

    @Test func splitScheduleSharesTaxFiftyFiftyThenThirtySeventy() throws {
        let schedule = try SplitSchedule(
            periods: [SplitPeriod(years: 5, shares: [0.5, 0.5]), SplitPeriod(years: nil, shares: [0.3, 0.7])], parties: 2)
        let streams = schedule.split([Double](repeating: 10, count: 8))
        #expect(streams[0] == [5, 5, 5, 5, 5, 3, 3, 3])
        #expect(streams[1] == [5, 5, 5, 5, 5, 7, 7, 7])
        #expect(abs(netPresentValue([110], rate: 0.1) - 100) < 1e-12)
    }

    @Test func malformedSchedulesAreRejected() {
        #expect(throws: RuleError.self) {
            _ = try SplitSchedule(periods: [SplitPeriod(years: 5, shares: [0.5, 0.6])], parties: 2)
        }
        #expect(throws: RuleError.self) {
            _ = try SplitSchedule(
                periods: [SplitPeriod(years: nil, shares: [0.5, 0.5]), SplitPeriod(years: 2, shares: [1, 0])], parties: 2)
        }
    }

    @Test func proportionalRuleFollowsWeights() throws {
        #expect(try SimpleRule.proportional(100, weights: [1, 3]) == [25, 75])
        #expect(throws: RuleError.self) { _ = try SimpleRule.proportional(1, weights: [0, 0]) }
        #expect(SimpleRule.equalSplit(9, among: 3) == [3, 3, 3])
    }
}
