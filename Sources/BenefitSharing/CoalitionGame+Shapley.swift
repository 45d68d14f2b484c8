import SeededRandom

// MARK: - Shapley value and Banzhaf value

extension CoalitionGame {
    /// The exact Shapley value: `φ_i = Σ_{S∌i} |S|!(n−|S|−1)!/n! · (v(S∪i) − v(S))`, computed over
    /// the table in O(n·2^n) with the weights precomputed per coalition size.
    public func shapleyValue() -> [Double] {
        let n = playerCount
        let weight = Self.shapleyWeights(playerCount: n)
        var sizeWeight = [Double](repeating: 0, count: 1 << n)
        for mask in 0..<(1 << n) where mask.nonzeroBitCount < n {
            sizeWeight[mask] = weight[mask.nonzeroBitCount]
        }
        var phi = [Double](repeating: 0, count: n)
        values.withUnsafeBufferPointer { v in
            sizeWeight.withUnsafeBufferPointer { w in
                for i in 0..<n {
                    let bit = 1 << i
                    var total = 0.0
                    // Coalitions without i come in runs of `bit` masks separated by runs with i.
                    var block = 0
                    while block < (1 << n) {
                        for s in block..<(block + bit) {
                            total += w[s] * (v[s | bit] - v[s])
                        }
                        block += bit << 1
                    }
                    phi[i] = total
                }
            }
        }
        return phi
    }

    /// `weight[s] = s!(n−s−1)!/n!`, the chance that a player finds exactly `s` of the other `n − 1`
    /// before it in a random order; built by a recurrence to stay exact in floating point for n ≤ 20.
    /// The Owen value uses it twice: over unions and over players inside a union.
    static func shapleyWeights(playerCount n: Int) -> [Double] {
        var weight = [Double](repeating: 0, count: n)
        weight[0] = 1.0 / Double(n)
        if n > 1 {
            for s in 1..<n { weight[s] = weight[s - 1] * Double(s) / Double(n - s) }
        }
        return weight
    }

    /// The raw Banzhaf value `β_i = Σ_{S∌i} (v(S∪i) − v(S)) / 2^(n−1)`.
    public func banzhafValue() -> [Double] {
        let n = playerCount
        let scale = 1.0 / Double(1 << (n - 1))
        return (0..<n).map { i in
            let bit = 1 << i
            var total = 0.0
            var block = 0
            while block < (1 << n) {
                for s in block..<(block + bit) { total += values[s | bit] - values[s] }
                block += bit << 1
            }
            return total * scale
        }
    }

    /// The normalised Banzhaf value: the Banzhaf value scaled to share exactly `v(N)`;
    /// `nil` when the raw values sum to zero (no scaling exists).
    public func normalizedBanzhafValue() -> [Double]? {
        let raw = banzhafValue()
        let sum = raw.reduce(0, +)
        guard abs(sum) > 1e-12 * max(1, abs(grandValue)) else { return nil }
        return raw.map { $0 * grandValue / sum }
    }
}

/// A sampled Shapley estimate with its standard error per player.
public struct SampledShapley: Sendable, Equatable {
    /// The mean marginal contribution per player over the sampled orders.
    public var estimate: [Double]
    /// The standard error of each estimate (sample standard deviation / √samples).
    public var standardError: [Double]
    /// How many random orders were drawn.
    public var samples: Int
    /// The seed that reproduces this estimate.
    public var seed: UInt64
}

extension CoalitionValueOracle {
    /// The Shapley value estimated by averaging marginal contributions over `samples` random
    /// player orders drawn with a seeded generator (Castro et al. 2009). Works for up to 64 players.
    public func sampledShapleyValue(samples: Int, seed: UInt64) -> SampledShapley {
        let n = playerCount
        var rng = SplitMix64(seed: seed)
        var mean = [Double](repeating: 0, count: n)
        var m2 = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        let empty = value(of: .empty)
        for k in 1...max(samples, 1) {
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            var coalition = Coalition.empty
            var previous = empty
            for player in order {
                coalition = coalition.adding(player)
                let current = value(of: coalition)
                let marginal = current - previous
                previous = current
                // Welford's running mean and variance.
                let delta = marginal - mean[player]
                mean[player] += delta / Double(k)
                m2[player] += delta * (marginal - mean[player])
            }
        }
        let m = max(samples, 1)
        let stderr = m2.map { m > 1 ? ($0 / Double(m - 1)).squareRoot() / Double(m).squareRoot() : .infinity }
        return SampledShapley(estimate: mean, standardError: stderr, samples: m, seed: seed)
    }
}
