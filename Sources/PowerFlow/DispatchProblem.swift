import LinearProgramming
import RegionModel

/// The dispatch LP of a `GridNetwork` together with where each variable and row lives.
///
/// Variables, per snapshot t in order: generator output (MW), link flow p0 (MW), storage dispatch,
/// storage charging and state of charge (MW, MW, MWh), load shed per load bus (MW). Rows, per snapshot:
/// one nodal balance per bus (= demand) and one state-of-charge balance per storage unit; then the
/// optional CO2 cap and green-import rows. Bounds of single variables are column bounds.
/// Objective (yuan): Σ_t w_obj(t) · (Σ mc_g p_g + Σ mc_l p0_l + Σ mc_s dispatch_s + VOLL · shed).
public struct DispatchProblem: Sendable {
    public let network: GridNetwork
    public let program: LinearProgram
    /// Bus index of each generator, load, link end and storage unit.
    public let generatorBus: [Int]
    public let linkBus0: [Int]
    public let linkBus1: [Int]
    public let storageBus: [Int]
    /// Buses that carry load, in bus order; each has a shed variable per snapshot.
    public let loadBuses: [Int]
    /// Demand per bus and snapshot, MW, as `demand[t * busCount + b]`.
    public let demand: [Double]
    /// Rows of the optional global constraints.
    public let co2Row: Int?
    public let greenImportRow: Int?

    public var snapshotCount: Int { network.snapshots.count }
    public var busCount: Int { network.buses.count }
    var generatorCount: Int { network.generators.count }
    var linkCount: Int { network.links.count }
    var storageCount: Int { network.storageUnits.count }
    /// Variables per snapshot.
    var columnsPerSnapshot: Int { generatorCount + linkCount + 3 * storageCount + loadBuses.count }
    /// Rows per snapshot.
    var rowsPerSnapshot: Int { busCount + storageCount }

    func generatorColumn(_ g: Int, _ t: Int) -> Int { t * columnsPerSnapshot + g }
    func linkColumn(_ l: Int, _ t: Int) -> Int { t * columnsPerSnapshot + generatorCount + l }
    func dispatchColumn(_ s: Int, _ t: Int) -> Int { t * columnsPerSnapshot + generatorCount + linkCount + 3 * s }
    func chargeColumn(_ s: Int, _ t: Int) -> Int { dispatchColumn(s, t) + 1 }
    func stateOfChargeColumn(_ s: Int, _ t: Int) -> Int { dispatchColumn(s, t) + 2 }
    func shedColumn(_ k: Int, _ t: Int) -> Int {
        t * columnsPerSnapshot + generatorCount + linkCount + 3 * storageCount + k
    }
    func balanceRow(_ b: Int, _ t: Int) -> Int { t * rowsPerSnapshot + b }
    func stateOfChargeRow(_ s: Int, _ t: Int) -> Int { t * rowsPerSnapshot + busCount + s }

    /// Builds the LP of a validated network (call `GridNetwork.validate()` first: names must resolve).
    public init(network: GridNetwork) {
        self.network = network
        let buses = network.buses
        var busIndex: [String: Int] = [:]
        for (i, bus) in buses.enumerated() { busIndex[bus.name] = i }
        let carriers = Dictionary(network.carriers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        generatorBus = network.generators.map { busIndex[$0.bus]! }
        linkBus0 = network.links.map { busIndex[$0.bus0]! }
        linkBus1 = network.links.map { busIndex[$0.bus1]! }
        storageBus = network.storageUnits.map { busIndex[$0.bus]! }

        let snapshots = network.snapshots
        let nT = snapshots.count
        let nB = buses.count
        var demand = [Double](repeating: 0, count: nT * nB)
        var hasLoad = [Bool](repeating: false, count: nB)
        for load in network.loads {
            let b = busIndex[load.bus]!
            hasLoad[b] = true
            for t in 0..<nT { demand[t * nB + b] += load.demand[t] }
        }
        loadBuses = (0..<nB).filter { hasLoad[$0] }
        self.demand = demand

        let generators = network.generators
        let links = network.links
        let storage = network.storageUnits
        let nG = generators.count
        let nL = links.count
        let nS = storage.count
        let rowsPerSnapshot = nB + nS
        let generatorCO2 = generators.map { generator -> Double in
            (carriers[generator.carrier]?.co2PerPrimaryMWh ?? 0) / generator.efficiency
        }
        let externalBus = buses.map(\.isExternal)
        let greenShare = network.greenImportShare?.minimumShare

        var lp = LinearProgram(sense: .minimize)
        let columns = nT * (nG + nL + 3 * nS + loadBuses.count)
        let globalRows = (network.co2Cap == nil ? 0 : 1) + (greenShare == nil ? 0 : 1)
        lp.reserveCapacity(
            variables: columns, constraints: nT * rowsPerSnapshot + globalRows,
            nonZeros: nT * (nG * 3 + nL * 2 + nS * 6 + loadBuses.count))

        // Rows first (bounds only); columns then stream their entries in column order.
        for t in 0..<nT {
            for b in 0..<nB {
                let d = demand[t * nB + b]
                lp.addConstraint(lower: d, upper: d)
            }
            for unit in storage {
                let initial = (t == 0 && !unit.cyclicStateOfCharge) ? unit.initialStateOfCharge : 0
                lp.addConstraint(lower: initial, upper: initial)
            }
        }
        co2Row = network.co2Cap.map { lp.addConstraint(lower: -.infinity, upper: $0) }
        greenImportRow = greenShare.map { _ in lp.addConstraint(lower: 0, upper: .infinity) }

        for t in 0..<nT {
            let snapshot = snapshots[t]
            let wObj = snapshot.objectiveWeight
            let wGen = snapshot.generatorWeight
            let wStore = snapshot.storeWeight
            let rowBase = t * rowsPerSnapshot
            for g in 0..<nG {
                let generator = generators[g]
                lp.appendColumnEntry(row: rowBase + generatorBus[g], coefficient: 1)
                if let co2Row, generatorCO2[g] != 0 {
                    lp.appendColumnEntry(row: co2Row, coefficient: wGen * generatorCO2[g])
                }
                if let greenImportRow, let greenShare, externalBus[generatorBus[g]] {
                    let green = carriers[generator.carrier]?.isRenewable == true ? 1.0 : 0.0
                    lp.appendColumnEntry(row: greenImportRow, coefficient: wGen * (green - greenShare))
                }
                let pNom = generator.nominalPower
                lp.addVariable(
                    lower: pNom * generator.minPerUnit[t], upper: pNom * generator.maxPerUnit[t],
                    cost: wObj * generator.marginalCost)
            }
            for l in 0..<nL {
                let link = links[l]
                lp.appendColumnEntry(row: rowBase + linkBus0[l], coefficient: -1)
                lp.appendColumnEntry(row: rowBase + linkBus1[l], coefficient: link.efficiency)
                lp.addVariable(lower: 0, upper: link.nominalPower, cost: wObj * link.marginalCost)
            }
            for s in 0..<nS {
                let unit = storage[s]
                let socRow = rowBase + nB + s
                // Dispatch: feeds the bus, drains the store by 1/η_dispatch.
                lp.appendColumnEntry(row: rowBase + storageBus[s], coefficient: 1)
                lp.appendColumnEntry(row: socRow, coefficient: wStore / unit.efficiencyDispatch)
                lp.addVariable(lower: 0, upper: unit.nominalPower, cost: wObj * unit.marginalCost)
                // Charging: draws from the bus, fills the store by η_store.
                lp.appendColumnEntry(row: rowBase + storageBus[s], coefficient: -1)
                lp.appendColumnEntry(row: socRow, coefficient: -wStore * unit.efficiencyStore)
                lp.addVariable(lower: 0, upper: unit.nominalPower, cost: 0)
                // State of charge at the end of t: soc_t − soc_{t−1} + … = 0 (cyclic wraps around).
                // With one cyclic snapshot soc − soc cancels: the column has no entry at all.
                if !(unit.cyclicStateOfCharge && nT == 1) {
                    lp.appendColumnEntry(row: socRow, coefficient: 1)
                }
                if t + 1 < nT {
                    lp.appendColumnEntry(row: socRow + rowsPerSnapshot, coefficient: -1)
                } else if unit.cyclicStateOfCharge && nT > 1 {
                    lp.appendColumnEntry(row: nB + s, coefficient: -1)
                }
                lp.addVariable(lower: 0, upper: unit.nominalPower * unit.maxHours, cost: 0)
            }
            for b in loadBuses {
                lp.appendColumnEntry(row: rowBase + b, coefficient: 1)
                lp.addVariable(
                    lower: 0, upper: max(0, demand[t * nB + b]), cost: wObj * network.valueOfLostLoad)
            }
        }
        program = lp
    }
}
