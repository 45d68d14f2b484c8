/// Who can talk to whom: an undirected graph on the players (Myerson 1977). A coalition can only
/// cooperate through links among its own members, so it acts as its connected components.
public struct CommunicationGraph: Sendable, Equatable {
    /// Number of players (vertices).
    public let playerCount: Int
    /// `neighbours[i]` is the bitmask of the players linked to player `i`.
    public let neighbours: [UInt64]

    /// A graph from its links, each a pair of player indices; repeated links count once.
    public init(playerCount: Int, links: [(Int, Int)]) throws(GameError) {
        guard playerCount >= 1 else { throw .noPlayers }
        var neighbours = [UInt64](repeating: 0, count: playerCount)
        for (a, b) in links {
            guard a != b, (0..<playerCount).contains(a), (0..<playerCount).contains(b) else {
                throw .invalidLink(a, b, playerCount: playerCount)
            }
            neighbours[a] |= 1 << UInt64(b)
            neighbours[b] |= 1 << UInt64(a)
        }
        self.playerCount = playerCount
        self.neighbours = neighbours
    }

    /// The complete graph on `playerCount ≥ 1` players: everyone talks to everyone, so no coalition is split.
    public static func complete(playerCount: Int) -> CommunicationGraph {
        precondition(playerCount >= 1, "a game needs at least one player")
        let links = (0..<playerCount).flatMap { a in ((a + 1)..<playerCount).map { (a, $0) } }
        // The links join distinct players in range by construction.
        return try! CommunicationGraph(playerCount: playerCount, links: links)
    }

    /// The connected component of `coalition` that holds `player`, using only links inside `coalition`.
    public func component(of player: Int, within coalition: Coalition) -> Coalition {
        var reached: UInt64 = 1 << UInt64(player)
        var frontier = reached
        while frontier != 0 {
            let next = frontier.trailingZeroBitCount
            frontier &= frontier - 1
            let fresh = neighbours[next] & coalition.mask & ~reached
            reached |= fresh
            frontier |= fresh
        }
        return Coalition(mask: reached)
    }

    /// The connected components of `coalition` in the graph it induces, lowest member first.
    public func components(of coalition: Coalition) -> [Coalition] {
        var rest = coalition.mask
        var parts: [Coalition] = []
        while rest != 0 {
            let part = component(of: rest.trailingZeroBitCount, within: Coalition(mask: rest))
            parts.append(part)
            rest &= ~part.mask
        }
        return parts
    }
}
