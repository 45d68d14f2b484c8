/// A partition of the players into a priori unions (blocs that bargain together), for the Owen value.
public struct CoalitionStructure: Sendable, Equatable {
    /// Number of players.
    public let playerCount: Int
    /// The unions, in the order given; together they hold every player exactly once.
    public let unions: [Coalition]

    /// A structure from lists of player indices; throws unless the lists partition `0..<playerCount`.
    public init(playerCount: Int, unions: [[Int]]) throws(GameError) {
        guard playerCount >= 1 else { throw .noPlayers }
        var seen = Set<Int>()
        var repeated: [Int] = []
        var unknown: [Int] = []
        for union in unions {
            for player in union {
                guard (0..<playerCount).contains(player) else {
                    unknown.append(player)
                    continue
                }
                if !seen.insert(player).inserted { repeated.append(player) }
            }
        }
        let missing = (0..<playerCount).filter { !seen.contains($0) }
        let empty = unions.filter(\.isEmpty).count
        guard missing.isEmpty, repeated.isEmpty, unknown.isEmpty, empty == 0 else {
            throw .unionsNotAPartition(missing: missing, repeated: repeated, unknown: unknown, emptyUnions: empty)
        }
        self.playerCount = playerCount
        self.unions = unions.map { Coalition($0) }
    }

    /// Every player a union of its own, for `playerCount ≥ 1` (the Owen value is then the Shapley value).
    public static func singletons(playerCount: Int) -> CoalitionStructure {
        // Each player once, in range.
        try! CoalitionStructure(playerCount: playerCount, unions: (0..<playerCount).map { [$0] })
    }

    /// One union of all `playerCount ≥ 1` players (the Owen value is then the Shapley value).
    public static func grand(playerCount: Int) -> CoalitionStructure {
        // All players once, in range.
        try! CoalitionStructure(playerCount: playerCount, unions: [Array(0..<playerCount)])
    }
}
