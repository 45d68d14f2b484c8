import RegionModel

/// 1 Mt CO2 × 1 元/t = 10^6 元 = 0.01 亿元.
let yiYuanPerMtTimesYuanPerTonne = 0.01

extension RelocationAgreement: CheckableAgreement {
    public var agreementID: String { id }
    public var requiredProperties: [RequiredProperty] { checks }

    /// NPV per province relative to no move: tax kept under the split, the origin's freed land,
    /// the carbon counted against each province under the emissions split (at the carbon price),
    /// less the costs each bears. The game: `v({i}) = 0` (no move), `v(N)` = the total NPV.
    public func evaluate() throws(AgreementError) -> AgreementOutcome {
        let parties = self.parties
        let years = horizonYears
        let rate = discountRate.value
        let price = carbonPrice.value * yiYuanPerMtTimesYuanPerTonne
        let tax = try schedule(taxSplit)
        let gdp = try schedule(gdpSplit)
        let emissions = try schedule(emissionsSplit)
        var streams = [[Double]](repeating: [Double](repeating: 0, count: years), count: 2)
        var gdpCounted = [[Double]](repeating: [Double](repeating: 0, count: years), count: 2)
        var co2Counted = [0.0, 0.0]
        for t in 0..<years {
            let taxShares = tax.shares(inYear: t)
            let co2Shares = emissions.shares(inYear: t)
            let gdpShares = gdp.shares(inYear: t)
            for p in 0..<2 {
                streams[p][t] += taxShares[p] * after.tax.value - price * co2Shares[p] * after.co2.value
                gdpCounted[p][t] = gdpShares[p] * after.valueAdded.value - (p == 0 ? before.valueAdded.value : 0)
                co2Counted[p] += co2Shares[p] * after.co2.value - (p == 0 ? before.co2.value : 0)
            }
            streams[0][t] += -before.tax.value + price * before.co2.value + landValueFreed.value
            for cost in costs where cost.perYear || t == 0 {
                for p in 0..<2 { streams[p][t] -= cost.amount.value * (cost.paidBy[parties[p]] ?? 0) }
            }
        }
        let npv = streams.map { netPresentValue($0, rate: rate) }
        let total = npv.reduce(0, +)
        let game: CoalitionGame
        do { game = try CoalitionGame(playerCount: 2, values: [0, 0, 0, total]) } catch { throw .game(error) }
        return AgreementOutcome(
            parties: parties, game: game, allocation: npv, unit: "亿元 NPV",
            contributions: nil, benefits: nil,
            details: [
                ("GDP statistics counted, change (NPV)", "亿元", gdpCounted.map { netPresentValue($0, rate: rate) }),
                ("CO2 counted over the horizon, change", "Mt CO2", co2Counted),
                ("jobs, change", "jobs", [-before.jobs.value, after.jobs.value]),
            ],
            notes: [
                "\(origin) → \(destination), \(years) years at \(Format.amount(rate * 100, decimals: 1))%: "
                    + "total NPV \(Format.amount(total)) 亿元"
            ])
    }

    func schedule(_ periods: [AgreementSplitPeriod]) throws(AgreementError) -> SplitSchedule {
        do throws(RuleError) {
            return try SplitSchedule(
                periods: periods.map { period in SplitPeriod(years: period.years, shares: parties.map { period.shares[$0] ?? 0 }) },
                parties: 2)
        } catch { throw .rule(error) }
    }

    /// Perturbs the rates, the plant figures, the freed land and the costs (not the splits).
    public func perturbed(by fraction: Double, using rng: inout SplitMix64) -> RelocationAgreement {
        var copy = self
        copy.discountRate = discountRate.perturbed(fraction, &rng)
        copy.carbonPrice = carbonPrice.perturbed(fraction, &rng)
        for keyPath in [\PlantFigures.valueAdded, \.tax, \.co2] {
            copy.before[keyPath: keyPath] = before[keyPath: keyPath].perturbed(fraction, &rng)
            copy.after[keyPath: keyPath] = after[keyPath: keyPath].perturbed(fraction, &rng)
        }
        copy.landValueFreed = landValueFreed.perturbed(fraction, &rng)
        copy.costs = costs.map { cost in
            var c = cost
            c.amount = cost.amount.perturbed(fraction, &rng)
            return c
        }
        return copy
    }

    /// The plant's tax at the destination and the freed land are worth `factor` times more.
    public func grown(by factor: Double) -> RelocationAgreement {
        var copy = self
        copy.after.tax = after.tax.with(value: after.tax.value * factor)
        copy.landValueFreed = landValueFreed.with(value: landValueFreed.value * factor)
        return copy
    }
}
