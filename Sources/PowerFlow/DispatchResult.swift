import LinearProgramming
import RegionModel

/// What one generator did over the period.
public struct GeneratorDispatch: Sendable, Hashable {
    public var name: String
    public var bus: String
    public var carrier: String
    /// Energy produced, MWh (generator weighting).
    public var energyMWh: Double
    /// Available but unused energy of time-varying (weather, water) generators, MWh.
    public var curtailedMWh: Double
    /// CO2 emitted, t.
    public var co2Tonnes: Double
}

/// The capacity the optimiser chose for one extendable component (PyPSA's `p_nom_opt` / `s_nom_opt`).
public struct OptimalCapacity: Sendable, Hashable {
    /// PyPSA's list name of the component: `generators`, `links`, `lines`, `storage_units` or `stores`.
    public var component: String
    public var name: String
    /// `p_nom_opt` (MW), `s_nom_opt` (MVA) or `e_nom_opt` (MWh).
    public var attribute: String
    /// The capacity given in the input (existing capacity, priced in PyPSA's objective constant).
    public var given: Double
    public var optimal: Double
}

/// What one link (corridor direction) or line carried; p0 is negative when it flows from bus1 to bus0.
public struct LinkFlow: Sendable, Hashable {
    public var name: String
    public var bus0: String
    public var bus1: String
    /// Usable capacity in the direction bus0 → bus1 (p_nom·p_max_pu, or the optimal one when extendable), MW; with a
    /// p_max_pu series, its mean over the period (weighted by the snapshots' hours).
    public var nominalPower: Double
    /// Hourly flow at the sending end, MW, one per snapshot.
    public var hourlyFlow: [Double]
    /// Net energy sent over the period, MWh (objective weighting).
    public var energySentMWh: Double
    /// Energy delivered at bus1 (after losses), MWh.
    public var energyDeliveredMWh: Double
    /// Energy sent (either way) divided by capacity × hours.
    public var utilisation: Double
    /// Hours (weighted) with the flow at its limit (in either direction).
    public var congestedHours: Double
    /// Snapshots with the flow at capacity.
    public var congestedSnapshots: Int
    /// Scarcity rent of the capacity limit, yuan: Σ w·p0·(η·price1 − price0 − hurdle cost).
    public var congestionRentYuan: Double
}

/// Prices, energy and emissions at one bus.
public struct BusOutcome: Sendable, Hashable {
    public var name: String
    public var region: String?
    public var isExternal: Bool
    /// Marginal price per snapshot, yuan/MWh (balance dual divided by the objective weighting).
    public var prices: [Double]
    /// Mean price weighted by the objective weighting, yuan/MWh.
    public var meanPrice: Double
    /// Mean price weighted by demand, yuan/MWh (nil without demand).
    public var loadWeightedMeanPrice: Double?
    /// Demand, MWh.
    public var demandMWh: Double
    /// Unserved energy (shed at the value of lost load, plus `load_shedding` generators), MWh.
    public var shedMWh: Double
    /// Generation by carrier, MWh.
    public var generationByCarrier: [String: Double]
    /// CO2 of generation located at this bus, t.
    public var productionCO2: Double
    /// CO2 of the power consumed here (demand and storage charging), traced by proportional sharing, t.
    public var consumptionCO2: Double
    /// Energy received over links (after losses), MWh.
    public var importedMWh: Double
    /// CO2 carried by that energy, t.
    public var importedCO2: Double
    /// CO2 intensity of the power received over links, t/MWh (nil without imports).
    public var importEmissionFactor: Double?
}

/// What one storage unit did.
public struct StorageOutcome: Sendable, Hashable {
    public var name: String
    public var bus: String
    public var dispatchMWh: Double
    public var chargeMWh: Double
    public var maxStateOfChargeMWh: Double
}

/// Load shed at one bus in one snapshot.
public struct ShedEvent: Sendable, Hashable {
    public var bus: String
    public var snapshot: String
    public var megawatts: Double

    public init(bus: String, snapshot: String, megawatts: Double) {
        self.bus = bus
        self.snapshot = snapshot
        self.megawatts = megawatts
    }
}

/// The readback of a solved dispatch.
public struct DispatchResult: Sendable {
    public var status: LPStatus
    /// Total cost, yuan.
    public var objective: Double
    public var iterations: Int
    public var snapshotLabels: [String]
    public var generators: [GeneratorDispatch]
    public var links: [LinkFlow]
    /// Flows of the lines and transformers (linearised power flow), in the network's `lines` order.
    public var lines: [LinkFlow]
    /// The capacities of extendable components, in the order generators, links, lines, storage units.
    public var capacities: [OptimalCapacity]
    /// Capital cost of the capacity extendable components already have, included in `objective`; PyPSA reports
    /// `objective − existingCapacityCost` as its `objective` (and this as `objective_constant`).
    public var existingCapacityCost: Double
    public var buses: [BusOutcome]
    public var storage: [StorageOutcome]
    /// What each store did (dispatch: energy into the bus, charge: energy drawn from it).
    public var stores: [StorageOutcome]
    public var shedEvents: [ShedEvent]
    /// CO2 of stored fuel drawn down over the period, t: Σ co2 · (initial − final level) over non-cyclic storage units
    /// and stores of emitting carriers, which PyPSA's primary-energy limit counts with generation.
    public var storedFuelCO2: Double
    /// Carbon price from the CO2 cap's dual, yuan/t (nil without a cap).
    public var carbonPrice: Double?
    /// Value of relaxing the green-import share by one MWh·share unit, yuan (nil without the rule).
    public var greenImportShadowPrice: Double?
    /// Green share of the energy generated at external buses (nil without external generation).
    public var greenImportShare: Double?

    /// The objective as PyPSA reports it: total cost less the capital cost of existing extendable capacity.
    public var pypsaObjective: Double { objective - existingCapacityCost }

    /// Total CO2 of generation, t.
    public var totalCO2: Double { generators.reduce(0) { $0 + $1.co2Tonnes } }
    /// Total unserved energy, MWh.
    public var totalShedMWh: Double { buses.reduce(0) { $0 + $1.shedMWh } }
}

/// Carriers whose "generators" stand for unserved load (PyPSA studies model shedding this way).
let loadSheddingCarriers: Set<String> = ["load_shedding", "load shedding", "load"]

extension DispatchProblem {
    /// Reads flows, prices, emissions and congestion back from an optimal solution.
    public func readBack(_ solution: LPSolution) -> DispatchResult {
        let net = network
        let nT = snapshotCount
        let nB = busCount
        let snapshots = net.snapshots
        let carriers = Dictionary(net.carriers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let x = solution.primal
        let duals = solution.rowDuals
        let tolerance = 1e-6

        // Prices.
        var prices = [[Double]](repeating: [Double](repeating: 0, count: nT), count: nB)
        for t in 0..<nT {
            let w = snapshots[t].objectiveWeight
            for b in 0..<nB { prices[b][t] = w > 0 ? duals[balanceRow(b, t)] / w : 0 }
        }

        // Capacities.
        var capacities: [OptimalCapacity] = []
        func capacity(_ column: Int?, _ component: String, _ name: String, _ attribute: String, given: Double) -> Double {
            guard let column else { return given }
            capacities.append(
                OptimalCapacity(component: component, name: name, attribute: attribute, given: given, optimal: x[column]))
            return x[column]
        }
        let generatorCapacities = net.generators.enumerated().map { g, generator in
            capacity(generatorCapacity[g], "generators", generator.name, "p_nom_opt", given: generator.nominalPower)
        }
        let linkCapacities = net.links.enumerated().map { l, link in
            capacity(linkCapacity[l], "links", link.name, "p_nom_opt", given: link.nominalPower)
        }
        let lineCapacities = net.lines.enumerated().map { l, line in
            capacity(
                lineCapacity[l], line.isTransformer ? "transformers" : "lines", line.name, "s_nom_opt", given: line.nominalPower)
        }
        for (s, unit) in net.storageUnits.enumerated() {
            _ = capacity(storageCapacity[s], "storage_units", unit.name, "p_nom_opt", given: unit.nominalPower)
        }
        for (k, store) in net.stores.enumerated() {
            _ = capacity(storeCapacity[k], "stores", store.name, "e_nom_opt", given: store.nominalEnergy)
        }

        // Generators, and per-snapshot local injections and emissions for tracing.
        var injection = [Double](repeating: 0, count: nT * nB)
        var emissionRate = [Double](repeating: 0, count: nT * nB)
        var generation = [[String: Double]](repeating: [:], count: nB)
        var production = [Double](repeating: 0, count: nB)
        var shed = [Double](repeating: 0, count: nB)
        var shedEvents: [ShedEvent] = []
        var shedPerSnapshot = [Double](repeating: 0, count: nT * nB)
        var externalTotal = 0.0
        var externalGreen = 0.0
        let generatorResults = net.generators.enumerated().map { g, generator -> GeneratorDispatch in
            let b = generatorBus[g]
            let co2PerPrimaryMWh = carriers[generator.carrier]?.co2PerPrimaryMWh ?? 0
            let isShedding = loadSheddingCarriers.contains(generator.carrier)
            var energy = 0.0
            var curtailed = 0.0
            var co2 = 0.0
            for t in 0..<nT {
                let p = x[generatorColumn(g, t)]
                let w = snapshots[t].generatorWeight
                let co2PerMWh = co2PerPrimaryMWh / generator.efficiency[t]
                energy += w * p
                co2 += w * p * co2PerMWh
                injection[t * nB + b] += p
                emissionRate[t * nB + b] += p * co2PerMWh
                if isShedding { shedPerSnapshot[t * nB + b] += p }
                if generator.maxPerUnit.isSeries {
                    curtailed += w * max(0, generatorCapacities[g] * generator.maxPerUnit[t] - p)
                }
            }
            generation[b][generator.carrier, default: 0] += energy
            production[b] += co2
            if isShedding { shed[b] += energy }
            if net.buses[b].isExternal && !isShedding {
                externalTotal += energy
                if carriers[generator.carrier]?.isRenewable == true { externalGreen += energy }
            }
            return GeneratorDispatch(
                name: generator.name, bus: generator.bus, carrier: generator.carrier, energyMWh: energy,
                curtailedMWh: curtailed, co2Tonnes: co2)
        }

        // Storage.
        var charge = [Double](repeating: 0, count: nT * nB)
        let storageResults = net.storageUnits.enumerated().map { s, unit -> StorageOutcome in
            let b = storageBus[s]
            var dispatched = 0.0
            var charged = 0.0
            var maxSOC = 0.0
            for t in 0..<nT {
                let w = snapshots[t].generatorWeight
                let d = x[dispatchColumn(s, t)]
                let c = x[chargeColumn(s, t)]
                dispatched += w * d
                charged += w * c
                maxSOC = max(maxSOC, x[stateOfChargeColumn(s, t)])
                injection[t * nB + b] += d
                charge[t * nB + b] += c
            }
            return StorageOutcome(
                name: unit.name, bus: unit.bus, dispatchMWh: dispatched, chargeMWh: charged, maxStateOfChargeMWh: maxSOC)
        }

        let busIndex = Dictionary(net.buses.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let storeResults = net.stores.enumerated().map { k, store -> StorageOutcome in
            let b = busIndex[store.bus]!
            var dispatched = 0.0
            var charged = 0.0
            var maxEnergy = 0.0
            for t in 0..<nT {
                let w = snapshots[t].generatorWeight
                let p = x[storePowerColumn(k, t)]
                dispatched += w * max(0, p)
                charged += w * max(0, -p)
                maxEnergy = max(maxEnergy, x[storeEnergyColumn(k, t)])
                injection[t * nB + b] += max(0, p)
                charge[t * nB + b] += max(0, -p)
            }
            return StorageOutcome(
                name: store.name, bus: store.bus, dispatchMWh: dispatched, chargeMWh: charged, maxStateOfChargeMWh: maxEnergy)
        }

        // Shed.
        for (k, b) in shedBuses.enumerated() {
            for t in 0..<nT {
                let p = x[shedColumn(k, t)]
                injection[t * nB + b] += p
                shedPerSnapshot[t * nB + b] += p
                shed[b] += snapshots[t].generatorWeight * p
            }
        }
        for t in 0..<nT {
            for b in 0..<nB where shedPerSnapshot[t * nB + b] > tolerance {
                shedEvents.append(
                    ShedEvent(bus: net.buses[b].name, snapshot: snapshots[t].label, megawatts: shedPerSnapshot[t * nB + b]))
            }
        }

        // Links and lines.
        func flow(
            name: String, bus0: Int, bus1: Int, capacity: Double, minPerUnit: GridProfile, maxPerUnit: GridProfile,
            efficiency: GridProfile, marginalCost: GridProfile, value: (Int) -> Double, spread: (Int) -> Double
        ) -> LinkFlow {
            var hourly = [Double](repeating: 0, count: nT)
            var sent = 0.0
            var moved = 0.0
            var congestedHours = 0.0
            var congestedSnapshots = 0
            var rent = 0.0
            var hours = 0.0
            var delivered = 0.0
            var usableEnergy = 0.0
            for t in 0..<nT {
                let p = value(t)
                let w = snapshots[t].objectiveWeight
                hourly[t] = p
                sent += w * p
                delivered += w * p * efficiency[t]
                moved += w * abs(p)
                hours += w
                let upper = capacity * maxPerUnit[t]
                let lower = capacity * minPerUnit[t]
                usableEnergy += w * upper
                if (upper > 0 && p >= upper * (1 - 1e-6) - tolerance) || (lower < 0 && p <= lower * (1 - 1e-6) + tolerance) {
                    congestedHours += w
                    congestedSnapshots += 1
                }
                rent += w * p * (spread(t) - marginalCost[t])
            }
            let usable = maxPerUnit.isSeries && hours > 0 ? usableEnergy / hours : capacity * maxPerUnit[0]
            return LinkFlow(
                name: name, bus0: net.buses[bus0].name, bus1: net.buses[bus1].name, nominalPower: usable,
                hourlyFlow: hourly, energySentMWh: sent, energyDeliveredMWh: delivered,
                utilisation: usable > 0 && hours > 0 ? moved / (usable * hours) : 0,
                congestedHours: congestedHours, congestedSnapshots: congestedSnapshots, congestionRentYuan: rent)
        }
        let linkResults = net.links.enumerated().map { l, link -> LinkFlow in
            let ports = link.extraPorts.map { (busIndex[$0.bus]!, $0.efficiency) }
            return flow(
                name: link.name, bus0: linkBus0[l], bus1: linkBus1[l], capacity: linkCapacities[l],
                minPerUnit: link.minPerUnit, maxPerUnit: link.maxPerUnit, efficiency: link.efficiency,
                marginalCost: link.marginalCost, value: { x[linkColumn(l, $0)] },
                spread: { t in
                    ports.reduce(link.efficiency[t] * prices[linkBus1[l]][t] - prices[linkBus0[l]][t]) { $0 + $1.1[t] * prices[$1.0][t] }
                })
        }
        let lineResults = net.lines.enumerated().map { l, line -> LinkFlow in
            flow(
                name: line.name, bus0: lineBus0[l], bus1: lineBus1[l], capacity: lineCapacities[l], minPerUnit: -1,
                maxPerUnit: line.maxPerUnit, efficiency: 1, marginalCost: 0, value: { x[lineColumn(l, $0)] },
                spread: { t in prices[lineBus1[l]][t] - prices[lineBus0[l]][t] })
        }

        // Flow tracing per snapshot.
        var consumption = [Double](repeating: 0, count: nB)
        var imported = [Double](repeating: 0, count: nB)
        var importedCO2 = [Double](repeating: 0, count: nB)
        var workspace = ProportionalSharing.Workspace(busCount: nB)
        var flows: [ProportionalSharing.Flow] = []
        flows.reserveCapacity(net.links.count + net.lines.count)
        // A negative p0 runs from bus1 (which sends efficiency·|p0|) to bus0 (which receives |p0|).
        func directed(_ from: Int, _ to: Int, _ p: Double, _ efficiency: Double) -> ProportionalSharing.Flow {
            p >= 0
                ? ProportionalSharing.Flow(from: from, to: to, sent: p, efficiency: efficiency)
                : ProportionalSharing.Flow(from: to, to: from, sent: -p * efficiency, efficiency: 1 / efficiency)
        }
        for t in 0..<nT {
            flows.removeAll(keepingCapacity: true)
            for l in 0..<net.links.count {
                flows.append(directed(linkBus0[l], linkBus1[l], linkResults[l].hourlyFlow[t], net.links[l].efficiency[t]))
            }
            for l in 0..<net.lines.count {
                flows.append(directed(lineBus0[l], lineBus1[l], lineResults[l].hourlyFlow[t], 1))
            }
            let base = t * nB
            let intensity = workspace.solve(
                localInjection: Array(injection[base..<base + nB]), localEmissions: Array(emissionRate[base..<base + nB]),
                flows: flows)
            let w = snapshots[t].generatorWeight
            for b in 0..<nB {
                consumption[b] += w * intensity[b] * (demand[base + b] + charge[base + b])
            }
            for flow in flows where flow.sent > 0 {
                imported[flow.to] += w * flow.efficiency * flow.sent
                importedCO2[flow.to] += w * intensity[flow.from] * flow.sent
            }
        }

        let busResults = net.buses.enumerated().map { b, bus -> BusOutcome in
            var weightSum = 0.0
            var weighted = 0.0
            var demandSum = 0.0
            var demandWeighted = 0.0
            for t in 0..<nT {
                let w = snapshots[t].objectiveWeight
                weightSum += w
                weighted += w * prices[b][t]
                let d = demand[t * nB + b]
                demandSum += w * d
                demandWeighted += w * d * prices[b][t]
            }
            var demandEnergy = 0.0
            for t in 0..<nT { demandEnergy += snapshots[t].generatorWeight * demand[t * nB + b] }
            return BusOutcome(
                name: bus.name, region: bus.region, isExternal: bus.isExternal, prices: prices[b],
                meanPrice: weightSum > 0 ? weighted / weightSum : 0,
                loadWeightedMeanPrice: demandSum > 0 ? demandWeighted / demandSum : nil,
                demandMWh: demandEnergy, shedMWh: shed[b], generationByCarrier: generation[b],
                productionCO2: production[b], consumptionCO2: consumption[b], importedMWh: imported[b],
                importedCO2: importedCO2[b], importEmissionFactor: imported[b] > 0 ? importedCO2[b] / imported[b] : nil)
        }

        return DispatchResult(
            status: solution.status, objective: solution.objective, iterations: solution.iterations,
            snapshotLabels: snapshots.map(\.label), generators: generatorResults, links: linkResults,
            lines: lineResults, capacities: capacities, existingCapacityCost: net.existingCapacityCost, buses: busResults,
            storage: storageResults,
            stores: storeResults, shedEvents: shedEvents, storedFuelCO2: storedFuelCO2(solution: x),
            carbonPrice: co2Row.map { -duals[$0] },
            greenImportShadowPrice: greenImportRow.map { duals[$0] },
            greenImportShare: externalTotal > 0 ? externalGreen / externalTotal : nil)
    }
}
