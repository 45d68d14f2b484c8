import RegionModel
import SeededRandom

/// The portfolio a fund (or a coalition's share of it) can pay for.
public struct FundPortfolio: Sendable, Equatable {
    /// Indices of the chosen projects.
    public var projects: [Int]
    public var cost: Double
    /// Benefit minus cost, 亿元 NPV.
    public var netBenefit: Double
}

extension JointFundAgreement: CheckableAgreement {
    public var agreementID: String { id }
    public var requiredProperties: [RequiredProperty] { checks }

    /// Contribution weights per party, normalised to sum to 1.
    public func contributionShares() throws(AgreementError) -> [Double] {
        let raw: [Double]
        switch contribution {
        case .fixedShares(let shares): raw = parties.map { shares[$0]?.value ?? 0 }
        case .proportional(_, let weights): raw = parties.map { weights[$0]?.value ?? 0 }
        }
        do { return try SimpleRule.proportional(1, weights: raw) } catch { throw .rule(error) }
    }

    /// Each project's benefit over the horizon, 亿元 NPV: CO2 abated at the carbon price plus other benefits.
    public func projectBenefits() -> [Double] {
        projects.map { p in
            let yearly = p.co2Abated.value * carbonPrice.value * yiYuanPerMtTimesYuanPerTonne + p.otherBenefit.value
            return netPresentValue([Double](repeating: yearly, count: horizonYears), rate: discountRate.value)
        }
    }

    /// How project `p`'s benefit is shared: the lead keeps `1 − spillover`, the others share the
    /// spillover in proportion to their contribution weights.
    func benefitShares(of project: FundProject, shares: [Double]) -> [Double] {
        let spill = min(max(project.spillover.value, 0), 1)
        let lead = parties.firstIndex(of: project.lead) ?? 0
        let others = shares.enumerated().filter { $0.offset != lead }.reduce(0) { $0 + $1.element }
        return shares.indices.map { i in
            if i == lead { return parties.count == 1 ? 1 : 1 - spill }
            return others > 0 ? spill * shares[i] / others : spill / Double(parties.count - 1)
        }
    }

    /// The best portfolio exactly (all subsets): most benefit to `members` minus cost within
    /// `budget`, with projects led inside `members` only; `forceMandatory` adds the agreement's
    /// mandatory projects.
    func bestPortfolio(members: Coalition, budget: Double, forceMandatory: Bool, benefits: [Double], shares: [Double])
        throws(AgreementError) -> FundPortfolio
    {
        guard projects.count <= Self.exactProjectLimit else {
            throw .tooManyProjects(count: projects.count, limit: Self.exactProjectLimit)
        }
        let allowed = projects.indices.filter { members.contains(parties.firstIndex(of: projects[$0].lead) ?? -1) }
        let value = allowed.map { k in
            let split = benefitShares(of: projects[k], shares: shares)
            return benefits[k] * members.members.reduce(0) { $0 + split[$1] } - projects[k].cost.value
        }
        let cost = allowed.map { projects[$0].cost.value }
        var mandatoryMask = 0
        if forceMandatory {
            for (j, k) in allowed.enumerated() where projects[k].mandatory { mandatoryMask |= 1 << j }
        }
        var best: FundPortfolio? = nil
        for subset in 0..<(1 << allowed.count) where subset & mandatoryMask == mandatoryMask {
            var c = 0.0
            var v = 0.0
            var m = subset
            while m != 0 {
                let j = m.trailingZeroBitCount
                c += cost[j]
                v += value[j]
                m &= m - 1
            }
            if c <= budget * (1 + 1e-12), best == nil || v > best!.netBenefit + 1e-12 {
                best = FundPortfolio(
                    projects: (0..<allowed.count).filter { subset & (1 << $0) != 0 }.map { allowed[$0] }, cost: c, netBenefit: v)
            }
        }
        guard let best else {
            let mandatoryCost = projects.filter(\.mandatory).reduce(0) { $0 + $1.cost.value }
            throw .infeasibleBudget(budget: budget, mandatoryCost: mandatoryCost)
        }
        return best
    }

    /// The chosen portfolio, each party's contribution (its share of what is spent), benefit and
    /// net; the game `v(S)` is the best S can do with its own share of the budget and its own projects.
    public func evaluate() throws(AgreementError) -> AgreementOutcome {
        let shares = try contributionShares()
        let benefits = projectBenefits()
        let n = parties.count
        let grand = Coalition.grand(n)
        let chosen = try bestPortfolio(members: grand, budget: budget.value, forceMandatory: true, benefits: benefits, shares: shares)
        var benefitPerParty = [Double](repeating: 0, count: n)
        for k in chosen.projects {
            let split = benefitShares(of: projects[k], shares: shares)
            for i in 0..<n { benefitPerParty[i] += benefits[k] * split[i] }
        }
        let contributions = shares.map { $0 * chosen.cost }
        let allocation = zip(benefitPerParty, contributions).map { $0 - $1 }
        var values = [Double](repeating: 0, count: 1 << n)
        for mask in 1..<(1 << n) {
            let members = Coalition(mask: UInt64(mask))
            if members == grand {
                values[mask] = chosen.netBenefit
            } else {
                let budgetShare = members.members.reduce(0) { $0 + shares[$1] } * budget.value
                values[mask] = try bestPortfolio(
                    members: members, budget: budgetShare, forceMandatory: false, benefits: benefits, shares: shares
                ).netBenefit
            }
        }
        let game: CoalitionGame
        do { game = try CoalitionGame(playerCount: n, values: values) } catch { throw .game(error) }
        let abated = chosen.projects.reduce(0) { $0 + projects[$1].co2Abated.value }
        return AgreementOutcome(
            parties: parties, game: game, allocation: allocation, unit: "亿元 NPV",
            contributions: contributions, benefits: benefitPerParty,
            // Contributions are paid in (亿元), benefits are discounted over the horizon (亿元 NPV); the
            // allocation (benefit − contribution) is therefore an NPV too.
            contributionUnit: "亿元", benefitUnit: "亿元 NPV",
            details: [
                ("contribution", "亿元", contributions), ("benefit (NPV)", "亿元", benefitPerParty),
                ("benefit/contribution", "ratio", zip(benefitPerParty, contributions).map { $1 > 0 ? $0 / $1 : .infinity }),
            ],
            notes: [
                "portfolio: " + (chosen.projects.isEmpty ? "none" : chosen.projects.map { projects[$0].id }.joined(separator: ", "))
                    + "; cost \(Format.amount(chosen.cost)) of \(Format.amount(budget.value)) 亿元; CO2 abated "
                    + "\(Format.amount(abated)) Mt/yr; net benefit \(Format.amount(chosen.netBenefit)) 亿元 NPV"
            ])
    }

    /// Perturbs the carbon price, discount rate, GDP/fiscal weights and every project figure.
    public func perturbed(by fraction: Double, using rng: inout SplitMix64) -> JointFundAgreement {
        var copy = self
        copy.carbonPrice = carbonPrice.perturbed(fraction, &rng)
        copy.discountRate = discountRate.perturbed(fraction, &rng)
        if case .proportional(let basis, let weights) = contribution {
            var w = weights
            for key in weights.keys.sorted() { w[key] = weights[key]!.perturbed(fraction, &rng) }
            copy.contribution = .proportional(basis: basis, weights: w)
        }
        copy.projects = projects.map { p in
            var q = p
            q.cost = p.cost.perturbed(fraction, &rng)
            q.co2Abated = p.co2Abated.perturbed(fraction, &rng)
            q.otherBenefit = p.otherBenefit.perturbed(fraction, &rng)
            q.spillover = p.spillover.perturbed(fraction, &rng)
            return q
        }
        return copy
    }

    /// Every project's benefits are worth `factor` times more.
    public func grown(by factor: Double) -> JointFundAgreement {
        var copy = self
        copy.carbonPrice = carbonPrice.with(value: carbonPrice.value * factor)
        copy.projects = projects.map { p in
            var q = p
            q.otherBenefit = p.otherBenefit.with(value: p.otherBenefit.value * factor)
            return q
        }
        return copy
    }
}
