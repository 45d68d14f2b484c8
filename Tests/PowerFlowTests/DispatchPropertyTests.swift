import Foundation
import PowerFlow
import RegionModel
import Testing
import YrdplanTestSupport

/// Invariants of every optimal dispatch, over seeded random networks (hourly snapshots, weight 1).
@Suite struct DispatchPropertyTests {
    static func randomNetwork(seed: UInt64) -> GridNetwork {
        var random = SplitMix64(seed: seed)
        let busCount = Int.random(in: 2...5, using: &random)
        let hours = 24
        let buses = (0..<busCount).map { GridBus(name: "B\($0)") }
        let carriers = [
            GridCarrier(name: "coal", co2PerPrimaryMWh: 0.34), GridCarrier(name: "gas", co2PerPrimaryMWh: 0.2),
            GridCarrier(name: "solar", isRenewable: true), GridCarrier(name: "battery"),
        ]
        var generators: [GridGenerator] = []
        for b in 0..<busCount {
            for k in 0..<Int.random(in: 1...3, using: &random) {
                let carrier = ["coal", "gas", "solar"][Int.random(in: 0...2, using: &random)]
                let availability: GridProfile =
                    carrier == "solar"
                    ? .series((0..<hours).map { h in max(0, sin(Double(h - 6) / 12 * .pi)) }) : .constant(0.9)
                generators.append(
                    GridGenerator(
                        name: "B\(b) g\(k)", bus: "B\(b)", carrier: carrier, nominalPower: Double.random(in: 20...150, using: &random),
                        maxPerUnit: availability, marginalCost: .constant(Double.random(in: 5...400, using: &random)),
                        efficiency: .constant(Double.random(in: 0.3...1, using: &random))))
            }
        }
        var loads: [GridLoad] = []
        for b in 0..<busCount {
            let sign = b % 2 == 0 ? 1.0 : -1.0
            let demand: [Double] = (0..<hours).map { h in 60 + 30 * sign * sin(Double(h) / 24 * 2 * Double.pi) }
            loads.append(GridLoad(name: "B\(b) load", bus: "B\(b)", demand: .series(demand)))
        }
        var links: [GridLink] = []
        for a in 0..<busCount {
            for b in 0..<busCount where a != b && Bool.random(using: &random) {
                links.append(
                    GridLink(
                        name: "B\(a)->B\(b)", bus0: "B\(a)", bus1: "B\(b)", nominalPower: Double.random(in: 5...80, using: &random),
                        efficiency: .constant(Double.random(in: 0.9...1, using: &random)),
                        marginalCost: .constant(Double.random(in: 0...5, using: &random))))
            }
        }
        let storage = [
            GridStorageUnit(
                name: "store", bus: "B0", carrier: "battery", nominalPower: 30, maxHours: 4, efficiencyStore: 0.9,
                efficiencyDispatch: 0.9, marginalCost: 1)
        ]
        return GridNetwork(
            name: "random-\(seed)", snapshots: GridNetwork.hourlySnapshots(hours), buses: buses, carriers: carriers,
            generators: generators, loads: loads, links: links, storageUnits: storage, valueOfLostLoad: 5000)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func optimalDispatchesKeepTheirInvariants(seed: UInt64) throws {
        let network = Self.randomNetwork(seed: seed)
        let (result, _) = try PowerDispatch.run(network)
        let scale = max(1, abs(result.objective))

        // The objective is the cost of what was dispatched.
        var cost = 0.0
        for (generator, outcome) in zip(network.generators, result.generators) { cost += generator.marginalCost[0] * outcome.energyMWh }
        for (link, flow) in zip(network.links, result.links) { cost += link.marginalCost[0] * flow.energySentMWh }
        for (unit, outcome) in zip(network.storageUnits, result.storage) { cost += unit.marginalCost[0] * outcome.dispatchMWh }
        cost += network.valueOfLostLoad * result.totalShedMWh
        #expect(abs(cost - result.objective) <= 1e-6 * scale)

        // Energy balance: generation + shed = demand + link losses + storage losses.
        let generated = result.generators.reduce(0) { $0 + $1.energyMWh }
        let demand = result.buses.reduce(0) { $0 + $1.demandMWh }
        let linkLosses = result.links.reduce(0) { $0 + $1.energySentMWh - $1.energyDeliveredMWh }
        let storageLosses = result.storage.reduce(0) { $0 + $1.chargeMWh - $1.dispatchMWh }
        #expect(abs(generated + result.totalShedMWh - demand - linkLosses - storageLosses) <= 1e-6 * max(1, demand))
        // Cyclic storage: what went in (after losses) came out.
        for outcome in result.storage {
            #expect(abs(outcome.chargeMWh * 0.9 - outcome.dispatchMWh / 0.9) <= 1e-6 * max(1, outcome.chargeMWh))
        }

        // Flow tracing redistributes, never creates or loses, emissions.
        let consumption = result.buses.reduce(0) { $0 + $1.consumptionCO2 }
        #expect(abs(consumption - result.totalCO2) <= 1e-6 * max(1, result.totalCO2))

        for link in result.links {
            #expect(link.utilisation <= 1 + 1e-9)
            #expect(link.congestedHours <= 24)
            // A link only earns scarcity rent; it never loses money at optimal prices.
            #expect(link.congestionRentYuan >= -1e-6 * scale)
        }
        for bus in result.buses {
            #expect(bus.prices.allSatisfy { $0 >= -1e-6 && $0 <= network.valueOfLostLoad + 1e-6 }, "\(bus.name) \(bus.prices)")
        }
    }
}
