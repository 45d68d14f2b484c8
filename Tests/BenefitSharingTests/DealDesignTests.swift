import BenefitSharing
import Foundation
import RegionModel
import Testing

/// The deal designer on the shipped petrochemical relocation. By hand from the file's figures, 20 years at
/// 6% (end of year): A10 = Σ_{t=1..10} 1.06^−t = 7.3601, A20 = 11.4699, years 11-20: 4.1098; carbon
/// 42.85 元/t = 0.4285 亿元/Mt. Shanghai: (−11 tax + 0.4285 × 5.2 Mt + 3 land) × A20 − 12 × 0.4 / 1.06
/// + 0.5 × 10 × A10 = −66.20 − 4.53 + 36.80 = −33.93. Jiangsu: 36.80 + 10 × 4.1098 − (0.4285 × 4.9 + 0.6) × A20
/// − 7.2 / 1.06 = 40.14. Total 6.21 = v(N); v({i}) = 0.
@Suite struct DealDesignTests {
    func petrochemical() throws -> RelocationAgreement {
        guard case .relocation(let deal) = try shippedAgreement("relocation-petrochemical-shanghai-jiangsu") else {
            throw Failure("not a relocation")
        }
        return deal
    }

    struct Failure: Error { var why: String; init(_ why: String) { self.why = why } }

    @Test func closestSplitRaisesShanghaisFirstTenYears() throws {
        let deal = try petrochemical()
        // One point of Shanghai's share in years 1-10 is worth 10 × A10 = 73.60 亿元 NPV, in years 11-20
        // 10 × 4.11 = 41.10: the least change makes up Shanghai's 33.93 in the first period,
        // 0.5 + 33.93 / 73.60 = 0.961, and leaves the host's later years alone.
        guard case .amended(let amendment) = try deal.designSplit(objective: .closest) else {
            Issue.record("expected an amendment")
            return
        }
        let shares = amendment.agreement.taxSplit.map { $0.shares["shanghai"] ?? 0 }
        #expect(abs(shares[0] - 0.961) < 0.001)
        #expect(shares[1] == 0)
        #expect(amendment.changes.count == 1 && amendment.changes[0].years == 1...10)
        #expect(amendment.after[0] >= 0 && amendment.after[0] < 0.05, "Shanghai just clears its stand-alone value")
        #expect(abs(amendment.after[1] - (6.21 - amendment.after[0])) < 0.01, "Jiangsu keeps the rest of the 6.21")
        #expect(amendment.checks.allSatisfy { $0.held })
        #expect(Set(amendment.designedAgainst.map(\.name)) == ["individual-rationality", "core", "floor"])
    }

    @Test func equalGainGivesShanghaiTheFirstDecadeAndALittleMore() throws {
        // Equal gains: 6.21 / 2 = 3.11 each, so Shanghai needs 37.04 more: the whole first period (36.80)
        // and (37.04 − 36.80) / 41.10 = 0.0057 of the later tax.
        guard case .amended(let amendment) = try petrochemical().designSplit(objective: .equalGain) else {
            Issue.record("expected an amendment")
            return
        }
        let shares = amendment.agreement.taxSplit.map { $0.shares["shanghai"] ?? 0 }
        #expect(shares[0] == 1)
        #expect(abs(shares[1] - 0.0057) < 0.0002)
        #expect(abs(amendment.after[0] - 3.11) < 0.01 && abs(amendment.after[1] - 3.11) < 0.01)
    }

    @Test func aFloorAboveTheTotalCannotBeMetBySharesAndNeedsOutsideMoney() throws {
        var deal = try petrochemical()
        deal.checks = [.individualRationality, .coreMembership, .floor(["shanghai": 10])]
        // The move is worth 6.21 in all and Jiangsu must keep ≥ 0: Shanghai can reach 6.21, not 10. The
        // smallest payment is 10 − 6.21 = 3.79 from outside the agreement, none of it from Jiangsu.
        guard case .noSplitPasses(let none) = try deal.designSplit(objective: .closest) else {
            Issue.record("no split should pass")
            return
        }
        let payment = try #require(none.sidePayment)
        #expect(abs(payment.fromOutside - 3.79) < 0.01)
        #expect(abs(payment.transfers[0] - 3.79) < 0.01 && abs(payment.transfers[1]) < 1e-6)
        #expect(none.leastCoreEpsilon < 0, "the game's core is not empty: the floor is what cannot be met")
    }

    @Test func misreportingStandAloneValues() throws {
        let outcome = try petrochemical().evaluate()
        let game = outcome.game
        // Two players, v({i}) = 0, v(N) = 6.21: reporting v({i}) = +10% of v(N) = 0.621 moves the Shapley value,
        // the nucleolus and the equal-surplus split by half of it, 0.311; equal split and the agreed split
        // do not look at v({i}); proportional-to-stand-alone is undefined when both are 0.
        let gain = 0.1 * 6.2116 / 2
        for rule in [AllocationRule.shapley, .nucleolus, .equalSurplus] {
            let result = game.manipulation(by: rule, maximum: 0.1)
            #expect(!result.immune, "\(rule.name)")
            #expect(result.gains.allSatisfy { abs($0 - gain) < 1e-3 }, "\(rule.name): \(result.gains)")
            #expect(result.bestMisreport.allSatisfy { abs($0 - 0.1) < 1e-12 })
        }
        #expect(game.manipulation(by: .equalSplit, maximum: 0.1).immune)
        #expect(game.manipulation(by: .fixed("agreed", outcome.allocation), maximum: 0.1).immune)
        #expect(game.manipulation(by: .proportional, maximum: 0.1).defined == false)
        #expect(CoalitionGame.misreportGrid(maximum: 0.1).count == 21)
        #expect(CoalitionGame.misreportGrid(maximum: 0.1).first == -0.1 && CoalitionGame.misreportGrid(maximum: 0.1).last == 0.1)
    }
}
