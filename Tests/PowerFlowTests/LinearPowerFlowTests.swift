import PowerFlow
import RegionModel
import Testing

/// Hand-solved networks for the parts of PyPSA's linear model beyond transport: Kirchhoff's voltage law, stores
/// with standing loss, and capacity expansion.
@Suite struct LinearPowerFlowTests {
    static let snapshots = [GridSnapshot(label: "0"), GridSnapshot(label: "1")]

    /// A triangle of equal reactances: 90 MW from A to C split 60 over the direct line and 30 over A–B–C
    /// (the path impedances are x and 2x). With the direct line limited to 50 MVA, A–B–C must carry 25 of the
    /// 75 MW that A can send, and the rest of the demand comes from the dearer generator at C.
    @Test func kirchhoffSplitsFlowByReactance() throws {
        let buses = ["A", "B", "C"].map { GridBus(name: $0) }
        let lines = [
            GridLine(name: "AB", bus0: "A", bus1: "B", reactancePerUnit: 1, nominalPower: 1000),
            GridLine(name: "BC", bus0: "B", bus1: "C", reactancePerUnit: 1, nominalPower: 1000),
            GridLine(name: "CA", bus0: "C", bus1: "A", reactancePerUnit: 1, nominalPower: 1000),
        ]
        var network = GridNetwork(
            name: "triangle", snapshots: [GridSnapshot(label: "0")], buses: buses,
            generators: [
                GridGenerator(name: "A gen", bus: "A", carrier: "", nominalPower: 200, marginalCost: 10),
                GridGenerator(name: "C gen", bus: "C", carrier: "", nominalPower: 200, marginalCost: 50),
            ],
            loads: [GridLoad(name: "C load", bus: "C", demand: .constant(90))], lines: lines)
        var (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.lines[0].hourlyFlow[0] - 30) < 1e-6)
        #expect(abs(result.lines[1].hourlyFlow[0] - 30) < 1e-6)
        #expect(abs(result.lines[2].hourlyFlow[0] + 60) < 1e-6)
        #expect(abs(result.objective - 900) < 1e-6)

        network.lines[2].nominalPower = 50
        (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.lines[2].hourlyFlow[0] + 50) < 1e-6)
        #expect(abs(result.lines[0].hourlyFlow[0] - 25) < 1e-6)
        #expect(abs(result.objective - (75 * 10 + 15 * 50)) < 1e-6)
        // The congested line sets the price spread: C pays 50, A 10, and B (halfway in reactance) 30.
        let prices = Dictionary(uniqueKeysWithValues: result.buses.map { ($0.name, $0.prices[0]) })
        #expect(abs((prices["A"] ?? 0) - 10) < 1e-6 && abs((prices["C"] ?? 0) - 50) < 1e-6)
        #expect(abs((prices["B"] ?? 0) - 30) < 1e-6)
    }

    /// A store carries cheap power to the hour without it: e1 = 0.9·e0 − p1, so 50 MW in hour 1 needs 500/9 MWh.
    /// Cost: generation 10·(50 + 500/9) plus the store's marginal cost 1·(50 − 500/9) = 1050; extendable at capital
    /// cost 2 per MWh it adds 2·500/9.
    @Test func storeWithStandingLossAndExpansion() throws {
        var network = GridNetwork(
            name: "store", snapshots: Self.snapshots, buses: [GridBus(name: "A")],
            generators: [
                GridGenerator(
                    name: "A gen", bus: "A", carrier: "", nominalPower: 200, maxPerUnit: .series([1, 0]), marginalCost: 10)
            ],
            loads: [GridLoad(name: "A load", bus: "A", demand: .constant(50))],
            stores: [GridStore(name: "A store", bus: "A", carrier: "", nominalEnergy: 100, standingLoss: 0.1, marginalCost: 1)])
        var (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 1050) < 1e-6)
        #expect(abs(result.stores[0].maxStateOfChargeMWh - 500.0 / 9) < 1e-6)

        network.stores[0].expansion = GridExpansion(capitalCost: 2)
        (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - (1050 + 2 * 500.0 / 9)) < 1e-6)
        #expect(abs(result.existingCapacityCost - 200) < 1e-9)
        let capacity = try #require(result.capacities.first)
        #expect(capacity.attribute == "e_nom_opt" && abs(capacity.optimal - 500.0 / 9) < 1e-6)
    }

    /// Ramp limit 0.2 per snapshot from p_init 0: the cheap unit (10 per MWh, 100 MW) gives 10 then at most 30 of a
    /// 10/50 MW load, the dear one (50) the other 20: cost 100 + 300 + 1000. Extendable at capital cost 1 per MW, the
    /// cheap unit is built to 200 MW so that 0.2·200 lets it follow to 50: 100 + 500 + 200.
    @Test func rampLimitsBindAgainstTheCapacity() throws {
        var network = GridNetwork(
            name: "ramp", snapshots: Self.snapshots, buses: [GridBus(name: "A")],
            generators: [
                GridGenerator(
                    name: "cheap", bus: "A", carrier: "", nominalPower: 100, marginalCost: 10,
                    ramp: GridRampLimits(up: 0.2, initialPower: 0)),
                GridGenerator(name: "dear", bus: "A", carrier: "", nominalPower: 100, marginalCost: 50),
            ],
            loads: [GridLoad(name: "A load", bus: "A", demand: .series([10, 50]))])
        var (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 1400) < 1e-6)
        network.generators[0].expansion = GridExpansion(capitalCost: 1)
        (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 800) < 1e-6)
        #expect(abs((result.capacities.first?.optimal ?? 0) - 200) < 1e-6)
    }

    /// A PyPSA link may deliver more than it takes (a heat pump, efficiency 3): 30 MW of heat at B take 10 MW at A.
    /// The delta's grid refuses the same efficiency.
    @Test func linkGainOnlyWhereTheNetworkAllowsIt() throws {
        var network = GridNetwork(
            name: "heat", snapshots: [GridSnapshot(label: "0")], buses: ["A", "B"].map { GridBus(name: $0) },
            generators: [GridGenerator(name: "power", bus: "A", carrier: "", nominalPower: 100, marginalCost: 20)],
            loads: [GridLoad(name: "heat", bus: "B", demand: .constant(30))],
            links: [GridLink(name: "heat pump", bus0: "A", bus1: "B", nominalPower: 50, efficiency: 3)])
        #expect(network.validate().contains { $0.description.contains("efficiency 3.0") })
        network.allowsLinkGain = true
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 200) < 1e-6)
    }

    /// A link with two outputs (a CHP-like plant): 1 MWh of fuel at A gives 0.4 at B and 0.5 at C, so loads of 40 at B
    /// and 50 at C are met by exactly 100 MW of fuel at cost 5.
    @Test func multiPortLinkDeliversToEachPort() throws {
        let network = GridNetwork(
            name: "chp", snapshots: [GridSnapshot(label: "0")], buses: ["A", "B", "C"].map { GridBus(name: $0) },
            generators: [GridGenerator(name: "fuel", bus: "A", carrier: "", nominalPower: 1000, marginalCost: 5)],
            loads: [
                GridLoad(name: "B load", bus: "B", demand: .constant(40)), GridLoad(name: "C load", bus: "C", demand: .constant(50)),
            ],
            links: [
                GridLink(
                    name: "chp", bus0: "A", bus1: "B", nominalPower: 500, efficiency: 0.4,
                    extraPorts: [GridLinkPort(bus: "C", efficiency: 0.5)])
            ])
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.links[0].hourlyFlow[0] - 100) < 1e-6)
        #expect(abs(result.objective - 500) < 1e-6)
    }

    // MARK: - Time series (PyPSA's `*-ATTRIBUTE.csv`): a series overrides the static value per snapshot

    /// Marginal cost as a series: g1 costs 10 then 50, g2 always 30; a 60 MW load. Snapshot 0 takes g1 (60·10 = 600),
    /// snapshot 1 takes g2 (60·30 = 1,800): 2,400 in all, prices 10 then 30. With g1's cost held at 10 it would be 1,200.
    @Test func marginalCostSeriesChoosesTheCheapestUnitEachSnapshot() throws {
        let network = GridNetwork(
            name: "mc", snapshots: Self.snapshots, buses: [GridBus(name: "A")],
            generators: [
                GridGenerator(name: "g1", bus: "A", carrier: "", nominalPower: 100, marginalCost: .series([10, 50])),
                GridGenerator(name: "g2", bus: "A", carrier: "", nominalPower: 100, marginalCost: 30),
            ],
            loads: [GridLoad(name: "A load", bus: "A", demand: .constant(60))])
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 2400) < 1e-6)
        #expect(abs(result.generators[0].energyMWh - 60) < 1e-6 && abs(result.generators[1].energyMWh - 60) < 1e-6)
        let prices = try #require(result.buses.first?.prices)
        #expect(abs(prices[0] - 10) < 1e-6 && abs(prices[1] - 30) < 1e-6)
    }

    /// Link efficiency as a series: fuel at A costs 10 per MWh, the link to B delivers 0.5 then 0.8 of what it takes,
    /// and B needs 40 MW. p0 = 40/0.5 = 80 then 40/0.8 = 50 MW: cost 800 + 500 = 1,300; B's price is 10/η = 20 then 12.5.
    @Test func linkEfficiencySeriesScalesTheDelivery() throws {
        let network = GridNetwork(
            name: "eta", snapshots: Self.snapshots, buses: ["A", "B"].map { GridBus(name: $0) },
            generators: [GridGenerator(name: "fuel", bus: "A", carrier: "", nominalPower: 200, marginalCost: 10)],
            loads: [GridLoad(name: "B load", bus: "B", demand: .constant(40))],
            links: [GridLink(name: "A-B", bus0: "A", bus1: "B", nominalPower: 200, efficiency: .series([0.5, 0.8]))])
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.links[0].hourlyFlow[0] - 80) < 1e-6 && abs(result.links[0].hourlyFlow[1] - 50) < 1e-6)
        #expect(abs(result.links[0].energyDeliveredMWh - 80) < 1e-6)
        #expect(abs(result.objective - 1300) < 1e-6)
        let prices = try #require(result.buses.first { $0.name == "B" }?.prices)
        #expect(abs(prices[0] - 20) < 1e-6 && abs(prices[1] - 12.5) < 1e-6)
    }

    /// Storage p_max_pu scales dispatch: a 100 MW unit holding 200 MWh (not cyclic) may give 100·1 then 100·0.3 MW; an
    /// 80 MW load takes 80 from it, then 30 from it and 50 from the generator at 50: cost 2,500 (0 if it could give
    /// 80 twice). p_min_pu −0.2 limits charging to 20 MW: an empty unit charges 20 at price 1, gives them back when
    /// the generator costs 100 and a 50 MW load needs 30 more: 20 + 3,000 = 3,020 (50 with p_min_pu −1).
    @Test func storageLimitsScaleDispatchAndCharging() throws {
        var unit = GridStorageUnit(
            name: "S", bus: "A", carrier: "", nominalPower: 100, maxHours: 10, cyclicStateOfCharge: false,
            initialStateOfCharge: 200)
        unit.maxPerUnit = .series([1, 0.3])
        var network = GridNetwork(
            name: "storage", snapshots: Self.snapshots, buses: [GridBus(name: "A")],
            generators: [GridGenerator(name: "gen", bus: "A", carrier: "", nominalPower: 200, marginalCost: 50)],
            loads: [GridLoad(name: "A load", bus: "A", demand: .constant(80))], storageUnits: [unit])
        var (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 2500) < 1e-6)
        #expect(abs(result.storage[0].dispatchMWh - 110) < 1e-6)

        network.storageUnits[0].maxPerUnit = 1
        network.storageUnits[0].minPerUnit = -0.2
        network.storageUnits[0].initialStateOfCharge = 0
        network.generators[0].marginalCost = .series([1, 100])
        network.loads[0].demand = .series([0, 50])
        (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 3020) < 1e-6)
        network.storageUnits[0].minPerUnit = -1
        (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 50) < 1e-6)
    }

    /// A stored fuel under a CO2 cap: 100 MWh of coal (1 t/MWh) in a store that is not cyclic, a 10 MW load over two
    /// hours, a clean generator at 40 and the store's coal at 0. PyPSA counts what the store ends below its start:
    /// with a cap of 5 t only 5 MWh may be drawn, so 15 MWh come from the clean unit: cost 600, carbon price 40, and the
    /// 5 t are reported as stored-fuel CO2 (generation emits nothing).
    @Test func storedFuelCountsUnderTheCO2Cap() throws {
        let network = GridNetwork(
            name: "fuel", snapshots: Self.snapshots, buses: [GridBus(name: "A")],
            carriers: [GridCarrier(name: "coal", co2PerPrimaryMWh: 1), GridCarrier(name: "clean")],
            generators: [GridGenerator(name: "clean", bus: "A", carrier: "clean", nominalPower: 100, marginalCost: 40)],
            loads: [GridLoad(name: "A load", bus: "A", demand: .constant(10))],
            stores: [GridStore(name: "coal pile", bus: "A", carrier: "coal", nominalEnergy: 100, initialEnergy: 100)],
            co2Cap: 5)
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(abs(result.objective - 600) < 1e-6)
        #expect(abs((result.carbonPrice ?? 0) - 40) < 1e-6)
        #expect(abs(result.storedFuelCO2 - 5) < 1e-6 && result.totalCO2 == 0)
    }
}
