// MARK: - Owen value: the Shapley value when players bargain in a priori unions

extension CoalitionGame {
    /// The Owen value (Owen 1977): the expected marginal contribution over the player orders that keep
    /// each union together, with the unions in random order and the members in random order within.
    /// For player `i` in union `U_k` (`m` unions, `u = |U_k|`), exactly:
    /// `Σ_{R ⊆ unions∖U_k} Σ_{T ⊆ U_k∖i} r!(m−r−1)!/m! · t!(u−t−1)!/u! · (v(Q∪T∪i) − v(Q∪T))`,
    /// where `Q` is the union of the unions in `R`, `r = |R|`, `t = |T|`. Each player sums at most
    /// `2^(n−1)` terms.
    public func owenValue(structure: CoalitionStructure) -> [Double] {
        precondition(structure.playerCount == playerCount, "the unions and the game must have the same players")
        let unions = structure.unions.map { Int($0.mask) }
        let m = unions.count
        let betweenWeight = Self.shapleyWeights(playerCount: m)
        var owen = [Double](repeating: 0, count: playerCount)
        for (k, union) in unions.enumerated() {
            let others = unions.enumerated().filter { $0.offset != k }.map(\.element)
            let withinWeight = Self.shapleyWeights(playerCount: union.nonzeroBitCount)
            for chosen in 0..<(1 << others.count) {
                var before = 0
                for (j, other) in others.enumerated() where chosen & (1 << j) != 0 { before |= other }
                let unionsWeight = betweenWeight[chosen.nonzeroBitCount]
                var members = union
                while members != 0 {
                    let i = members.trailingZeroBitCount
                    members &= members - 1
                    let bit = 1 << i
                    let partners = union & ~bit
                    // Every subset T of the partners, by the usual submask walk (T = partners … ∅).
                    var t = partners
                    var total = 0.0
                    while true {
                        let s = before | t
                        total += withinWeight[t.nonzeroBitCount] * (values[s | bit] - values[s])
                        if t == 0 { break }
                        t = (t - 1) & partners
                    }
                    owen[i] += unionsWeight * total
                }
            }
        }
        return owen
    }
}
