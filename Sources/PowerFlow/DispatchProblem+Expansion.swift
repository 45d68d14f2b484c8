import LinearProgramming
import RegionModel

// MARK: - Spill, capacity variables and the rows that tie operation to capacity

extension DispatchProblem {
    /// Spill of storage units with an inflow: leaves the store (× hours), up to the inflow of the snapshot.
    func defineSpill(_ lp: inout LinearProgram) {
        for t in 0..<snapshotCount {
            let wStore = network.snapshots[t].storeWeight
            for s in spillUnits {
                lp.appendColumnEntry(row: stateOfChargeRow(s, t), coefficient: wStore)
                lp.addVariable(lower: 0, upper: max(0, network.storageUnits[s].inflow[t]), cost: 0)
            }
        }
    }

    /// One capacity variable per extendable component (between its minimum and maximum, at its capital cost), then
    /// the rows that bound its operation by it: generators p_min_pu·P ≤ p ≤ p_max_pu·P, links p_min_pu·P ≤ p0 ≤
    /// p_max_pu·P, lines −s_max_pu·S ≤ s ≤ s_max_pu·S, storage units dispatch ≤ P, charge ≤ P, state of charge ≤
    /// max_hours·P.
    mutating func defineCapacities(_ lp: inout LinearProgram) {
        func capacity(_ expansion: GridExpansion?) -> Int? {
            expansion.map { lp.addVariable(lower: $0.minimum, upper: $0.maximum, cost: $0.capitalCost) }
        }
        generatorCapacity = network.generators.map { capacity($0.expansion) }
        linkCapacity = network.links.map { capacity($0.expansion) }
        lineCapacity = network.lines.map { capacity($0.expansion) }
        storageCapacity = network.storageUnits.map { capacity($0.expansion) }

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
                lp.addConstraint([(p, 1), (P, -link.minPerUnit)], lower: 0, upper: .infinity)
                lp.addConstraint([(p, 1), (P, -link.maxPerUnit)], lower: -.infinity, upper: 0)
            }
            for (l, line) in network.lines.enumerated() {
                guard let S = lineCapacity[l] else { continue }
                let s = lineColumn(l, t)
                lp.addConstraint([(s, 1), (S, line.maxPerUnit[t])], lower: 0, upper: .infinity)
                lp.addConstraint([(s, 1), (S, -line.maxPerUnit[t])], lower: -.infinity, upper: 0)
            }
            for (s, unit) in network.storageUnits.enumerated() {
                guard let P = storageCapacity[s] else { continue }
                lp.addConstraint([(dispatchColumn(s, t), 1), (P, -1)], lower: -.infinity, upper: 0)
                lp.addConstraint([(chargeColumn(s, t), 1), (P, -1)], lower: -.infinity, upper: 0)
                lp.addConstraint([(stateOfChargeColumn(s, t), 1), (P, -unit.maxHours)], lower: -.infinity, upper: 0)
            }
        }
    }
}
