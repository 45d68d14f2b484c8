import RegionModel
import SeededRandom

/// 1 Mt CO2 × 1 元/t = 10^6 元 = 0.01 亿元.
let yiYuanPerMtTimesYuanPerTonne = 0.01

extension RelocationAgreement: CheckableAgreement {
    public var agreementID: String { id }
    public var requiredProperties: [RequiredProperty] { checks }

    /// NPV per province relative to no move: tax kept under the split, the origin's freed land,
    /// the carbon counted against each province under the emissions split (at the carbon price),
    /// less the costs each bears. The game: `v({i}) = 0` (no move); a coalition holding the origin and
    /// a destination (the agreed one or an alternative) is worth the best total NPV it can reach.
    public func evaluate() throws(AgreementError) -> AgreementOutcome {
        let parties = self.parties
        let agreed = try deal(to: destination, after: after, costs: costs)
        var totals = [(destinationIndex: 1, total: agreed.npv.reduce(0, +))]
        for (k, alternative) in alternatives.enumerated() {
            let other = try deal(to: alternative.destination, after: alternative.after, costs: alternative.costs)
            totals.append((2 + k, other.npv.reduce(0, +)))
        }
        let n = parties.count
        var values = [Double](repeating: 0, count: 1 << n)
        for mask in 1..<(1 << n) where mask & 1 != 0 {
            values[mask] = totals.filter { mask & (1 << $0.destinationIndex) != 0 }.map(\.total).reduce(0, max)
        }
        let game: CoalitionGame
        do { game = try CoalitionGame(playerCount: n, values: values) } catch { throw .game(error) }
        func padded(_ pair: [Double]) -> [Double] { pair + [Double](repeating: 0, count: n - 2) }
        let rate = discountRate.value
        return AgreementOutcome(
            parties: parties, game: game, allocation: padded(agreed.npv), unit: "亿元 NPV",
            contributions: nil, benefits: nil,
            details: [
                ("GDP statistics counted, change (NPV)", "亿元", padded(agreed.gdp)),
                ("CO2 counted over the horizon, change", "Mt CO2", padded(agreed.co2)),
                ("jobs, change", "jobs", padded([-before.jobs.value, after.jobs.value])),
            ],
            notes: [
                "\(origin) → \(destination), \(horizonYears) years at \(Format.amount(rate * 100, decimals: 1))%: "
                    + "total NPV \(Format.amount(totals[0].total)) 亿元"
                    + zip(alternatives, totals.dropFirst()).map { "; via \($0.destination): \(Format.amount($1.total))" }.joined()
            ])
    }

    /// The origin's and one destination's yearly streams under the agreed splits, as NPVs, with the GDP
    /// statistics (NPV) and CO2 (over the horizon) counted to each.
    func deal(to host: String, after plant: PlantFigures, costs: [RelocationCost]) throws(AgreementError) -> (
        npv: [Double], gdp: [Double], co2: [Double]
    ) {
        let years = horizonYears
        let rate = discountRate.value
        let price = carbonPrice.value * yiYuanPerMtTimesYuanPerTonne
        let tax = try schedule(taxSplit)
        let gdp = try schedule(gdpSplit)
        let emissions = try schedule(emissionsSplit)
        let payers = [origin, host]
        var streams = [[Double]](repeating: [Double](repeating: 0, count: years), count: 2)
        var gdpCounted = [[Double]](repeating: [Double](repeating: 0, count: years), count: 2)
        var co2Counted = [0.0, 0.0]
        for t in 0..<years {
            let taxShares = tax.shares(inYear: t)
            let co2Shares = emissions.shares(inYear: t)
            let gdpShares = gdp.shares(inYear: t)
            for p in 0..<2 {
                streams[p][t] += taxShares[p] * plant.tax.value - price * co2Shares[p] * plant.co2.value
                gdpCounted[p][t] = gdpShares[p] * plant.valueAdded.value - (p == 0 ? before.valueAdded.value : 0)
                co2Counted[p] += co2Shares[p] * plant.co2.value - (p == 0 ? before.co2.value : 0)
            }
            streams[0][t] += -before.tax.value + price * before.co2.value + landValueFreed.value
            for cost in costs where cost.perYear || t == 0 {
                for p in 0..<2 { streams[p][t] -= cost.amount.value * (cost.paidBy[payers[p]] ?? 0) }
            }
        }
        return (
            streams.map { netPresentValue($0, rate: rate) }, gdpCounted.map { netPresentValue($0, rate: rate) },
            co2Counted
        )
    }

    /// A split schedule between the origin (first) and whichever destination hosts the plant (second).
    func schedule(_ periods: [AgreementSplitPeriod]) throws(AgreementError) -> SplitSchedule {
        do throws(RuleError) {
            return try SplitSchedule(
                periods: periods.map { period in
                    SplitPeriod(years: period.years, shares: [period.shares[origin] ?? 0, period.shares[destination] ?? 0])
                },
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
        copy.alternatives = alternatives.map { alternative in
            var a = alternative
            for keyPath in [\PlantFigures.valueAdded, \.tax, \.co2] {
                a.after[keyPath: keyPath] = alternative.after[keyPath: keyPath].perturbed(fraction, &rng)
            }
            a.costs = alternative.costs.map { cost in
                var c = cost
                c.amount = cost.amount.perturbed(fraction, &rng)
                return c
            }
            return a
        }
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
