import BenefitSharing
import SeededRandom
import Testing

/// Properties of the values that know the network (Myerson), the bloc (Owen) and the utopia payoffs
/// (τ-value, Gately point), and of the least-core point, over seeded random games.
@Suite struct StructuredValuePropertyTests {
    static let seeds: [UInt64] = Array(1...25)

    func close(_ a: [Double], _ b: [Double], _ tol: Double = 1e-8) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
    }

    func closeTo(_ a: Double, _ b: Double, _ tol: Double = 1e-8) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    /// A seeded random graph: each pair linked with probability `density`.
    func randomGraph(players n: Int, density: Double, rng: inout SplitMix64) throws -> CommunicationGraph {
        var links: [(Int, Int)] = []
        for a in 0..<n {
            for b in (a + 1)..<n where rng.nextUnit() < density { links.append((a, b)) }
        }
        return try CommunicationGraph(playerCount: n, links: links)
    }

    /// A seeded random partition of the players into at most `n` unions.
    func randomStructure(players n: Int, rng: inout SplitMix64) throws -> CoalitionStructure {
        let labels = (0..<n).map { _ in Int(rng.next() % UInt64(n)) }
        let unions = Set(labels).sorted().map { label in (0..<n).filter { labels[$0] == label } }
        return try CoalitionStructure(playerCount: n, unions: unions)
    }

    // MARK: Myerson

    @Test(arguments: seeds) func myersonOnTheCompleteGraphIsShapley(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let n = 1 + Int(seed % 8)
        let g = try RandomGames.uniform(players: n, rng: &rng)
        #expect(close(g.myersonValue(graph: .complete(playerCount: n)), g.shapleyValue()))
    }

    @Test(arguments: seeds) func myersonIsComponentEfficient(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 31)
        let n = 2 + Int(seed % 7)
        let g = try RandomGames.uniform(players: n, rng: &rng, integer: seed % 2 == 0)
        let graph = try randomGraph(players: n, density: 0.35, rng: &rng)
        let myerson = g.myersonValue(graph: graph)
        let components = graph.components(of: g.grand)
        #expect(components.reduce(0) { $0 + $1.size } == n)
        for component in components {
            let share = component.members.reduce(0) { $0 + myerson[$1] }
            #expect(closeTo(share, g.value(of: component)), "seed \(seed): component \(component) gets \(share)")
        }
    }

    @Test func myersonWithoutLinksIsTheStandAloneWorth() throws {
        var rng = SplitMix64(seed: 77)
        let g = try RandomGames.uniform(players: 6, rng: &rng)
        let alone = (0..<6).map { g.value(of: Coalition([$0])) }
        #expect(close(g.myersonValue(graph: try CommunicationGraph(playerCount: 6, links: [])), alone))
    }

    @Test func graphRejectsBadLinks() {
        #expect(throws: GameError.invalidLink(1, 1, playerCount: 3)) { try CommunicationGraph(playerCount: 3, links: [(1, 1)]) }
        #expect(throws: GameError.invalidLink(0, 3, playerCount: 3)) { try CommunicationGraph(playerCount: 3, links: [(0, 3)]) }
    }

    // MARK: Owen

    @Test(arguments: seeds) func owenWithTrivialUnionsIsShapley(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 7)
        let n = 1 + Int(seed % 8)
        let g = try RandomGames.uniform(players: n, rng: &rng)
        let phi = g.shapleyValue()
        #expect(close(g.owenValue(structure: .singletons(playerCount: n)), phi), "singleton unions")
        #expect(close(g.owenValue(structure: .grand(playerCount: n)), phi), "one grand union")
    }

    /// Efficiency, and Owen's quotient-game property: a union's total is its Shapley value in the game
    /// played by the unions as single players.
    @Test(arguments: seeds) func owenUnionsGetTheirQuotientShapleyValue(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 13)
        let n = 2 + Int(seed % 7)
        let g = try RandomGames.uniform(players: n, rng: &rng, integer: seed % 3 == 0)
        let structure = try randomStructure(players: n, rng: &rng)
        let owen = g.owenValue(structure: structure)
        #expect(closeTo(owen.reduce(0, +), g.grandValue), "seed \(seed): efficiency")
        let quotient = try CoalitionGame(playerCount: structure.unions.count) { r in
            g.value(of: Coalition(mask: r.members.reduce(0) { $0 | structure.unions[$1].mask }))
        }
        let unionShares = quotient.shapleyValue()
        for (k, union) in structure.unions.enumerated() {
            #expect(closeTo(union.members.reduce(0) { $0 + owen[$1] }, unionShares[k]), "seed \(seed): union \(union)")
        }
    }

    @Test func structureMustPartitionThePlayers() {
        #expect(throws: GameError.unionsNotAPartition(missing: [2], repeated: [1], unknown: [], emptyUnions: 0)) {
            try CoalitionStructure(playerCount: 3, unions: [[0, 1], [1]])
        }
        #expect(throws: GameError.unionsNotAPartition(missing: [], repeated: [], unknown: [5], emptyUnions: 1)) {
            try CoalitionStructure(playerCount: 2, unions: [[0, 1, 5], []])
        }
    }

    // MARK: τ-value and Gately point

    @Test(arguments: seeds) func tauIsEfficientAndBetweenTheBounds(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 17)
        let n = 2 + Int(seed % 6)
        let g: CoalitionGame
        switch seed % 3 {
        case 0: g = try RandomGames.convex(players: n, rng: &rng)
        case 1: g = try RandomGames.market(players: n, rng: &rng)
        default: g = try RandomGames.uniform(players: n, rng: &rng)
        }
        // A non-empty core lies in the core cover, so balanced games are quasi-balanced.
        if try g.coreIsNonEmpty() { #expect(g.tauValue() != nil, "seed \(seed): balanced game without a τ-value") }
        guard let tau = g.tauValue() else { return }
        #expect(closeTo(tau.reduce(0, +), g.grandValue), "seed \(seed): τ not efficient")
        let low = g.minimalRights()
        let high = g.utopiaPayoffs()
        for i in 0..<n { #expect(low[i] - 1e-8 <= tau[i] && tau[i] <= high[i] + 1e-8, "seed \(seed): τ outside [m, M]") }
    }

    @Test(arguments: seeds) func gatelyIsEfficientWithEqualPropensities(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 19)
        let n = 2 + Int(seed % 6)
        let g = seed % 2 == 0 ? try RandomGames.convex(players: n, rng: &rng) : try RandomGames.uniform(players: n, rng: &rng)
        guard let x = g.gatelyPoint(), let d = g.gatelyPropensity() else {
            #expect(seed % 2 == 1 || !g.isConvex || g.grandValue - (0..<n).reduce(0) { $0 + g.value(of: Coalition([$1])) } <= 1e-9)
            return
        }
        #expect(closeTo(x.reduce(0, +), g.grandValue), "seed \(seed): Gately point not efficient")
        // The propensity to disrupt, straight from its definition.
        let everyone = g.grand
        for i in 0..<n {
            let others = Coalition(mask: everyone.mask & ~(1 << UInt64(i)))
            let standAlone = g.value(of: Coalition([i]))
            guard x[i] - standAlone > 1e-9 else { continue }
            let propensity = (others.members.reduce(0) { $0 + x[$1] } - g.value(of: others)) / (x[i] - standAlone)
            #expect(closeTo(propensity, d, 1e-7), "seed \(seed): player \(i) propensity \(propensity) ≠ \(d)")
        }
    }

    // MARK: The least-core point

    @Test(arguments: seeds) func thePrenucleolusIsALeastCorePoint(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 23)
        let n = 2 + Int(seed % 6)
        let g = try RandomGames.uniform(players: n, rng: &rng, integer: seed % 2 == 0)
        let epsilon = try g.leastCore().epsilon
        let point = try g.prenucleolus()
        #expect(closeTo(point.reduce(0, +), g.grandValue))
        // In the least core: no proper coalition's excess exceeds ε₁; and ε₁ is met (it is the minimum).
        #expect(closeTo(g.mostBlockingCoalition(at: point).excess, epsilon, 1e-7), "seed \(seed)")
    }
}
