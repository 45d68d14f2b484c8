import BenefitSharing
import LinearProgramming
import Testing
import YrdplanTestSupport

/// Axioms of the Shapley value and the defining properties of the (pre-)nucleolus, over seeded random games.
@Suite struct SolutionPropertyTests {
    static let seeds: [UInt64] = Array(1...25)

    /// Same length and every entry within `tol` (relative, absolute below 1).
    func close(_ a: [Double], _ b: [Double], _ tol: Double = 1e-7) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
    }

    @Test(arguments: seeds) func shapleyAxioms(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let n = 2 + Int(seed % 7)
        let g = try RandomGames.uniform(players: n, rng: &rng)
        let h = try RandomGames.uniform(players: n, rng: &rng)
        let phi = g.shapleyValue()
        // Efficiency.
        #expect(abs(phi.reduce(0, +) - g.grandValue) <= 1e-8 * max(1, abs(g.grandValue)))
        // Additivity.
        #expect(close((g + h).shapleyValue(), zip(phi, h.shapleyValue()).map(+)))
        // Null player: make player 0 null by copying v(S∖0) into v(S∪0).
        let nullGame = try CoalitionGame(playerCount: n) { s in g.value(of: Coalition(mask: s.mask & ~1)) }
        #expect(abs(nullGame.shapleyValue()[0]) <= 1e-9)
        // Symmetry: make players 0 and 1 interchangeable by symmetrising the game.
        let symmetric = try CoalitionGame(playerCount: n) { s in
            let swapped = Coalition(mask: (s.mask & ~3) | ((s.mask & 1) << 1) | ((s.mask & 2) >> 1))
            return g.value(of: s) + g.value(of: swapped)
        }
        let psi = symmetric.shapleyValue()
        #expect(abs(psi[0] - psi[1]) <= 1e-8 * max(1, abs(psi[0])))
    }

    @Test(arguments: seeds) func sampledShapleyConvergesWithinItsErrorBound(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let g = try RandomGames.uniform(players: 6, rng: &rng)
        let exact = g.shapleyValue()
        let sampled = g.sampledShapleyValue(samples: 4000, seed: seed)
        for i in 0..<6 {
            // Five standard errors: fails by chance with probability < 1e-6 per player.
            #expect(abs(sampled.estimate[i] - exact[i]) <= 5 * sampled.standardError[i] + 1e-9)
        }
        #expect(sampled == g.sampledShapleyValue(samples: 4000, seed: seed), "same seed, same estimate")
    }

    @Test(arguments: seeds) func nucleolusLiesInTheCoreAndEqualsThePrenucleolus(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let n = 3 + Int(seed % 4)
        let g = seed % 2 == 0 ? try RandomGames.convex(players: n, rng: &rng) : try RandomGames.market(players: n, rng: &rng)
        #expect(try g.coreIsNonEmpty())
        let nucleolus = try #require(try g.nucleolus())
        let pre = try g.prenucleolus()
        #expect(g.coreMembership(of: nucleolus).inCore, "seed \(seed): nucleolus \(nucleolus) not in the core")
        #expect(close(nucleolus, pre, 1e-6), "seed \(seed): nucleolus \(nucleolus) ≠ pre-nucleolus \(pre)")
        if g.isConvex { #expect(g.coreMembership(of: g.shapleyValue()).inCore, "convex game: Shapley in the core") }
    }

    /// Kohlberg's criterion, an independent characterisation: x is the pre-nucleolus iff for every
    /// level α the coalitions with excess ≥ α form a balanced collection. Tie-heavy integer games included.
    @Test(arguments: seeds) func prenucleolusSatisfiesKohlbergCriterion(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 7919)
        let n = 3 + Int(seed % 3)
        let g = try RandomGames.uniform(players: n, rng: &rng, integer: seed % 2 == 0)
        let x = try g.prenucleolus()
        #expect(abs(x.reduce(0, +) - g.grandValue) <= 1e-7)
        let proper = (1..<(1 << n) - 1).map { Coalition(mask: UInt64($0)) }
        let excess = proper.map { g.excess(of: $0, at: x) }
        var levels: [Double] = []
        for e in excess.sorted(by: >) where levels.last.map({ abs($0 - e) > 1e-6 }) ?? true { levels.append(e) }
        for level in levels {
            let collection = zip(proper, excess).filter { $0.1 >= level - 1e-6 }.map(\.0)
            #expect(isBalanced(collection, players: n), "seed \(seed): excess ≥ \(level) not balanced at \(x)")
        }
    }

    @Test func kohlbergCriterionRejectsAPointThatIsNotThePrenucleolus() throws {
        // In the three-player majority game (1/2, 1/2, 0) leaves {1,2} and {0,2} at the top excess alone.
        let g = try CoalitionGame(playerCount: 3, values: [0, 0, 0, 1, 0, 1, 1, 1])
        let x = [0.5, 0.5, 0.0]
        let proper = (1..<7).map { Coalition(mask: UInt64($0)) }
        let top = proper.map { g.excess(of: $0, at: x) }.max()!
        let collection = proper.filter { g.excess(of: $0, at: x) >= top - 1e-9 }
        #expect(!isBalanced(collection, players: 3))
    }

    /// Whether positive weights λ_S exist with Σ λ_S 1_S = 1_N (with N added, as the criterion allows).
    func isBalanced(_ collection: [Coalition], players n: Int) -> Bool {
        let all = collection + [Coalition.grand(n)]
        var lp = LinearProgram(sense: .maximize)
        let t = lp.addVariable(lower: -.infinity, upper: 1, cost: 1)
        let lambda = all.map { _ in lp.addVariable(lower: 0, upper: .infinity, cost: 0) }
        for i in 0..<n {
            let terms = zip(all, lambda).filter { $0.0.contains(i) }.map { LinearTerm($0.1, 1) }
            lp.addConstraint(terms, lower: 1, upper: 1)
        }
        // Only the proper coalitions must carry positive weight; N may have weight 0.
        for (k, l) in lambda.enumerated() where k < collection.count {
            lp.addConstraint([LinearTerm(l, 1), LinearTerm(t, -1)], lower: 0, upper: .infinity)
        }
        let solution = ClpSolver().solve(lp)
        return solution.status == .optimal && solution.objective > 1e-9
    }

    /// Tie-heavy games reach a level that repeats (a coalition tight at every optimum but with zero
    /// weight in the dual Clp returned); the procedure must keep going and still be right (Kohlberg above).
    @Test func someTieHeavyGamesRepeatALevelAndAreStillSolved() throws {
        var repeated = 0
        for seed in UInt64(1)...60 {
            var rng = SplitMix64(seed: seed &* 7919)
            let g = try RandomGames.uniform(players: 3 + Int(seed % 3), rng: &rng, integer: true)
            let trace = try g.sequentialNucleolus(individuallyRational: false).trace
            if zip(trace.levels, trace.levels.dropFirst()).contains(where: { abs($0 - $1) <= 1e-9 }) { repeated += 1 }
            #expect(trace.linearPrograms <= g.playerCount - 1, "at most n − 1 levels")
        }
        #expect(repeated > 0, "no game exercised a repeated level")
    }

    @Test func nucleolusIsNilWithoutImputations() throws {
        let g = try CoalitionGame(playerCount: 2, values: [0, 2, 2, 3])
        #expect(try g.nucleolus() == nil)
        #expect(close(try g.prenucleolus(), [1.5, 1.5]))
    }

    @Test func coreMembershipNamesTheMostBlockingCoalition() throws {
        let g = try CoalitionGame(playerCount: 3, values: [0, 0, 0, 1, 0, 1, 1, 1])
        let check = g.coreMembership(of: [0.5, 0.5, 0])
        #expect(!check.inCore)
        #expect(check.blocking.excess > 0.49)
        #expect(check.blocking.coalition.contains(2))
    }

    @Test func tooManyPlayersForTheExactTableIsAnError() {
        #expect(throws: GameError.tooManyPlayersForExact(count: 21, limit: 20)) {
            _ = try CoalitionGame(playerCount: 21) { _ in 0 }
        }
    }
}
