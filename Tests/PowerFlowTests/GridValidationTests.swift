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

    /// A series is checked value by value (the first bad snapshot is named), and set points must fall in a snapshot.
    @Test func seriesValuesAndSetPointsAreChecked() {
        var unit = GridStorageUnit(
            name: "s", bus: "A", carrier: "", nominalPower: 10, maxHours: 2, efficiencyStore: .series([0.9, 0, 0.9]),
            standingLoss: .series([0, 0.1, 2]), origin: Self.at(2))
        unit.fixedDispatch = [5: 1]
        var link = GridLink(name: "k", bus0: "A", bus1: "B", nominalPower: 10, minPerUnit: .series([0, 0.5, 0]), origin: Self.at(3))
        link.maxPerUnit = .series([1, 0.4, 1])
        let network = GridNetwork(
            name: "series", snapshots: GridNetwork.hourlySnapshots(3), buses: [GridBus(name: "A"), GridBus(name: "B")],
            links: [link], storageUnits: [unit])
        let described = network.validate().map(\.description)
        #expect(described.contains { $0.hasPrefix("grid.yaml:2: storage unit 's' has efficiency_store 0.0 in snapshot 1") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:2: storage unit 's' has standing_loss 2.0 in snapshot 2") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:2: storage unit 's' has p_dispatch_set 1.0 in snapshot 5") })
        #expect(described.contains { $0.hasPrefix("grid.yaml:3: link 'k' has p_min_pu above p_max_pu in snapshot 1") })
        #expect(described.count == 4, "\(described)")
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
