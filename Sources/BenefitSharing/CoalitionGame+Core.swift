// MARK: - Core membership, convexity, imputations

/// The coalition that objects most to an allocation.
public struct BlockingCoalition: Sendable, Equatable {
    /// The coalition with the largest excess `v(S) − x(S)`.
    public var coalition: Coalition
    /// Its excess; positive means the coalition would do better on its own.
    public var excess: Double
}

/// A pair of players and a coalition where a marginal contribution shrinks (convexity fails).
public struct ConvexityViolation: Sendable, Equatable {
    public var coalition: Coalition
    public var player: Int
    public var other: Int
    /// `v(S∪i) − v(S)`.
    public var marginalWithout: Double
    /// `v(S∪j∪i) − v(S∪j)`, smaller than `marginalWithout`.
    public var marginalWith: Double
}

extension CoalitionGame {
    /// The default tolerance for comparisons of worths: 1e-9 relative to the largest |v(S)|.
    public var tolerance: Double {
        1e-9 * max(1, values.reduce(0) { max($0, abs($1)) })
    }

    /// The proper coalition (not ∅, not N) with the largest excess at `allocation`.
    public func mostBlockingCoalition(at allocation: [Double]) -> BlockingCoalition {
        let n = playerCount
        // x(S) for every S by one pass over the table: x(S) = x(S without lowest bit) + x_lowest.
        var sums = [Double](repeating: 0, count: 1 << n)
        var best = BlockingCoalition(coalition: Coalition(mask: 1), excess: -.infinity)
        let full = (1 << n) - 1
        for mask in 1..<(1 << n) {
            let low = mask.trailingZeroBitCount
            sums[mask] = sums[mask & (mask - 1)] + allocation[low]
            if mask == full && n > 1 { continue }
            let e = values[mask] - sums[mask]
            if e > best.excess { best = BlockingCoalition(coalition: Coalition(mask: UInt64(mask)), excess: e) }
        }
        return best
    }

    /// Whether `allocation` is in the core: efficient and no coalition blocks it. When it is not,
    /// the blocking coalition with the largest excess is the counterexample.
    public func coreMembership(of allocation: [Double]) -> (inCore: Bool, efficiencyGap: Double, blocking: BlockingCoalition) {
        let gap = allocation.reduce(0, +) - grandValue
        let blocking = mostBlockingCoalition(at: allocation)
        return (abs(gap) <= tolerance && blocking.excess <= tolerance, gap, blocking)
    }

    /// Whether the imputation set is non-empty: `Σ v({i}) ≤ v(N)`.
    public var hasImputations: Bool {
        (0..<playerCount).reduce(0) { $0 + values[1 << $1] } <= grandValue + tolerance
    }

    /// Whether the game is superadditive on disjoint pairs (checked for all disjoint S, T).
    public var isSuperadditive: Bool {
        let n = playerCount
        let full = (1 << n) - 1
        for s in 1..<(1 << n) {
            var t = full & ~s
            while t > 0 {
                if values[s] + values[t] > values[s | t] + tolerance { return false }
                t = (t - 1) & (full & ~s)
            }
        }
        return true
    }

    /// The first place where convexity (supermodularity) fails, or `nil` for a convex game.
    /// Checks `v(S∪i) − v(S) ≤ v(S∪j∪i) − v(S∪j)` for all S and i, j outside S: O(n²·2^n).
    public func convexityViolation() -> ConvexityViolation? {
        let n = playerCount
        let tol = tolerance
        for s in 0..<(1 << n) {
            for i in 0..<n where s & (1 << i) == 0 {
                let mi = values[s | (1 << i)] - values[s]
                for j in (i + 1)..<max(n, i + 1) where s & (1 << j) == 0 {
                    let sj = s | (1 << j)
                    let mij = values[sj | (1 << i)] - values[sj]
                    if mi > mij + tol {
                        return ConvexityViolation(
                            coalition: Coalition(mask: UInt64(s)), player: i, other: j,
                            marginalWithout: mi, marginalWith: mij)
                    }
                }
            }
        }
        return nil
    }

    /// Whether the game is convex (its core is then non-empty and contains the Shapley value).
    public var isConvex: Bool { convexityViolation() == nil }
}
