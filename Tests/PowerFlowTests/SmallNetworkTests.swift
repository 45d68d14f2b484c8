import LinearProgramming
import PowerFlow
import RegionModel
import Testing

/// Hand-solvable networks: every expected number is worked out in the comment above the test.
@Suite struct SmallNetworkTests {
    static let carriers = [
        GridCarrier(name: "coal", co2PerPrimaryMWh: 0.5), GridCarrier(name: "gas", co2PerPrimaryMWh: 0.2),
        GridCarrier(name: "wind", isRenewable: true), GridCarrier(name: "battery"),
    ]

    static func twoBus(linkCapacity: Double, demand: Double = 80) -> GridNetwork {
        GridNetwork(
            name: "two-bus", snapshots: GridNetwork.hourlySnapshots(1),
            buses: [GridBus(name: "A"), GridBus(name: "B")], carriers: carriers,
            generators: [
                GridGenerator(name: "A coal", bus: "A", carrier: "coal", nominalPower: 100, marginalCost: 10),
                GridGenerator(name: "B gas", bus: "B", carrier: "gas", nominalPower: 100, marginalCost: 50),
            ],
            loads: [GridLoad(name: "B load", bus: "B", demand: .constant(demand))],
            links: [GridLink(name: "A->B", bus0: "A", bus1: "B", nominalPower: linkCapacity)])
    }

    /// An uncongested link: the cheap unit at A serves all 80 MW; both prices equal its cost, 10.
    @Test func pricesEqualTheMarginalUnitsCost() throws {
        let (result, _) = try PowerDispatch.run(Self.twoBus(linkCapacity: 1000))
        #expect(abs(result.objective - 800) < 1e-6)
        #expect(abs(result.buses[0].prices[0] - 10) < 1e-6)
        #expect(abs(result.buses[1].prices[0] - 10) < 1e-6)
        #expect(result.links[0].congestedSnapshots == 0)
        #expect(abs(result.links[0].congestionRentYuan) < 1e-6)
    }

    /// A 100 MW link whose p_max_pu is 1 then 0.5, 80 MW demand at B in both hours: A sends 80 then 50 (the limit),
    /// so the link's usable capacity is the mean (100 + 50) / 2 = 75 MW, not the first hour's 100; utilisation
    /// (80 + 50) / (100 + 50) = 0.8667; at its limit in the second hour only.
    @Test func aLinkWithAVaryingLimitReportsItsMeanUsableCapacity() throws {
        var network = Self.twoBus(linkCapacity: 100)
        network.snapshots = GridNetwork.hourlySnapshots(2)
        network.links[0].maxPerUnit = .series([1, 0.5])
        let (result, _) = try PowerDispatch.run(network)
        let link = result.links[0]
        #expect(abs(link.nominalPower - 75) < 1e-9)
        #expect(abs(link.energySentMWh - 130) < 1e-6)
        #expect(abs(link.utilisation - 130.0 / 150) < 1e-9)
        #expect(link.congestedSnapshots == 1)
    }

    /// A 50 MW link: A sends 50 (price 10), B's gas makes 30 (price 50); rent 50 × (50 − 10) = 2000.
    @Test func congestedLinkSplitsPrices() throws {
        let (result, _) = try PowerDispatch.run(Self.twoBus(linkCapacity: 50))
        #expect(abs(result.objective - (500 + 1500)) < 1e-6)
        #expect(abs(result.buses[0].prices[0] - 10) < 1e-6)
        #expect(abs(result.buses[1].prices[0] - 50) < 1e-6)
        #expect(result.links[0].congestedSnapshots == 1)
        #expect(result.links[0].congestedHours == 1)
        #expect(abs(result.links[0].utilisation - 1) < 1e-9)
        #expect(abs(result.links[0].congestionRentYuan - 2000) < 1e-6)
        // Imports into B carry A's coal intensity: 0.5 t/MWh (efficiency 1).
        #expect(abs((result.buses[1].importEmissionFactor ?? 0) - 0.5) < 1e-9)
        #expect(abs(result.buses[0].productionCO2 - 25) < 1e-9)
        #expect(abs(result.buses[1].consumptionCO2 - (25 + 6)) < 1e-9)
    }

    /// Losses: efficiency 0.9 at B's 80 MW means A sends 88.9; B's price is 10 / 0.9.
    @Test func lossesRaiseTheReceivingPrice() throws {
        var network = Self.twoBus(linkCapacity: 1000)
        network.links[0].efficiency = 0.9
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.links[0].energySentMWh - 80 / 0.9) < 1e-6)
        #expect(abs(result.buses[1].prices[0] - 10 / 0.9) < 1e-6)
        // All CO2 of A's generation, losses included, is consumed at B.
        #expect(abs(result.buses[1].consumptionCO2 - 0.5 * 80 / 0.9) < 1e-6)
        #expect(abs(result.buses[0].consumptionCO2) < 1e-9)
    }

    /// Two hours, one bus; cheap unit 100 MW at 10, dear unit 100 MW at 50, demand 50 then 150.
    /// A 40 MW / 400 MWh store with η 0.9 each way charges 40 in hour 0 and returns 32.4 in hour 1:
    /// cost = 90·10 + (100·10 + 17.6·50) = 2780 instead of 50·10 + (100·10 + 50·50) = 4000.
    @Test func storageArbitrage() throws {
        var network = GridNetwork(
            name: "arbitrage", snapshots: GridNetwork.hourlySnapshots(2), buses: [GridBus(name: "A")],
            carriers: Self.carriers,
            generators: [
                GridGenerator(name: "cheap", bus: "A", carrier: "coal", nominalPower: 100, marginalCost: 10),
                GridGenerator(name: "dear", bus: "A", carrier: "gas", nominalPower: 100, marginalCost: 50),
            ],
            loads: [GridLoad(name: "load", bus: "A", demand: .series([50, 150]))],
            storageUnits: [
                GridStorageUnit(
                    name: "store", bus: "A", carrier: "battery", nominalPower: 40, maxHours: 10, efficiencyStore: 0.9,
                    efficiencyDispatch: 0.9, cyclicStateOfCharge: true)
            ])
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.objective - 2780) < 1e-6)
        #expect(abs(result.storage[0].chargeMWh - 40) < 1e-6)
        #expect(abs(result.storage[0].dispatchMWh - 32.4) < 1e-6)
        #expect(abs(result.buses[0].prices[0] - 10) < 1e-6)
        #expect(abs(result.buses[0].prices[1] - 50) < 1e-6)

        network.storageUnits = []
        let (without, _) = try PowerDispatch.run(network)
        #expect(abs(without.objective - 4000) < 1e-6)
    }

    /// 80 MW of demand and 50 MW of supply: 30 MW are shed at the value of lost load (1000),
    /// which sets the price; the event names the bus and the hour.
    @Test func loadAboveSupplyIsShedAtVOLL() throws {
        var network = Self.twoBus(linkCapacity: 0)
        network.generators[1].nominalPower = 50
        network.valueOfLostLoad = 1000
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.objective - (50 * 50 + 30 * 1000)) < 1e-6)
        #expect(abs(result.buses[1].shedMWh - 30) < 1e-6)
        #expect(abs(result.buses[1].prices[0] - 1000) < 1e-6)
        #expect(result.shedEvents == [ShedEvent(bus: "B", snapshot: "0", megawatts: 30)])
    }

    /// One bus, 100 MW demand; coal (20 yuan, 1 t/MWh at efficiency 0.5) and gas (50 yuan, 0.2 t/MWh).
    /// A 60 t cap gives coal 50, gas 50, cost 3500; one more tonne saves 1.25 × 30 = 37.5 yuan.
    @Test func co2CapDualIsTheCarbonPrice() throws {
        let network = GridNetwork(
            name: "cap", snapshots: GridNetwork.hourlySnapshots(1), buses: [GridBus(name: "A")], carriers: Self.carriers,
            generators: [
                GridGenerator(name: "coal", bus: "A", carrier: "coal", nominalPower: 100, marginalCost: 20, efficiency: 0.5),
                GridGenerator(name: "gas", bus: "A", carrier: "gas", nominalPower: 100, marginalCost: 50),
            ],
            loads: [GridLoad(name: "load", bus: "A", demand: .constant(100))], co2Cap: 60)
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.objective - 3500) < 1e-6)
        #expect(abs(result.totalCO2 - 60) < 1e-6)
        #expect(abs((result.carbonPrice ?? 0) - 37.5) < 1e-6)
        #expect(abs(result.buses[0].prices[0] - 57.5) < 1e-6)
    }

    /// An external bus with coal at 10 and wind at 20 feeds bus A (100 MW) over one link; a 60%
    /// green share forces 60 MW of wind: cost 60·20 + 40·10 = 1600 instead of 1000.
    @Test func minimumGreenImportShare() throws {
        var network = GridNetwork(
            name: "green", snapshots: GridNetwork.hourlySnapshots(1),
            buses: [GridBus(name: "X", isExternal: true), GridBus(name: "A")], carriers: Self.carriers,
            generators: [
                GridGenerator(name: "X coal", bus: "X", carrier: "coal", nominalPower: 200, marginalCost: 10),
                GridGenerator(name: "X wind", bus: "X", carrier: "wind", nominalPower: 200, marginalCost: 20),
            ],
            loads: [GridLoad(name: "load", bus: "A", demand: .constant(100))],
            links: [GridLink(name: "X->A", bus0: "X", bus1: "A", nominalPower: 500)])
        let (free, _) = try PowerDispatch.run(network)
        #expect(abs(free.objective - 1000) < 1e-6)
        network.greenImportShare = GreenImportShare(minimumShare: 0.6)
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.objective - 1600) < 1e-6)
        #expect(abs((result.greenImportShare ?? 0) - 0.6) < 1e-9)
    }

    /// Must-run output that nothing can absorb makes the dispatch infeasible: reported, not a crash.
    @Test func overGenerationIsReportedAsInfeasible() {
        var network = Self.twoBus(linkCapacity: 1000)
        network.generators[0].minPerUnit = .constant(1)
        network.loads[0].demand = .constant(10)
        #expect {
            _ = try PowerDispatch.run(network)
        } throws: { error in
            if case .infeasible = error as? DispatchFailure { return true }
            return false
        }
    }
}
