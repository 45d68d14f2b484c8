import Diagnostics
import RegionModel

// MARK: - The designer's answer

/// One period of a split schedule whose shares the designer changed.
public struct DesignedShare: Sendable, Equatable {
    /// The split changed (`tax`).
    public var stream: String
    /// Index of the period in that split (0-based).
    public var period: Int
    /// First and last year of the period (1-based; the open-ended last period runs to the horizon).
    public var years: ClosedRange<Int>
    /// Share per party id before and after.
    public var before: [String: Double]
    public var after: [String: Double]
    /// Where the period is written.
    public var location: SourceLocation?
}

/// An amended agreement that passes every check: the changed shares, the NPVs before and after, and the
/// checks rerun on the amended agreement.
public struct DealAmendment: Sendable {
    /// The agreement with the designed shares (rounded to four decimals, as written to a file).
    public var agreement: RelocationAgreement
    public var objective: DesignObjective
    public var changes: [DesignedShare]
    public var parties: [String]
    public var unit: String
    /// Payoff per party as proposed and as amended.
    public var before: [Double]
    public var after: [Double]
    /// The checks that failed as proposed: what the design was made against.
    public var designedAgainst: [RequiredProperty]
    /// Every check rerun on the amended agreement.
    public var checks: [CheckOutcome]
}

/// Why no split passes, with what would close the gap.
public struct NoPassingSplit: Sendable {
    public var agreementID: String
    /// In words: what the designer could change and why it is not enough.
    public var reason: String
    public var parties: [String]
    public var unit: String
    /// The payoff per party as proposed.
    public var allocation: [Double]
    /// The least-core value ε₁ of the agreement's game (> 0: the core is empty).
    public var leastCoreEpsilon: Double
    /// The smallest side payment that would pass the allocation checks; nil when none can (e.g. a total
    /// that is not worth moving for). It does not mend a benefit/contribution gap (see `undesignable`).
    public var sidePayment: SidePayment?
    /// Failing checks that neither shares nor side payments change (a benefit/contribution gap).
    public var undesignable: [RequiredProperty] {
        failing.filter { if case .maxBenefitContributionGap = $0 { true } else { false } }
    }
    /// The checks that failed as proposed.
    public var failing: [RequiredProperty]
}

/// The deal designer's answer for one agreement.
public enum DealDesign: Sendable {
    case amended(DealAmendment)
    case noSplitPasses(NoPassingSplit)
}

// MARK: - Relocation: the tax split as design variables

extension RelocationAgreement {
    /// Shares are designed to this many decimals (what is written to the amended file).
    public static let designDecimals = 4

    /// A copy whose tax split gives the origin `originShares[k]` in period k and the host the rest.
    public func withTaxShares(_ originShares: [Double]) -> RelocationAgreement {
        var copy = self
        for k in taxSplit.indices {
            copy.taxSplit[k].shares = [origin: originShares[k], destination: 1 - originShares[k]]
        }
        return copy
    }

    /// The origin's share of each tax period as design variables. Each party's NPV is linear in them
    /// (`tax × share` discounted over the period's years), so each column is measured exactly as the
    /// payoff at share 1 minus the payoff at share 0. The GDP-statistics split does not enter the payoff
    /// and the emissions split is an accounting convention: both are left as written.
    public func taxShareModel() throws(AgreementError) -> LinearAllocation {
        let shares = taxSplit.map { $0.shares[origin] ?? 0 }
        func payoff(_ s: [Double], grown: Bool) throws(AgreementError) -> [Double] {
            let agreement = withTaxShares(s)
            return try (grown ? agreement.grown(by: RuleChecker.growthFactor) : agreement).evaluate().allocation
        }
        func columns(grown: Bool) throws(AgreementError) -> [[Double]] {
            var out: [[Double]] = []
            for k in shares.indices {
                var high = shares
                var low = shares
                high[k] = 1
                low[k] = 0
                let a = try payoff(high, grown: grown)
                let b = try payoff(low, grown: grown)
                out.append(zip(a, b).map { $0 - $1 })
            }
            return out
        }
        let monotone = checks.contains(.monotonicity)
        return LinearAllocation(
            base: try payoff(shares, grown: false), columns: try columns(grown: false),
            grownBase: monotone ? try payoff(shares, grown: true) : nil, grownColumns: monotone ? try columns(grown: true) : nil,
            lower: shares.map { -$0 }, upper: shares.map { 1 - $0 })
    }

    /// The tax split closest to the proposal (or nearest the objective's target) that passes every
    /// check, by LP on Clp; or why none does, with the least-core ε and the smallest side payment.
    /// Every inequality keeps a margin as large as rounding the shares to `designDecimals` can move
    /// it, so the rounded, written shares still pass; the amended agreement is then checked again.
    public func designSplit(objective: DesignObjective) throws(AgreementError) -> DealDesign {
        let outcome = try evaluate()
        let failing = RuleChecker.check(self).filter { !$0.held }.map(\.property)
        let model = try taxShareModel()
        let step = 1 / Double(pow10(Self.designDecimals))
        let spread = model.columns.reduce(0) { $0 + $1.reduce(0) { $0 + abs($1) } }
        let margin = 0.5 * step * spread + 1e-6 * max(1, abs(outcome.game.grandValue))
        let shares = taxSplit.map { $0.shares[origin] ?? 0 }
        let theta: [Double]?
        do {
            theta = try DealDesigner.design(
                model, game: outcome.game, parties: outcome.parties, properties: checks, objective: objective, margin: margin)
        } catch { throw .game(error) }
        // Neither tax shares nor side payments move benefits and contributions: a failing gap check stays failing.
        let gapFails = failing.contains { if case .maxBenefitContributionGap = $0 { true } else { false } }
        if let theta, !gapFails {
            let designed = zip(shares, theta).map { min(1, max(0, (($0 + $1) / step).rounded() * step)) }
            let amended = withTaxShares(designed)
            let rechecked = RuleChecker.check(amended)
            if rechecked.allSatisfy(\.held) {
                var changes: [DesignedShare] = []
                var start = 1
                for (k, period) in taxSplit.enumerated() {
                    let end = period.years.map { start + $0 - 1 } ?? horizonYears
                    if abs(designed[k] - shares[k]) > step / 2 {
                        changes.append(
                            DesignedShare(
                                stream: "tax", period: k, years: start...max(start, end), before: period.shares,
                                after: amended.taxSplit[k].shares, location: period.location))
                    }
                    start = end + 1
                }
                return .amended(
                    DealAmendment(
                        agreement: amended, objective: objective, changes: changes, parties: outcome.parties, unit: outcome.unit,
                        before: outcome.allocation, after: try amended.evaluate().allocation, designedAgainst: failing,
                        checks: rechecked))
            }
        }
        return .noSplitPasses(
            try NoPassingSplit.explain(
                self, model: model, outcome: outcome, failing: failing,
                reason: "no tax split between \(origin) and \(destination) with shares in [0, 1] passes every check"))
    }
}

extension NoPassingSplit {
    /// Why no split passes: the least-core ε of the game and the smallest side payment, with the shares
    /// of `model` (if any) moved as far as they help.
    public static func explain(
        _ agreement: some CheckableAgreement, model: LinearAllocation, outcome: AgreementOutcome, failing: [RequiredProperty],
        reason: String
    ) throws(AgreementError) -> NoPassingSplit {
        do {
            let epsilon = try outcome.game.leastCore().epsilon
            let payment = try DealDesigner.smallestSidePayment(
                model, game: outcome.game, parties: outcome.parties, properties: agreement.requiredProperties)
            return NoPassingSplit(
                agreementID: agreement.agreementID, reason: reason, parties: outcome.parties, unit: outcome.unit,
                allocation: outcome.allocation, leastCoreEpsilon: epsilon, sidePayment: payment, failing: failing)
        } catch { throw .game(error) }
    }

    /// For an agreement with nothing the designer may change (a fund whose contributions follow a rule on
    /// sourced figures): the allocation as proposed, the least-core ε and the smallest side payment.
    public static func explain(_ agreement: some CheckableAgreement, reason: String) throws(AgreementError) -> NoPassingSplit {
        let outcome = try agreement.evaluate()
        let failing = RuleChecker.check(agreement).filter { !$0.held }.map(\.property)
        let grown =
            agreement.requiredProperties.contains(.monotonicity)
            ? try agreement.grown(by: RuleChecker.growthFactor).evaluate().allocation : nil
        let model = LinearAllocation(
            base: outcome.allocation, columns: [], grownBase: grown, grownColumns: grown.map { _ in [] }, lower: [], upper: [])
        return try explain(agreement, model: model, outcome: outcome, failing: failing, reason: reason)
    }
}

func pow10(_ k: Int) -> Int { (0..<k).reduce(1) { r, _ in r * 10 } }
