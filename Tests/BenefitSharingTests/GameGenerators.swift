import BenefitSharing
import YrdplanTestSupport

/// Seeded random games for property tests.
enum RandomGames {
    /// A game with values drawn uniformly; `integer` values from a small range create many ties,
    /// which is where careless nucleolus procedures go wrong.
    static func uniform(players n: Int, rng: inout SplitMix64, integer: Bool = false) throws -> CoalitionGame {
        try CoalitionGame(playerCount: n) { s in
            if s.mask == 0 { return 0 }
            return integer ? Double(rng.next() % 4) * Double(s.size) : rng.uniform(0, Double(s.size) * 10)
        }
    }

    /// A convex game (non-empty core): v(S) = (Σ_{i∈S} w_i)² plus an additive part.
    static func convex(players n: Int, rng: inout SplitMix64) throws -> CoalitionGame {
        let w = (0..<n).map { _ in rng.uniform(0, 3).rounded() }
        let a = (0..<n).map { _ in rng.uniform(-2, 2) }
        return try CoalitionGame(playerCount: n) { s in
            let sum = s.members.reduce(0) { $0 + w[$1] }
            return sum * sum + s.members.reduce(0) { $0 + a[$1] }
        }
    }

    /// A game with a non-empty core built from a few "additive" market games: the minimum of
    /// additive measures (a market game, totally balanced).
    static func market(players n: Int, rng: inout SplitMix64) throws -> CoalitionGame {
        let measures = (0..<3).map { _ in (0..<n).map { _ in Double(rng.next() % 3) } }
        return try CoalitionGame(playerCount: n) { s in
            measures.map { m in s.members.reduce(0) { $0 + m[$1] } }.min() ?? 0
        }
    }
}
