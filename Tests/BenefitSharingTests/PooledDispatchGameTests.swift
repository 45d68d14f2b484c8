import BenefitSharing
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The pooled-dispatch game on PowerFlow, on a network small enough to solve by hand.
@Suite struct PooledDispatchGameTests {
    /// SH: gas 500 yuan/MWh; AH: coal 200; JS: coal 300; an external hydro plant (0 yuan/MWh, 100 MW)
    /// feeds SH and JS by 50 MW corridors each; AH→SH 60 MW, AH→JS 100 MW, JS→SH 100 MW; 100 MW load each.
    static func network() -> GridNetwork {
        GridNetwork(
            name: "hand", snapshots: GridNetwork.hourlySnapshots(1),
            buses: [
                GridBus(name: "SH", region: "shanghai"), GridBus(name: "AH", region: "anhui"),
                GridBus(name: "JS", region: "jiangsu"), GridBus(name: "EXT", isExternal: true),
            ],
            carriers: [
                GridCarrier(name: "gas"), GridCarrier(name: "coal"), GridCarrier(name: "hydro", isRenewable: true), GridCarrier(name: "AC"),
            ],
            generators: [
                GridGenerator(name: "sh-gas", bus: "SH", carrier: "gas", nominalPower: 200, marginalCost: 500),
                GridGenerator(name: "ah-coal", bus: "AH", carrier: "coal", nominalPower: 300, marginalCost: 200),
                GridGenerator(name: "js-coal", bus: "JS", carrier: "coal", nominalPower: 200, marginalCost: 300),
                GridGenerator(name: "hydro", bus: "EXT", carrier: "hydro", nominalPower: 100, marginalCost: 0),
            ],
            loads: ["SH", "AH", "JS"].map { GridLoad(name: "load-\($0)", bus: $0, demand: .constant(100)) },
            links: [
                GridLink(name: "ext-sh", bus0: "EXT", bus1: "SH", nominalPower: 50),
                GridLink(name: "ext-js", bus0: "EXT", bus1: "JS", nominalPower: 50),
                GridLink(name: "ah-sh", bus0: "AH", bus1: "SH", nominalPower: 60),
                GridLink(name: "ah-js", bus0: "AH", bus1: "JS", nominalPower: 100),
                GridLink(name: "js-sh", bus0: "JS", bus1: "SH", nominalPower: 100),
            ])
    }

    @Test func coalitionCostsMatchTheHandSolution() throws {
        let parties = ["shanghai", "anhui", "jiangsu"]
        let costs = try PooledDispatchGame.coalitionCosts(Self.network(), parties: parties)
        // Alone: SH 50 hydro (half the plant) + 50 gas; AH 100 coal; JS 50 hydro + 50 coal.
        let expectedYuan: [Int: Double] = [
            0b001: 25_000, 0b010: 20_000, 0b100: 15_000,
            0b011: 30_000,  // AH coal 150 (60 MW link covers SH's 50)
            0b101: 30_000,  // all hydro, JS coal 100
            0b110: 30_000,  // AH coal 150 over AH→JS
            0b111: 40_000,  // AH coal 200
        ]
        for (mask, yuan) in expectedYuan {
            #expect(abs(costs[mask] - yuan / 1e8) < 1e-12, "coalition \(mask): \(costs[mask] * 1e8) yuan")
        }
        let game = try PooledDispatchGame.game(Self.network(), parties: parties)
        #expect(abs(game.grandValue - 20_000 / 1e8) < 1e-12)
        #expect(game.coreMembership(of: game.shapleyValue()).inCore)
    }

    @Test func externalSupplyIsDividedByCorridorCapacity() {
        let alone = PooledDispatchGame.coalitionNetwork(Self.network(), members: ["shanghai"])
        #expect(alone.buses.map(\.name).sorted() == ["EXT", "SH"])
        #expect(alone.generators.first { $0.name == "hydro" }?.nominalPower == 50)
        #expect(alone.links.map(\.name) == ["ext-sh"])
        let pair = PooledDispatchGame.coalitionNetwork(Self.network(), members: ["shanghai", "jiangsu"])
        #expect(pair.generators.first { $0.name == "hydro" }?.nominalPower == 100)
        #expect(Set(pair.links.map(\.name)) == ["ext-sh", "ext-js", "js-sh"])
    }

    @Test func anUnknownPartyIsReported() {
        #expect(throws: PooledDispatchGame.Failure.self) {
            _ = try PooledDispatchGame.coalitionCosts(Self.network(), parties: ["shanghai", "fujian"])
        }
    }

    @Test func gridAgreementDispatchesEveryEvaluationAndPerturbsTheGrid() throws {
        let agreement = PooledDispatchAgreement(
            id: "hand", title: "hand", parties: ["shanghai", "anhui", "jiangsu"], rule: .shapley, coalitionCosts: [:],
            checks: [.efficiency, .coreMembership, .monotonicity])
        let deal = GridPooledDispatch(agreement: agreement, network: Self.network())
        let outcome = try deal.evaluate()
        #expect(abs(outcome.allocation.reduce(0, +) - 20_000 / 1e8) < 1e-12)
        let grown = try deal.grown(by: 1.1).evaluate()
        #expect(abs(grown.game.grandValue - 22_000 / 1e8) < 1e-12)
        let results = RuleChecker.check(deal)
        #expect(results.allSatisfy { $0.held }, "\(results)")
        var rng = SplitMix64(seed: 4)
        let perturbed = deal.perturbed(by: 0.2, using: &rng)
        #expect(perturbed.network.generators.map(\.marginalCost) != Self.network().generators.map(\.marginalCost))
        let a = RuleChecker.check(deal, samples: 3, perturbation: 0.2, seed: 4)
        let b = RuleChecker.check(deal, samples: 3, perturbation: 0.2, seed: 4)
        #expect(a == b)
    }

    /// With AC lines (the ring of Tests/Fixtures/grid-ring, one hour, 90 MW at B, A at 10 and C at 50 yuan/MWh,
    /// shedding at 30,000): a line with an end outside the coalition is cut, as a link is. {a, b} keeps only A-B
    /// (40 MVA, no loop left): A sends 40 MW, 50 MW shed, 400 + 1,500,000 yuan; {b, c} keeps only B-C: C serves
    /// 90 MW for 4,500; {b} alone sheds 90 MW (2,700,000); the whole ring costs 3,300 (30 MW from A, 60 from C).
    @Test func coalitionsCutLinesLikeLinks() throws {
        let grid = ProjectPaths.fixtures.appendingPathComponent("grid-ring/grid")
        let network = try GridLoader.loadModel(directory: grid, displayRoot: "grid", sourceKeys: ["yrdplan-estimate"])
            .network(scenario: "base")
        let ab = PooledDispatchGame.coalitionNetwork(network, members: ["a", "b"])
        #expect(ab.lines.map(\.name) == ["A-B"])
        #expect(PooledDispatchGame.coalitionNetwork(network, members: ["a", "b", "c"]).lines.count == 3)
        let costs = try PooledDispatchGame.coalitionCosts(network, parties: ["a", "b", "c"])
        let expected = [0, 0, 2_700_000, 1_500_400, 0, 0, 4_500, 3_300].map { $0 / 1e8 }
        for (mask, cost) in costs.enumerated() {
            #expect(abs(cost - expected[mask]) < 1e-9, "coalition \(mask): \(cost) against \(expected[mask])")
        }
    }
}

/// The warm-started coalition dispatches against cold, independent dispatches of each coalition.
@Suite struct PooledDispatchWarmStartTests {
    /// On the 96-snapshot delta case (storage, external plants shared by two provinces), every coalition
    /// cost from `coalitionCosts` (grand coalition first, the rest from its basis) equals the cost of that
    /// coalition dispatched on its own from scratch, and the savings of the grand coalition are positive.
    @Test func warmStartedCoalitionsCostWhatColdDispatchesCost() throws {
        let network = try PyPSAImport.load(folder: ProjectPaths.referenceCase("yrd-typical-days"))
        let parties = ["SH", "JS", "ZJ", "AH"]
        let costs = try PooledDispatchGame.coalitionCosts(network, parties: parties)
        for mask in 1..<(1 << parties.count) {
            let members = Set(parties.indices.filter { mask & (1 << $0) != 0 }.map { parties[$0] })
            let cold = try PowerDispatch.run(PooledDispatchGame.coalitionNetwork(network, members: members)).result.objective / 1e8
            #expect(abs(costs[mask] - cold) <= 1e-9 * cold, "coalition \(members.sorted()): \(costs[mask]) vs \(cold) 亿元")
        }
        let alone = (0..<parties.count).reduce(0) { $0 + costs[1 << $1] }
        #expect(alone - costs[15] > 1)
    }

    /// A coalition started from the grand coalition's optimal basis needs fewer simplex iterations than
    /// from scratch — the point of the warm start (if it did not, the game would be slower, not wrong).
    @Test func aWarmStartSavesIterations() throws {
        let network = try PyPSAImport.load(folder: ProjectPaths.referenceCase("yrd-typical-days"))
        let grand = try PowerDispatch.solve(network)
        let triple = PooledDispatchGame.coalitionNetwork(network, members: ["SH", "JS", "ZJ"])
        let cold = try PowerDispatch.solve(triple)
        let warm = try PowerDispatch.solve(triple, warmStart: grand)
        #expect(abs(warm.objective - cold.objective) <= 1e-9 * cold.objective)
        #expect(warm.solution.iterations < cold.solution.iterations / 2, "\(warm.solution.iterations) vs \(cold.solution.iterations)")
    }

    /// With time blocks (forced here on 96 snapshots; automatic from 1,000), a coalition's blocks start from the same
    /// blocks of the grand coalition: every pair and triple still costs what its own dispatch from scratch costs.
    @Test func blockWarmStartsCostWhatColdDispatchesCost() throws {
        let network = try PyPSAImport.load(folder: ProjectPaths.referenceCase("yrd-typical-days"))
        let grand = try PowerDispatch.solve(network, timeBlocks: 4)
        #expect(grand.blockStart != nil)
        for members in [["SH", "JS", "ZJ"], ["JS", "ZJ", "AH"], ["SH", "AH"]] {
            let coalition = PooledDispatchGame.coalitionNetwork(network, members: Set(members))
            let warm = try PowerDispatch.solve(coalition, warmStart: grand, timeBlocks: 4)
            #expect(warm.blockStart != nil)
            let cold = try PowerDispatch.solve(coalition, timeBlocks: 0)
            #expect(abs(warm.objective - cold.objective) <= 1e-9 * cold.objective, "\(members): \(warm.objective) vs \(cold.objective)")
        }
    }
}
