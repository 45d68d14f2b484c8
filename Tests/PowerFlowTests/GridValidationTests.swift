import Diagnostics
import PowerFlow
import RegionModel
import Testing

@Suite struct GridValidationTests {
    static func at(_ line: Int) -> Diagnostics.SourceLocation { Diagnostics.SourceLocation(file: "grid.yaml", line: line) }

    /// Every problem is reported at its row, all at once.
    @Test func reportsEveryProblemWithItsLocation() {
        let network = GridNetwork(
            name: "bad", snapshots: GridNetwork.hourlySnapshots(3), buses: [GridBus(name: "A", origin: Self.at(1))],
            carriers: [GridCarrier(name: "coal", origin: Self.at(2))],
            generators: [
                GridGenerator(name: "g1", bus: "A", carrier: "coal", nominalPower: -5, marginalCost: 1, origin: Self.at(3)),
                GridGenerator(
                    name: "g2", bus: "A", carrier: "coal", nominalPower: 5, maxPerUnit: .series([1, 1]), marginalCost: .constant(.nan),
                    origin: Self.at(4)),
            ],
            loads: [GridLoad(name: "l", bus: "Nowhere", demand: .series([1, 2, .infinity]), origin: Self.at(5))],
            links: [GridLink(name: "k", bus0: "A", bus1: "Z", nominalPower: 10, efficiency: 1.2, origin: Self.at(6))])
        let problems = network.validate()
        let described: [String] = problems.map { $0.description }
        #expect(described.contains("grid.yaml:3: generator 'g1' has negative p_nom -5.0 — use a value ≥ 0"))
        #expect(described.contains { $0.hasPrefix("grid.yaml:4: generator 'g2' has 2 values of p_max_pu but there are 3 snapshots") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:4: generator 'g2' has marginal_cost nan") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:5: load 'l' refers to unknown bus 'Nowhere'") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:5: load 'l' has p_set inf in snapshot 2") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:6: link 'k' refers to unknown bus 'Z'") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:6: link 'k' has efficiency 1.2") })
        #expect(problems.count == 7)
        let lines: [Int] = problems.map { $0.location?.line ?? 0 }
        #expect(lines == lines.sorted())
    }

    @Test func dispatchRefusesAnInvalidNetwork() {
        let network = GridNetwork(name: "empty", snapshots: [], buses: [])
        #expect {
            _ = try PowerDispatch.run(network)
        } throws: { error in
            guard case .invalidNetwork(let diagnostics) = error as? DispatchFailure else { return false }
            return diagnostics.diagnostics.first?.message == "grid 'empty' has no snapshots"
        }
    }
}
