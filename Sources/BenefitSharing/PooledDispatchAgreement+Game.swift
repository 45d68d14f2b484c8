import RegionModel
import SeededRandom

extension PooledDispatchAgreement: CheckableAgreement {
    public var agreementID: String { id }
    public var requiredProperties: [RequiredProperty] { checks }

    /// The dispatch cost of a coalition from the table in the agreement file.
    public func tabulatedCost(_ coalition: Coalition) throws(AgreementError) -> Double {
        let key = Self.key(coalition.members.map { parties[$0] })
        guard let figure = coalitionCosts[key] else { throw .missingCoalitionCost(key) }
        return figure.value
    }

    /// The savings game from a cost oracle (a dispatch run per coalition, or the table), and the
    /// agreed rule applied to it.
    public func evaluate(cost: (Coalition) throws(AgreementError) -> Double) throws(AgreementError) -> AgreementOutcome {
        let n = parties.count
        var costs = [Double](repeating: 0, count: 1 << n)
        for mask in 1..<(1 << n) { costs[mask] = try cost(Coalition(mask: UInt64(mask))) }
        let game: CoalitionGame
        do { game = try SavingsGame.make(playerCount: n) { costs[Int($0.mask)] } } catch { throw .game(error) }
        let allocation: [Double]
        switch rule {
        case .shapley: allocation = game.shapleyValue()
        case .equal: allocation = SimpleRule.equalSplit(game.grandValue, among: n)
        case .nucleolus:
            do throws(GameError) {
                if let nucleolus = try game.nucleolus() {
                    allocation = nucleolus
                } else {
                    allocation = try game.prenucleolus()
                }
            } catch { throw .game(error) }
        case .proportional(_, let weights):
            do {
                allocation = try SimpleRule.proportional(game.grandValue, weights: parties.map { weights[$0]?.value ?? 0 })
            } catch { throw .rule(error) }
        }
        return AgreementOutcome(
            parties: parties, game: game, allocation: allocation, unit: "亿元/yr saved",
            contributions: nil, benefits: nil,
            details: [("stand-alone dispatch cost", "亿元/yr", (0..<n).map { costs[1 << $0] })],
            notes: [
                "pooled savings \(Format.amount(game.grandValue)) 亿元/yr of \(Format.amount((0..<n).reduce(0) { $0 + costs[1 << $1] })) stand-alone"
            ])
    }

    /// The savings game from the cost table in the file.
    public func evaluate() throws(AgreementError) -> AgreementOutcome {
        try evaluate { (c: Coalition) throws(AgreementError) -> Double in try tabulatedCost(c) }
    }

    /// Perturbs the stand-alone costs and, separately, each coalition's savings: the uncertainty is
    /// in what pooling saves, not in a ±20% swing of whole dispatch bills that would swamp the savings.
    public func perturbed(by fraction: Double, using rng: inout SplitMix64) -> PooledDispatchAgreement {
        var copy = self
        let alone = parties.map { coalitionCosts[$0]?.value ?? 0 }
        let newAlone = alone.map { $0 * (1 + rng.uniform(-fraction, fraction)) }
        for mask in 1..<(1 << parties.count) {
            let members = Coalition(mask: UInt64(mask)).members
            let key = Self.key(members.map { parties[$0] })
            guard let figure = coalitionCosts[key] else { continue }
            let savings = members.reduce(0) { $0 + alone[$1] } - figure.value
            let scaled = members.count == 1 ? 0 : savings * (1 + rng.uniform(-fraction, fraction))
            copy.coalitionCosts[key] = figure.with(value: members.reduce(0) { $0 + newAlone[$1] } - scaled)
        }
        return copy
    }

    /// The grand coalition's dispatch costs less, so the pooled savings are `factor` times larger.
    public func grown(by factor: Double) -> PooledDispatchAgreement {
        var copy = self
        let all = Self.key(parties)
        guard let grand = coalitionCosts[all] else { return self }
        let alone = parties.reduce(0) { $0 + (coalitionCosts[$1]?.value ?? 0) }
        let savings = alone - grand.value
        copy.coalitionCosts[all] = grand.with(value: grand.value - (factor - 1) * savings)
        return copy
    }
}
