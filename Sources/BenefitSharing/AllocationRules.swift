// MARK: - Simple sharing rules

/// Why a sharing rule could not be applied.
public enum RuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Weights are negative, not finite, or all zero.
    case invalidWeights(String)
    /// A bankruptcy estate or claim is negative or not finite, or the estate exceeds the claims.
    case invalidBankruptcy(String)
    /// A year-by-year split schedule is malformed.
    case invalidSchedule(String)

    public var description: String {
        switch self {
        case .invalidWeights(let why): "invalid weights: \(why)"
        case .invalidBankruptcy(let why): "invalid bankruptcy problem: \(why)"
        case .invalidSchedule(let why): "invalid split schedule: \(why)"
        }
    }
}

/// The plainest sharing rules, used as reference points in agreements.
public enum SimpleRule {
    /// Each of `count` parties gets `amount / count`.
    public static func equalSplit(_ amount: Double, among count: Int) -> [Double] {
        [Double](repeating: amount / Double(count), count: count)
    }

    /// Shares `amount` in proportion to non-negative `weights` (GDP, population, contribution…).
    public static func proportional(_ amount: Double, weights: [Double]) throws(RuleError) -> [Double] {
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidWeights("every weight must be a finite number ≥ 0")
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw .invalidWeights("the weights sum to zero") }
        return weights.map { amount * $0 / total }
    }
}

// MARK: - Bankruptcy rules

/// A bankruptcy (claims) problem: an estate smaller than the sum of claims (O'Neill 1982;
/// Aumann & Maschler 1985).
public struct BankruptcyProblem: Sendable, Equatable {
    public var estate: Double
    public var claims: [Double]

    /// A problem; the estate must be between 0 and the total claim.
    public init(estate: Double, claims: [Double]) throws(RuleError) {
        guard estate.isFinite, estate >= 0 else { throw .invalidBankruptcy("the estate must be a finite number ≥ 0") }
        guard !claims.isEmpty, claims.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidBankruptcy("every claim must be a finite number ≥ 0")
        }
        let total = claims.reduce(0, +)
        guard estate <= total * (1 + 1e-12) else {
            throw .invalidBankruptcy("the estate \(estate) exceeds the total claim \(total); nothing is in dispute")
        }
        self.estate = estate
        self.claims = claims
    }

    /// Awards in proportion to claims.
    public var proportional: [Double] {
        let total = claims.reduce(0, +)
        return total == 0 ? claims.map { _ in 0 } : claims.map { estate * $0 / total }
    }

    /// Constrained equal awards: `min(c_i, λ)` with λ chosen so awards sum to the estate.
    public var constrainedEqualAwards: [Double] { Self.cea(estate, claims) }

    /// Constrained equal losses: `max(0, c_i − μ)` with μ chosen so awards sum to the estate.
    public var constrainedEqualLosses: [Double] {
        let total = claims.reduce(0, +)
        let losses = Self.cea(total - estate, claims)
        return zip(claims, losses).map { $0 - $1 }
    }

    /// The Talmud rule: CEA on half-claims while the estate is at most half the total claim,
    /// else half-claims plus CEL on the half-claims for the rest. Equals the nucleolus of the
    /// bankruptcy game (Aumann & Maschler 1985).
    public var talmud: [Double] {
        let half = claims.map { $0 / 2 }
        let halfTotal = half.reduce(0, +)
        if estate <= halfTotal { return Self.cea(estate, half) }
        let lossesOnHalves = Self.cea(2 * halfTotal - estate, half)
        return zip(claims, lossesOnHalves).map { $0 - $1 }
    }

    /// The bankruptcy game `v(S) = max(0, E − Σ_{i∉S} c_i)`: what S gets after paying everyone else.
    public func game() throws(GameError) -> CoalitionGame {
        let n = claims.count
        let total = claims.reduce(0, +)
        return try CoalitionGame(playerCount: n) { s in
            let inside = s.members.reduce(0) { $0 + claims[$1] }
            return max(0, estate - (total - inside))
        }
    }

    /// Constrained equal awards of `amount` against `caps`, exactly (by sorting, no bisection).
    static func cea(_ amount: Double, _ caps: [Double]) -> [Double] {
        let order = caps.indices.sorted { caps[$0] < caps[$1] }
        var remaining = amount
        var left = caps.count
        var level = 0.0
        for index in order {
            let cap = caps[index]
            if cap * Double(left) <= remaining {
                remaining -= cap
                left -= 1
            } else {
                level = remaining / Double(left)
                return caps.map { min($0, level) }
            }
        }
        return caps
    }
}
