// MARK: - Solutions built on the utopia payoffs: the τ-value and the Gately point

extension CoalitionGame {
    /// The utopia payoffs `M_i = v(N) − v(N∖i)`: the most player `i` can ask before the others are better
    /// off without it.
    public func utopiaPayoffs() -> [Double] {
        let full = values.count - 1
        return (0..<playerCount).map { grandValue - values[full & ~(1 << $0)] }
    }

    /// The minimal rights `m_i = max_{S∋i} (v(S) − Σ_{j∈S∖i} M_j)`: what `i` is left with in its best
    /// coalition after paying every partner its utopia payoff. O(n·2^n).
    public func minimalRights() -> [Double] {
        let utopia = utopiaPayoffs()
        // remainder[S] = v(S) − M(S), with M(S) summed by dropping the lowest member.
        var utopiaSum = [Double](repeating: 0, count: values.count)
        var best = [Double](repeating: -.infinity, count: playerCount)
        for mask in 1..<values.count {
            utopiaSum[mask] = utopiaSum[mask & (mask - 1)] + utopia[mask.trailingZeroBitCount]
            let remainder = values[mask] - utopiaSum[mask]
            var members = mask
            while members != 0 {
                let i = members.trailingZeroBitCount
                members &= members - 1
                if remainder > best[i] { best[i] = remainder }
            }
        }
        return (0..<playerCount).map { utopia[$0] + best[$0] }
    }

    /// The τ-value (Tijs 1981): the efficient point on the segment from the minimal rights `m` to the
    /// utopia payoffs `M`, `τ = m + α(M − m)`. Defined for quasi-balanced games (`m ≤ M` and
    /// `Σm ≤ v(N) ≤ ΣM`), `nil` otherwise; when `M = m` it is `m`.
    public func tauValue() -> [Double]? {
        let utopia = utopiaPayoffs()
        let rights = minimalRights()
        let tol = tolerance
        let lowSum = rights.reduce(0, +)
        let highSum = utopia.reduce(0, +)
        guard zip(rights, utopia).allSatisfy({ $0 <= $1 + tol }), lowSum <= grandValue + tol, grandValue <= highSum + tol else {
            return nil
        }
        let gap = highSum - lowSum
        guard gap > tol else { return rights }
        let alpha = (grandValue - lowSum) / gap
        return zip(rights, utopia).map { $0 + alpha * ($1 - $0) }
    }

    /// The Gately point (Gately 1974; Littlechild & Vaidya 1976): the efficient allocation at which every
    /// player's propensity to disrupt, `d_i(x) = (x(N∖i) − v(N∖i)) / (x_i − v({i}))`, is the same.
    /// With `x(N∖i) = v(N) − x_i` the numerator is `M_i − x_i`, so equal propensities `d` give
    /// `x_i = v({i}) + (M_i − v({i})) / (1 + d)`, and efficiency fixes
    /// `d = ((n−1)·v(N) − Σ_j v(N∖j)) / (v(N) − Σ_j v({j}))`: the gain `v(N) − Σ v({j})` is shared in
    /// proportion to `M_i − v({i})`. `nil` unless the game is essential (`v(N) > Σ v({j})`) and every
    /// `M_i − v({i}) ≥ 0` with a positive sum (otherwise some `x_i − v({i})` would be negative, or all zero).
    /// A player with `M_i = v({i})` gets `v({i})` and has no propensity of its own; the others share `d`.
    public func gatelyPoint() -> [Double]? {
        let tol = tolerance
        let alone = (0..<playerCount).map { values[1 << $0] }
        let gain = grandValue - alone.reduce(0, +)
        let claims = zip(utopiaPayoffs(), alone).map { $0 - $1 }
        let claimed = claims.reduce(0, +)
        guard gain > tol, claims.allSatisfy({ $0 >= -tol }), claimed > tol else { return nil }
        return zip(alone, claims).map { $0 + $1 * gain / claimed }
    }

    /// The common propensity to disrupt at the Gately point, `((n−1)·v(N) − Σ_j v(N∖j)) / (v(N) − Σ_j v({j}))`,
    /// or `nil` where the Gately point is not defined.
    public func gatelyPropensity() -> Double? {
        guard gatelyPoint() != nil else { return nil }
        let full = values.count - 1
        let withoutOne = (0..<playerCount).reduce(0) { $0 + values[full & ~(1 << $1)] }
        let alone = (0..<playerCount).reduce(0) { $0 + values[1 << $1] }
        return (Double(playerCount - 1) * grandValue - withoutOne) / (grandValue - alone)
    }
}
