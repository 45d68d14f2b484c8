import Diagnostics
import Foundation
import LinearProgramming
import RegionModel

/// The dispatch LP of a `GridNetwork` together with where each variable and row lives.
///
/// Variables, in blocks by type (each block snapshot by snapshot): generator output (MW), link flow p0
/// (MW), storage dispatch, storage charging and state of charge (MW, MW, MWh), load shed per load bus
/// (MW, not bounded by the demand), storage spill (units with inflow), line flow (MW), then one capacity per
/// extendable component. Rows: one nodal balance per bus and snapshot (= demand), one state-of-charge balance per
/// storage unit and snapshot, the optional CO2 cap and green-import rows, one Kirchhoff voltage-law row per cycle of
/// lines and snapshot, then the rows that tie the operation of extendable components to their capacity. Bounds of
/// single variables are column bounds. Objective: Σ_t w_obj(t) · (Σ mc_g p_g + Σ mc_l p0_l + Σ mc_s dispatch_s +
/// VOLL · shed) + Σ capital_cost · capacity over the extendable components.
public struct DispatchProblem: Sendable {
    public let network: GridNetwork
    /// The LP, built by the `define…` steps below in column order.
    public private(set) var program: LinearProgram
    /// Bus index of each generator, load, link end and storage unit.
    public let generatorBus: [Int]
    public let linkBus0: [Int]
    public let linkBus1: [Int]
    public let storageBus: [Int]
    /// Buses that carry load, in bus order.
    public let loadBuses: [Int]
    /// Buses with a shed variable per snapshot: the load buses when shedding is allowed, else none.
    public let shedBuses: [Int]
    /// Demand per bus and snapshot, MW, as `demand[t * busCount + b]`.
    public let demand: [Double]
    /// Rows of the optional global constraints.
    public private(set) var co2Row: Int?
    public private(set) var greenImportRow: Int?
    /// Bus index of each line end.
    public let lineBus0: [Int]
    public let lineBus1: [Int]
    /// The cycle basis of the lines: per cycle, the lines on it with their signed per-unit impedance.
    public let cycles: [[(line: Int, weight: Double)]]
    /// Storage units with an inflow, in unit order (each has a spill variable per snapshot).
    public let spillUnits: [Int]
    /// The capacity variable of each extendable component (nil when its capacity is fixed).
    public internal(set) var generatorCapacity: [Int?] = []
    public internal(set) var linkCapacity: [Int?] = []
    public internal(set) var lineCapacity: [Int?] = []
    public internal(set) var storageCapacity: [Int?] = []
    public internal(set) var storeCapacity: [Int?] = []

    public var snapshotCount: Int { network.snapshots.count }
    public var busCount: Int { network.buses.count }
    var generatorCount: Int { network.generators.count }
    var linkCount: Int { network.links.count }
    var storageCount: Int { network.storageUnits.count }
    var shedCount: Int { shedBuses.count }
    var lineCount: Int { network.lines.count }
    var storeCount: Int { network.stores.count }

    // Type-major layout, as PyPSA/linopy order their LPs: all generator outputs (snapshot by snapshot),
    // then all link flows, storage dispatch, charging, state of charge and shed; rows likewise (all
    // nodal balances, then all storage balances). On yrd-8760 Clp's dual simplex took 18 s on this
    // order against 21 s on a snapshot-by-snapshot interleaving (same machine, release build).
    // The define… steps and the read-back use these same helpers.
    func generatorColumn(_ g: Int, _ t: Int) -> Int { t * generatorCount + g }
    func linkColumn(_ l: Int, _ t: Int) -> Int { snapshotCount * generatorCount + t * linkCount + l }
    func dispatchColumn(_ s: Int, _ t: Int) -> Int { snapshotCount * (generatorCount + linkCount) + t * storageCount + s }
    func chargeColumn(_ s: Int, _ t: Int) -> Int {
        snapshotCount * (generatorCount + linkCount + storageCount) + t * storageCount + s
    }
    func stateOfChargeColumn(_ s: Int, _ t: Int) -> Int {
        snapshotCount * (generatorCount + linkCount + 2 * storageCount) + t * storageCount + s
    }
    func shedColumn(_ k: Int, _ t: Int) -> Int {
        snapshotCount * (generatorCount + linkCount + 3 * storageCount) + t * shedCount + k
    }
    func spillColumn(_ k: Int, _ t: Int) -> Int {
        snapshotCount * (generatorCount + linkCount + 3 * storageCount + shedCount) + t * spillUnits.count + k
    }
    func lineColumn(_ l: Int, _ t: Int) -> Int {
        snapshotCount * (generatorCount + linkCount + 3 * storageCount + shedCount + spillUnits.count) + t * lineCount + l
    }
    func storePowerColumn(_ k: Int, _ t: Int) -> Int {
        snapshotCount * (generatorCount + linkCount + 3 * storageCount + shedCount + spillUnits.count + lineCount)
            + t * storeCount + k
    }
    func storeEnergyColumn(_ k: Int, _ t: Int) -> Int {
        snapshotCount * (generatorCount + linkCount + 3 * storageCount + shedCount + spillUnits.count + lineCount + storeCount)
            + t * storeCount + k
    }
    func balanceRow(_ b: Int, _ t: Int) -> Int { t * busCount + b }
    func stateOfChargeRow(_ s: Int, _ t: Int) -> Int { snapshotCount * busCount + t * storageCount + s }
    func cycleRow(_ c: Int, _ t: Int) -> Int { firstCycleRow + t * cycles.count + c }
    func storeRow(_ k: Int, _ t: Int) -> Int { firstCycleRow + snapshotCount * cycles.count + t * storeCount + k }
    /// The first Kirchhoff voltage-law row (after the global constraints).
    private var firstCycleRow = 0

    /// Validates `network` (every problem at once) and builds its LP; with `allowShedding` false the LP
    /// has no shed variables, so load that no supply can meet makes it infeasible.
    public init(network: GridNetwork, allowShedding: Bool = true) throws(DispatchFailure) {
        let problems = network.validate()
        if problems.contains(where: { $0.severity == .error }) {
            throw .invalidNetwork(DiagnosticsError(problems))
        }
        self.network = network
        var busIndex: [String: Int] = [:]
        for (i, bus) in network.buses.enumerated() { busIndex[bus.name] = i }
        generatorBus = network.generators.map { busIndex[$0.bus]! }
        linkBus0 = network.links.map { busIndex[$0.bus0]! }
        linkBus1 = network.links.map { busIndex[$0.bus1]! }
        storageBus = network.storageUnits.map { busIndex[$0.bus]! }
        lineBus0 = network.lines.map { busIndex[$0.bus0]! }
        lineBus1 = network.lines.map { busIndex[$0.bus1]! }
        cycles = Self.cycleBasis(network, lineBus0: lineBus0, lineBus1: lineBus1)
        spillUnits = network.storageUnits.indices.filter { s in
            (0..<network.snapshots.count).contains { network.storageUnits[s].inflow[$0] > 0 }
        }

        let nT = network.snapshots.count
        let nB = network.buses.count
        var demand = [Double](repeating: 0, count: nT * nB)
        var hasLoad = [Bool](repeating: false, count: nB)
        for load in network.loads {
            let b = busIndex[load.bus]!
            hasLoad[b] = true
            for t in 0..<nT { demand[t * nB + b] += load.demand[t] }
        }
        loadBuses = (0..<nB).filter { hasLoad[$0] }
        shedBuses = allowShedding ? loadBuses : []
        self.demand = demand
        program = LinearProgram(sense: .minimize)

        // Rows first (bounds only), then columns streaming their entries in column order, one block per type.
        var lp = LinearProgram(sense: .minimize)
        let nG = network.generators.count
        let nL = network.links.count
        let nS = network.storageUnits.count
        let globalRows = (network.co2Cap == nil ? 0 : 1) + (network.greenImportShare == nil ? 0 : 1)
        lp.reserveCapacity(
            variables: nT * (nG + nL + 3 * nS + shedBuses.count), constraints: nT * (nB + nS) + globalRows,
            nonZeros: nT * (nG * 3 + nL * 2 + nS * 6 + shedBuses.count))
        defineBalanceRows(&lp)
        defineStorageRows(&lp)
        co2Row = network.co2Cap.map { lp.addConstraint(lower: -.infinity, upper: $0 - storedFuelCO2()) }
        greenImportRow = network.greenImportShare.map { _ in lp.addConstraint(lower: 0, upper: .infinity) }
        firstCycleRow = lp.constraintCount
        for _ in 0..<(nT * cycles.count) { lp.addConstraint(lower: 0, upper: 0) }
        defineStoreRows(&lp)
        defineGenerators(&lp)
        defineLinks(&lp)
        defineStorage(&lp)
        defineShedding(&lp)
        defineSpill(&lp)
        defineLines(&lp)
        defineStores(&lp)
        defineCapacities(&lp)
        defineEnergySums(&lp)
        defineRampLimits(&lp)
        defineStorageNetOutputs(&lp)
        program = lp
    }

    // MARK: - The define… steps (as PyPSA's define_* functions), in column order

    /// One nodal balance per bus and snapshot: injections − withdrawals = demand.
    func defineBalanceRows(_ lp: inout LinearProgram) {
        for t in 0..<snapshotCount {
            for b in 0..<busCount {
                let d = demand[balanceRow(b, t)]
                lp.addConstraint(lower: d, upper: d)
            }
        }
    }

    /// One state-of-charge balance per storage unit and snapshot: the inflow (× hours) on the right, and on the first
    /// row of a unit that is not cyclic its initial charge (PyPSA applies no standing loss to it).
    func defineStorageRows(_ lp: inout LinearProgram) {
        for t in 0..<snapshotCount {
            let wStore = network.snapshots[t].storeWeight
            for unit in network.storageUnits {
                let initial =
                    (t == 0 && !unit.cyclicStateOfCharge) ? unit.initialStateOfCharge : 0
                let rhs = initial + wStore * unit.inflow[t]
                lp.addConstraint(lower: rhs, upper: rhs)
            }
        }
    }

    /// The share of stored energy left after `hours` of a standing loss per hour: (1 − standing_loss)^hours.
    static func retained(standingLoss: Double, hours: Double) -> Double {
        standingLoss == 0 ? 1 : pow(1 - standingLoss, hours)
    }

    /// Column bounds narrowed to a fixed value (a PyPSA set point) where there is one; a set point outside the bounds
    /// leaves lower above upper, which Clp reports as infeasible, as PyPSA's solver does.
    static func bounds(_ lower: Double, _ upper: Double, fixed: Double?) -> (lower: Double, upper: Double) {
        guard let fixed else { return (lower, upper) }
        return (max(lower, fixed), min(upper, fixed))
    }

    /// Generator output: feeds its bus's balance; counts in the CO2 cap (t CO2 per MWh of primary energy ÷
    /// efficiency) and in the green-import row at external buses; bounded by availability × capacity.
    func defineGenerators(_ lp: inout LinearProgram) {
        let carriers = Dictionary(network.carriers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let generators = network.generators
        let generatorCO2 = generators.map { carriers[$0.carrier]?.co2PerPrimaryMWh ?? 0 }
        let externalBus = network.buses.map(\.isExternal)
        let greenShare = network.greenImportShare?.minimumShare
        for t in 0..<snapshotCount {
            let wObj = network.snapshots[t].objectiveWeight
            let wGen = network.snapshots[t].generatorWeight
            for g in generators.indices {
                let generator = generators[g]
                lp.appendColumnEntry(row: balanceRow(generatorBus[g], t), coefficient: 1)
                if let co2Row, generatorCO2[g] != 0 {
                    lp.appendColumnEntry(row: co2Row, coefficient: wGen * generatorCO2[g] / generator.efficiency[t])
                }
                if let greenImportRow, let greenShare, externalBus[generatorBus[g]] {
                    let green = carriers[generator.carrier]?.isRenewable == true ? 1.0 : 0.0
                    lp.appendColumnEntry(row: greenImportRow, coefficient: wGen * (green - greenShare))
                }
                let pNom = generator.nominalPower
                // Bounded by rows against the capacity variable when extendable (defineCapacities); p_min_pu ≥ 0 makes p ≥ 0.
                let (lower, upper) =
                    generator.expansion == nil
                    ? Self.bounds(pNom * generator.minPerUnit[t], pNom * generator.maxPerUnit[t], fixed: generator.fixedOutput[t])
                    : Self.bounds(0, .infinity, fixed: generator.fixedOutput[t])
                lp.addVariable(lower: lower, upper: upper, cost: wObj * generator.marginalCost[t])
            }
        }
    }

    /// Link flow p0 from bus0: leaves bus0, arrives at bus1 times the efficiency (and at further ports times
    /// theirs); between p_nom·p_min_pu and p_nom·p_max_pu. Entries in row order.
    func defineLinks(_ lp: inout LinearProgram) {
        let busIndex = Dictionary(network.buses.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let portBuses = network.links.map { $0.extraPorts.map { busIndex[$0.bus]! } }
        for t in 0..<snapshotCount {
            let wObj = network.snapshots[t].objectiveWeight
            for (l, link) in network.links.enumerated() {
                var coefficients: [Int: Double] = [balanceRow(linkBus0[l], t): -1]
                coefficients[balanceRow(linkBus1[l], t), default: 0] += link.efficiency[t]
                for (port, b) in zip(link.extraPorts, portBuses[l]) {
                    coefficients[balanceRow(b, t), default: 0] += port.efficiency[t]
                }
                for (row, coefficient) in coefficients.sorted(by: { $0.key < $1.key }) where coefficient != 0 {
                    lp.appendColumnEntry(row: row, coefficient: coefficient)
                }
                let (lower, upper) =
                    link.expansion == nil
                    ? Self.bounds(
                        link.minPerUnit[t] * link.nominalPower, link.maxPerUnit[t] * link.nominalPower, fixed: link.fixedFlow[t])
                    : Self.bounds(link.minPerUnit[t] >= 0 ? 0 : -.infinity, .infinity, fixed: link.fixedFlow[t])
                lp.addVariable(lower: lower, upper: upper, cost: wObj * link.marginalCost[t])
            }
        }
    }

    /// Storage: dispatch (feeds the bus, drains the store by 1/η_dispatch), charging (draws from the bus, fills
    /// the store by η_store) and the state of charge at the end of each snapshot (cyclic wraps around).
    func defineStorage(_ lp: inout LinearProgram) {
        let storage = network.storageUnits
        let storageCO2 = Dictionary(network.carriers.map { ($0.name, $0.co2PerPrimaryMWh) }, uniquingKeysWith: { a, _ in a })
        let nT = snapshotCount
        for t in 0..<nT {
            let wObj = network.snapshots[t].objectiveWeight
            let wStore = network.snapshots[t].storeWeight
            for (s, unit) in storage.enumerated() {
                lp.appendColumnEntry(row: balanceRow(storageBus[s], t), coefficient: 1)
                lp.appendColumnEntry(row: stateOfChargeRow(s, t), coefficient: wStore / unit.efficiencyDispatch[t])
                // PyPSA: dispatch ≤ p_max_pu·p_nom (rows against the capacity variable when extendable).
                let (lower, upper) = Self.bounds(
                    0, unit.expansion == nil ? unit.maxPerUnit[t] * unit.nominalPower : .infinity, fixed: unit.fixedDispatch[t])
                lp.addVariable(lower: lower, upper: upper, cost: wObj * unit.marginalCost[t])
            }
        }
        for t in 0..<nT {
            let wStore = network.snapshots[t].storeWeight
            for (s, unit) in storage.enumerated() {
                lp.appendColumnEntry(row: balanceRow(storageBus[s], t), coefficient: -1)
                lp.appendColumnEntry(row: stateOfChargeRow(s, t), coefficient: -wStore * unit.efficiencyStore[t])
                // PyPSA: charging ≤ −p_min_pu·p_nom.
                let (lower, upper) = Self.bounds(
                    0, unit.expansion == nil ? -unit.minPerUnit[t] * unit.nominalPower : .infinity, fixed: unit.fixedCharge[t])
                lp.addVariable(lower: lower, upper: upper, cost: 0)
            }
        }
        // soc_t − (1 − standing_loss(t))^w(t) · soc_{t−1} + … = inflow; the loss of snapshot t applies on the way into it.
        func retained(_ unit: GridStorageUnit, _ t: Int) -> Double {
            Self.retained(standingLoss: unit.standingLoss[t], hours: network.snapshots[t].storeWeight)
        }
        for t in 0..<nT {
            let wObj = network.snapshots[t].objectiveWeight
            for (s, unit) in storage.enumerated() {
                let cyclicWrap = t + 1 == nT && unit.cyclicStateOfCharge && nT > 1
                if cyclicWrap {
                    // soc_{T−1} appears in row 0 (as soc_{−1}) before its own row T−1.
                    lp.appendColumnEntry(row: stateOfChargeRow(s, 0), coefficient: -retained(unit, 0))
                }
                // With one cyclic snapshot soc − retained·soc is one entry (none without standing loss).
                let own = unit.cyclicStateOfCharge && nT == 1 ? 1 - retained(unit, 0) : 1
                if own != 0 {
                    lp.appendColumnEntry(row: stateOfChargeRow(s, t), coefficient: own)
                }
                if t + 1 < nT {
                    lp.appendColumnEntry(row: stateOfChargeRow(s, t + 1), coefficient: -retained(unit, t + 1))
                }
                // PyPSA's primary-energy limit counts what a non-cyclic unit of an emitting carrier ends below its start.
                if t + 1 == nT, let co2Row, !unit.cyclicStateOfCharge, let co2 = storageCO2[unit.carrier], co2 != 0 {
                    lp.appendColumnEntry(row: co2Row, coefficient: -co2)
                }
                let upper = unit.expansion == nil ? unit.nominalPower * unit.maxHours : .infinity
                let (lower, fixedUpper) = Self.bounds(0, upper, fixed: unit.fixedStateOfCharge[t])
                // PyPSA's marginal_cost_storage is paid on the state of charge (objective weighting).
                lp.addVariable(lower: lower, upper: fixedUpper, cost: wObj * unit.storageCost[t])
            }
        }
    }

    /// Load shed at the value of lost load. Shed is not bounded by the demand (like PyPSA's load-shedding
    /// generators): the price then never exceeds VOLL, and shedding more than the local demand is never cheaper
    /// than shedding where the power is missing.
    func defineShedding(_ lp: inout LinearProgram) {
        for t in 0..<snapshotCount {
            let wObj = network.snapshots[t].objectiveWeight
            for b in shedBuses {
                lp.appendColumnEntry(row: balanceRow(b, t), coefficient: 1)
                lp.addVariable(lower: 0, upper: .infinity, cost: wObj * network.valueOfLostLoad)
            }
        }
    }
}
