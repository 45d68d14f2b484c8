import Foundation
import LinearProgramming
import RegionModel

// MARK: - Spill, capacity variables and the rows that tie operation to capacity

extension DispatchProblem {
    /// Limits on the energy a generator produces over the period: e_sum_min ≤ Σ_t w_gen(t)·p_t ≤ e_sum_max.
    func defineEnergySums(_ lp: inout LinearProgram) {
        for (g, generator) in network.generators.enumerated()
        where generator.minEnergy > -.infinity || generator.maxEnergy < .infinity {
            let terms = (0..<snapshotCount).map { t in (generatorColumn(g, t), network.snapshots[t].generatorWeight) }
            lp.addConstraint(terms, lower: generator.minEnergy, upper: generator.maxEnergy)
        }
    }

    /// Spill of storage units with an inflow: leaves the store (× hours), up to the inflow of the snapshot.
    func defineSpill(_ lp: inout LinearProgram) {
        for t in 0..<snapshotCount {
            let wStore = network.snapshots[t].storeWeight
            for s in spillUnits {
                lp.appendColumnEntry(row: stateOfChargeRow(s, t), coefficient: wStore)
                let unit = network.storageUnits[s]
                lp.addVariable(
                    lower: 0, upper: max(0, unit.inflow[t]), cost: network.snapshots[t].objectiveWeight * unit.spillCost[t])
            }
        }
    }

    /// One capacity variable per extendable component (between its minimum and maximum, at its capital cost), then
    /// the rows that bound its operation by it: generators p_min_pu·P ≤ p ≤ p_max_pu·P, links p_min_pu·P ≤ p0 ≤
    /// p_max_pu·P, lines −s_max_pu·S ≤ s ≤ s_max_pu·S, storage units dispatch ≤ P, charge ≤ P, state of charge ≤
    /// max_hours·P, stores e_min_pu·E ≤ e ≤ e_max_pu·E.
    mutating func defineCapacities(_ lp: inout LinearProgram) {
        func capacity(_ expansion: GridExpansion?) -> Int? {
            expansion.map { expansion in
                // PyPSA's *_nom_set adds capacity = set to the bounds (a set value outside them is infeasible there too).
                let (lower, upper) = Self.bounds(expansion.minimum, expansion.maximum, fixed: expansion.fixed)
                return lp.addVariable(lower: lower, upper: upper, cost: expansion.capitalCost)
            }
        }
        generatorCapacity = network.generators.map { capacity($0.expansion) }
        linkCapacity = network.links.map { capacity($0.expansion) }
        lineCapacity = network.lines.map { capacity($0.expansion) }
        storageCapacity = network.storageUnits.map { capacity($0.expansion) }
        storeCapacity = network.stores.map { capacity($0.expansion) }

        for t in 0..<snapshotCount {
            for (g, generator) in network.generators.enumerated() {
                guard let P = generatorCapacity[g] else { continue }
                let p = generatorColumn(g, t)
                lp.addConstraint([(p, 1), (P, -generator.minPerUnit[t])], lower: 0, upper: .infinity)
                lp.addConstraint([(p, 1), (P, -generator.maxPerUnit[t])], lower: -.infinity, upper: 0)
            }
            for (l, link) in network.links.enumerated() {
                guard let P = linkCapacity[l] else { continue }
                let p = linkColumn(l, t)
                lp.addConstraint([(p, 1), (P, -link.minPerUnit[t])], lower: 0, upper: .infinity)
                lp.addConstraint([(p, 1), (P, -link.maxPerUnit[t])], lower: -.infinity, upper: 0)
            }
            for (l, line) in network.lines.enumerated() {
                guard let S = lineCapacity[l] else { continue }
                let s = lineColumn(l, t)
                lp.addConstraint([(s, 1), (S, line.maxPerUnit[t])], lower: 0, upper: .infinity)
                lp.addConstraint([(s, 1), (S, -line.maxPerUnit[t])], lower: -.infinity, upper: 0)
            }
            for (s, unit) in network.storageUnits.enumerated() {
                guard let P = storageCapacity[s] else { continue }
                lp.addConstraint([(dispatchColumn(s, t), 1), (P, -unit.maxPerUnit[t])], lower: -.infinity, upper: 0)
                lp.addConstraint([(chargeColumn(s, t), 1), (P, unit.minPerUnit[t])], lower: -.infinity, upper: 0)
                lp.addConstraint([(stateOfChargeColumn(s, t), 1), (P, -unit.maxHours)], lower: -.infinity, upper: 0)
            }
            for (k, store) in network.stores.enumerated() {
                guard let E = storeCapacity[k] else { continue }
                let e = storeEnergyColumn(k, t)
                lp.addConstraint([(e, 1), (E, -store.minPerUnit[t])], lower: 0, upper: .infinity)
                lp.addConstraint([(e, 1), (E, -store.maxPerUnit[t])], lower: -.infinity, upper: 0)
            }
        }
    }
}

// MARK: - Stores

extension DispatchProblem {
    /// One energy balance per store and snapshot: e_t − (1 − standing_loss)^w(t) · e_{t−1} + w(t) · p_t = e_initial on
    /// the first row of a store that is not cyclic (PyPSA applies no standing loss to it), else 0.
    func defineStoreRows(_ lp: inout LinearProgram) {
        for t in 0..<snapshotCount {
            for store in network.stores {
                let rhs = t == 0 && !store.cyclic ? store.initialEnergy : 0
                lp.addConstraint(lower: rhs, upper: rhs)
            }
        }
    }

    /// The carbon PyPSA's primary-energy limit charges to stored fuel: Σ co2 · (initial − final level) over the storage
    /// units and stores of emitting carriers that are not cyclic, the final levels read from the solution `x`. Without
    /// `x`, the initial part alone: it comes off the cap, and the final level enters the CO2 row with −co2.
    func storedFuelCO2(solution x: [Double]? = nil) -> Double {
        let co2 = Dictionary(network.carriers.map { ($0.name, $0.co2PerPrimaryMWh) }, uniquingKeysWith: { a, _ in a })
        let last = snapshotCount - 1
        var total = 0.0
        for (s, unit) in network.storageUnits.enumerated() where !unit.cyclicStateOfCharge {
            total += (co2[unit.carrier] ?? 0) * (unit.initialStateOfCharge - (x.map { $0[stateOfChargeColumn(s, last)] } ?? 0))
        }
        for (k, store) in network.stores.enumerated() where !store.cyclic {
            total += (co2[store.carrier] ?? 0) * (store.initialEnergy - (x.map { $0[storeEnergyColumn(k, last)] } ?? 0))
        }
        return total
    }

    /// Net output of storage units fixed by PyPSA's p_set: dispatch − charge = p_set in the snapshots that give one.
    func defineStorageNetOutputs(_ lp: inout LinearProgram) {
        for (s, unit) in network.storageUnits.enumerated() {
            for (t, value) in unit.fixedNetOutput.sorted(by: { $0.key < $1.key }) {
                lp.addConstraint([(dispatchColumn(s, t), 1), (chargeColumn(s, t), -1)], lower: value, upper: value)
            }
        }
    }

    /// Store power p (into the bus, any sign, at its marginal cost) and energy e (between e_nom·e_min_pu and
    /// e_nom·e_max_pu, or rows against the capacity variable when extendable).
    func defineStores(_ lp: inout LinearProgram) {
        let busIndex = Dictionary(network.buses.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let nT = snapshotCount
        for t in 0..<nT {
            let snapshot = network.snapshots[t]
            for (k, store) in network.stores.enumerated() {
                lp.appendColumnEntry(row: balanceRow(busIndex[store.bus]!, t), coefficient: 1)
                lp.appendColumnEntry(row: storeRow(k, t), coefficient: snapshot.storeWeight)
                let (lower, upper) = Self.bounds(-.infinity, .infinity, fixed: store.fixedPower[t])
                lp.addVariable(lower: lower, upper: upper, cost: snapshot.objectiveWeight * store.marginalCost[t])
            }
        }
        func retained(_ store: GridStore, _ t: Int) -> Double {
            Self.retained(standingLoss: store.standingLoss[t], hours: network.snapshots[t].storeWeight)
        }
        let co2 = Dictionary(network.carriers.map { ($0.name, $0.co2PerPrimaryMWh) }, uniquingKeysWith: { a, _ in a })
        for t in 0..<nT {
            let wObj = network.snapshots[t].objectiveWeight
            for (k, store) in network.stores.enumerated() {
                // PyPSA's primary-energy limit counts what a non-cyclic store of an emitting carrier ends below its start
                // (the CO2 row comes before the store rows).
                if t + 1 == nT, let co2Row, !store.cyclic, let rate = co2[store.carrier], rate != 0 {
                    lp.appendColumnEntry(row: co2Row, coefficient: -rate)
                }
                if t + 1 == nT && store.cyclic && nT > 1 {
                    lp.appendColumnEntry(row: storeRow(k, 0), coefficient: -retained(store, 0))
                }
                let own = store.cyclic && nT == 1 ? 1 - retained(store, 0) : 1
                if own != 0 { lp.appendColumnEntry(row: storeRow(k, t), coefficient: own) }
                if t + 1 < nT {
                    lp.appendColumnEntry(row: storeRow(k, t + 1), coefficient: -retained(store, t + 1))
                }
                let (lower, upper) =
                    store.expansion == nil
                    ? Self.bounds(
                        store.nominalEnergy * store.minPerUnit[t], store.nominalEnergy * store.maxPerUnit[t],
                        fixed: store.fixedEnergy[t])
                    : Self.bounds(-.infinity, .infinity, fixed: store.fixedEnergy[t])
                // PyPSA's marginal_cost_storage is paid on the energy level (objective weighting).
                lp.addVariable(lower: lower, upper: upper, cost: wObj * store.storageCost[t])
            }
        }
    }
}
