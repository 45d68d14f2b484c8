/// Why a cooperative game could not be built or solved.
public enum GameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// More players than a dense table can hold.
    case tooManyPlayersForExact(count: Int, limit: Int)
    /// A coalition's value is NaN or infinite.
    case nonFiniteValue(coalition: Coalition)
    /// The table has the wrong number of entries.
    case wrongTableSize(expected: Int, found: Int)
    /// The game has no players.
    case noPlayers
    /// A linear program behind a solution concept did not solve.
    case linearProgramFailed(step: String, status: String)
    /// A communication link names a player outside the game or joins a player to itself.
    case invalidLink(Int, Int, playerCount: Int)
    /// The unions of a coalition structure do not partition the players: some are in none, some in two,
    /// some are not players at all, or a union is empty.
    case unionsNotAPartition(missing: [Int], repeated: [Int], unknown: [Int], emptyUnions: Int)

    public var description: String {
        switch self {
        case .tooManyPlayersForExact(let count, let limit):
            "\(count) players is more than the exact limit of \(limit) (2^n coalition values)"
        case .nonFiniteValue(let coalition): "the value of coalition \(coalition) is not a finite number"
        case .wrongTableSize(let expected, let found): "expected \(expected) coalition values, found \(found)"
        case .noPlayers: "a game needs at least one player"
        case .linearProgramFailed(let step, let status): "the \(step) linear program failed: \(status)"
        case .invalidLink(let a, let b, let n): "the link (\(a), \(b)) must join two different players among 0..<\(n)"
        case .unionsNotAPartition(let missing, let repeated, let unknown, let empty):
            "the unions must partition the players; "
                + [
                    missing.isEmpty ? nil : "in no union: \(missing.map(String.init).joined(separator: ", "))",
                    repeated.isEmpty ? nil : "in two unions: \(repeated.map(String.init).joined(separator: ", "))",
                    unknown.isEmpty ? nil : "not players: \(unknown.map(String.init).joined(separator: ", "))",
                    empty == 0 ? nil : "\(empty) empty union\(empty == 1 ? "" : "s")",
                ].compactMap { $0 }.joined(separator: "; ")
        }
    }
}

/// Anything that can tell the worth of a coalition: a table, or a model run per coalition.
/// Sampling methods use this so games with more than 20 players need not list 2^n values.
public protocol CoalitionValueOracle: Sendable {
    /// Number of players (at most 64).
    var playerCount: Int { get }
    /// The worth `v(S)` of coalition `S`.
    func value(of coalition: Coalition) -> Double
}

/// A transferable-utility cooperative game held as a dense table `v[S]` indexed by coalition
/// bitmask; all exact solution concepts work on this form.
public struct CoalitionGame: CoalitionValueOracle, Sendable, Equatable {
    /// The largest game held as a dense table (2^20 ≈ one million values).
    public static let exactPlayerLimit = 20

    /// Number of players.
    public let playerCount: Int
    /// `values[mask]` is the worth of the coalition with that bitmask; `values[0]` is `v(∅)`.
    public let values: [Double]

    /// A game from its full table of `2^n` values, indexed by bitmask.
    public init(playerCount: Int, values: [Double]) throws(GameError) {
        guard playerCount >= 1 else { throw .noPlayers }
        guard playerCount <= Self.exactPlayerLimit else {
            throw .tooManyPlayersForExact(count: playerCount, limit: Self.exactPlayerLimit)
        }
        guard values.count == 1 << playerCount else {
            throw .wrongTableSize(expected: 1 << playerCount, found: values.count)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(coalition: Coalition(mask: UInt64(bad)))
        }
        self.playerCount = playerCount
        self.values = values
    }

    /// A game tabulated from any value oracle (one call per coalition).
    public init(tabulating oracle: some CoalitionValueOracle) throws(GameError) {
        let n = oracle.playerCount
        guard n >= 1 else { throw .noPlayers }
        guard n <= Self.exactPlayerLimit else { throw .tooManyPlayersForExact(count: n, limit: Self.exactPlayerLimit) }
        try self.init(playerCount: n, values: (0..<(1 << n)).map { oracle.value(of: Coalition(mask: UInt64($0))) })
    }

    /// A game from a closure over coalitions.
    public init(playerCount: Int, value: (Coalition) -> Double) throws(GameError) {
        guard playerCount >= 1 else { throw .noPlayers }
        guard playerCount <= Self.exactPlayerLimit else {
            throw .tooManyPlayersForExact(count: playerCount, limit: Self.exactPlayerLimit)
        }
        try self.init(playerCount: playerCount, values: (0..<(1 << playerCount)).map { value(Coalition(mask: UInt64($0))) })
    }

    /// The worth of `coalition`.
    public func value(of coalition: Coalition) -> Double { values[Int(coalition.mask)] }

    /// The worth of the grand coalition, the amount to be shared.
    public var grandValue: Double { values[values.count - 1] }

    /// The grand coalition.
    public var grand: Coalition { Coalition.grand(playerCount) }

    /// Number of coalitions, `2^n`.
    public var coalitionCount: Int { values.count }

    /// The sum of two games on the same players (for additivity).
    public static func + (a: CoalitionGame, b: CoalitionGame) -> CoalitionGame {
        precondition(a.playerCount == b.playerCount)
        // Both tables are finite and sized alike, so the sum is valid.
        return try! CoalitionGame(playerCount: a.playerCount, values: zip(a.values, b.values).map(+))
    }

    /// The excess `v(S) − x(S)` of a coalition at allocation `x`: how much it loses by staying.
    public func excess(of coalition: Coalition, at allocation: [Double]) -> Double {
        value(of: coalition) - coalition.members.reduce(0) { $0 + allocation[$1] }
    }
}

/// A game given only by an oracle closure, for sampling methods with many players or
/// expensive coalition values (a dispatch run per coalition).
public struct ClosureGame: CoalitionValueOracle {
    public let playerCount: Int
    private let evaluate: @Sendable (Coalition) -> Double

    /// A game of `playerCount` players whose worth is computed by `value`.
    public init(playerCount: Int, value: @escaping @Sendable (Coalition) -> Double) {
        self.playerCount = playerCount
        self.evaluate = value
    }

    /// The worth of `coalition`, from the closure.
    public func value(of coalition: Coalition) -> Double { evaluate(coalition) }
}

/// Builds a savings game from a cost oracle: `v(S) = Σ_{i∈S} c({i}) − c(S)`. This is the
/// pooled-dispatch game: stand-alone dispatch costs minus the cost when `S` dispatches together.
public enum SavingsGame {
    /// Tabulates the savings game; the cost oracle is called once per coalition (2^n calls).
    public static func make(playerCount: Int, cost: (Coalition) -> Double) throws(GameError) -> CoalitionGame {
        guard playerCount >= 1 else { throw .noPlayers }
        guard playerCount <= CoalitionGame.exactPlayerLimit else {
            throw .tooManyPlayersForExact(count: playerCount, limit: CoalitionGame.exactPlayerLimit)
        }
        let count = 1 << playerCount
        var costs = [Double](repeating: 0, count: count)
        for mask in 1..<count { costs[mask] = cost(Coalition(mask: UInt64(mask))) }
        var values = [Double](repeating: 0, count: count)
        for mask in 1..<count {
            var alone = 0.0
            var m = mask
            while m != 0 {
                alone += costs[1 << m.trailingZeroBitCount]
                m &= m - 1
            }
            values[mask] = alone - costs[mask]
        }
        return try CoalitionGame(playerCount: playerCount, values: values)
    }
}
