// MARK: - Can a party gain by misreporting its stand-alone value?

/// A sharing rule as a function of the game the rule is shown, for manipulation tests.
public struct AllocationRule: Sendable {
    /// The name reports use (`shapley`, `nucleolus`, …).
    public var name: String
    /// The allocation the rule gives on a game; nil where the rule is not defined.
    public var allocate: @Sendable (CoalitionGame) -> [Double]?

    /// A rule from its name and function.
    public init(name: String, allocate: @escaping @Sendable (CoalitionGame) -> [Double]?) {
        self.name = name
        self.allocate = allocate
    }

    /// The Shapley value.
    public static let shapley = AllocationRule(name: "shapley") { $0.shapleyValue() }
    /// The nucleolus (nil without imputations).
    public static let nucleolus = AllocationRule(name: "nucleolus") { try? $0.nucleolus() }
    /// `v(N)/n` each: ignores every coalition but N.
    public static let equalSplit = AllocationRule(name: "equal") { SimpleRule.equalSplit($0.grandValue, among: $0.playerCount) }
    /// Stand-alone value plus an equal share of the surplus `v(N) − Σ v({j})`.
    public static let equalSurplus = AllocationRule(name: "equal-surplus") { g in
        let alone = (0..<g.playerCount).map { g.value(of: Coalition([$0])) }
        let share = (g.grandValue - alone.reduce(0, +)) / Double(g.playerCount)
        return alone.map { $0 + share }
    }
    /// `v(N)` in proportion to the stand-alone values (nil when one is negative or they sum to 0).
    public static let proportional = AllocationRule(name: "proportional") { g in
        let alone = (0..<g.playerCount).map { g.value(of: Coalition([$0])) }
        guard alone.allSatisfy({ $0 >= 0 }), alone.reduce(0, +) > g.tolerance else { return nil }
        return try? SimpleRule.proportional(g.grandValue, weights: alone)
    }
    /// The τ-value (nil unless quasi-balanced).
    public static let tau = AllocationRule(name: "tau") { $0.tauValue() }
    /// The Gately point (nil where not defined).
    public static let gately = AllocationRule(name: "gately") { $0.gatelyPoint() }

    /// The rules every manipulation report covers, besides the agreement's own.
    public static let standard: [AllocationRule] = [.shapley, .nucleolus, .proportional, .equalSplit, .equalSurplus, .tau, .gately]

    /// An agreed rule that does not look at the game (a split schedule, a fund's contribution rule): the
    /// same allocation whatever is reported.
    public static func fixed(_ name: String, _ allocation: [Double]) -> AllocationRule {
        AllocationRule(name: name) { _ in allocation }
    }
}

/// How much each party can gain under one rule by misreporting its stand-alone value.
public struct ManipulationResult: Sendable, Equatable {
    /// The rule's name.
    public var rule: String
    /// Whether the rule is defined on the true game (when not, gains are empty).
    public var defined: Bool
    /// Per party: the largest gain over the grid, `x_i(reported game) − x_i(true game)` (≥ 0: the truth is on the grid).
    public var gains: [Double]
    /// Per party: the misreport δ (fraction of |v(N)|) that gives that gain (0 when nothing is gained).
    public var bestMisreport: [Double]
    /// No party gains more than the game's tolerance (1e-9 × max(1, max |v(S)|)).
    public var immune: Bool
}

extension CoalitionGame {
    /// The misreports searched: `points` evenly spaced fractions in `[−maximum, +maximum]` (both ends and
    /// 0 included for an odd count).
    public static func misreportGrid(maximum: Double, points: Int = 21) -> [Double] {
        guard points > 1 else { return [0] }
        return (0..<points).map { -maximum + 2 * maximum * Double($0) / Double(points - 1) }
    }

    /// For each party i: the most it gains under `rule` by reporting `v({i}) + δ·|v(N)|` instead of `v({i})`
    /// for δ on `misreportGrid(maximum:points:)`. Only `v({i})` as the rule sees it changes; the party's true
    /// payoff is what the rule then allocates it, the total `v(N)` being what it truly is.
    public func manipulation(by rule: AllocationRule, maximum: Double, points: Int = 21) -> ManipulationResult {
        let n = playerCount
        guard let truthful = rule.allocate(self) else {
            return ManipulationResult(rule: rule.name, defined: false, gains: [], bestMisreport: [], immune: false)
        }
        let scale = abs(grandValue) > tolerance ? abs(grandValue) : (values.map(abs).max() ?? 0)
        var gains = [Double](repeating: 0, count: n)
        var best = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for delta in Self.misreportGrid(maximum: maximum, points: points) where delta != 0 {
                var reported = values
                reported[1 << i] += delta * scale
                guard let game = try? CoalitionGame(playerCount: n, values: reported), let x = rule.allocate(game) else { continue }
                let gain = x[i] - truthful[i]
                if gain > gains[i] {
                    gains[i] = gain
                    best[i] = delta
                }
            }
        }
        return ManipulationResult(
            rule: rule.name, defined: true, gains: gains, bestMisreport: best, immune: gains.allSatisfy { $0 <= tolerance })
    }
}
