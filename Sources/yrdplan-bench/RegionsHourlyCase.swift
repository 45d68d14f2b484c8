import Foundation
import RegionLoading
import RegionModel

/// The delta's own grid (Regions/grid, baseline) stretched from its representative days to the 8,760 hours of a
/// year, with its AC lines under Kirchhoff's law (`regions-8760`) or the same lines as lossless two-way transport
/// links of the same rating (`regions-8760-transport`): the benchmark pair for "Kirchhoff's law costs at most
/// 1.2 × the transport model" (issue 11).
enum RegionsHourlyCase {
    static let names = ["regions-8760", "regions-8760-transport"]

    static func network(_ name: String) throws -> GridNetwork {
        let model = try RegionLoader.load(from: Bench.projectRoot.appendingPathComponent("Regions"))
        guard let grid = model.grid else { throw BenchError.noGrid }
        let network = stretchedToYear(try grid.network(scenario: "baseline"))
        return name.hasSuffix("-transport") ? transport(network) : network
    }

    /// Each representative day (24 snapshots of one month, weight = days in the month) repeated for the days of its
    /// month, weight 1: the same energy and cost as the typical days, in 8,760 hourly snapshots.
    static func stretchedToYear(_ network: GridNetwork) -> GridNetwork {
        var order: [Int] = []
        var start = 0
        while start < network.snapshots.count {
            let month = network.snapshots[start].label.prefix(while: { $0 != "-" })
            var end = start
            while end < network.snapshots.count, network.snapshots[end].label.hasPrefix(month + "-") { end += 1 }
            let days = Int(network.snapshots[start].objectiveWeight.rounded())
            for _ in 0..<max(1, days) { order.append(contentsOf: start..<max(end, start + 1)) }
            start = max(end, start + 1)
        }
        func stretch(_ profile: GridProfile) -> GridProfile {
            guard case .series(let values) = profile else { return profile }
            return .series(order.map { values[$0] })
        }
        var hourly = network
        hourly.name = network.name + " (8760 h)"
        hourly.snapshots = order.enumerated().map { hour, index in
            GridSnapshot(label: "\(network.snapshots[index].label)-d\(hour / 24)")
        }
        func stretch(_ ramp: GridRampLimits?) -> GridRampLimits? {
            ramp.map { GridRampLimits(up: $0.up.map(stretch), down: $0.down.map(stretch), initialPower: $0.initialPower) }
        }
        for i in hourly.generators.indices {
            hourly.generators[i].minPerUnit = stretch(hourly.generators[i].minPerUnit)
            hourly.generators[i].maxPerUnit = stretch(hourly.generators[i].maxPerUnit)
            hourly.generators[i].marginalCost = stretch(hourly.generators[i].marginalCost)
            hourly.generators[i].efficiency = stretch(hourly.generators[i].efficiency)
            hourly.generators[i].ramp = stretch(hourly.generators[i].ramp)
            precondition(hourly.generators[i].fixedOutput.isEmpty, "set points are not stretched")
        }
        for i in hourly.loads.indices { hourly.loads[i].demand = stretch(hourly.loads[i].demand) }
        for i in hourly.links.indices {
            hourly.links[i].minPerUnit = stretch(hourly.links[i].minPerUnit)
            hourly.links[i].maxPerUnit = stretch(hourly.links[i].maxPerUnit)
            hourly.links[i].marginalCost = stretch(hourly.links[i].marginalCost)
            hourly.links[i].efficiency = stretch(hourly.links[i].efficiency)
            for k in hourly.links[i].extraPorts.indices {
                hourly.links[i].extraPorts[k].efficiency = stretch(hourly.links[i].extraPorts[k].efficiency)
            }
            hourly.links[i].ramp = stretch(hourly.links[i].ramp)
            precondition(hourly.links[i].fixedFlow.isEmpty, "set points are not stretched")
        }
        for i in hourly.lines.indices { hourly.lines[i].maxPerUnit = stretch(hourly.lines[i].maxPerUnit) }
        for i in hourly.storageUnits.indices {
            var unit = hourly.storageUnits[i]
            unit.inflow = stretch(unit.inflow)
            unit.efficiencyStore = stretch(unit.efficiencyStore)
            unit.efficiencyDispatch = stretch(unit.efficiencyDispatch)
            unit.marginalCost = stretch(unit.marginalCost)
            unit.maxPerUnit = stretch(unit.maxPerUnit)
            unit.minPerUnit = stretch(unit.minPerUnit)
            unit.spillCost = stretch(unit.spillCost)
            unit.storageCost = stretch(unit.storageCost)
            unit.standingLoss = stretch(unit.standingLoss)
            precondition(
                unit.fixedStateOfCharge.isEmpty && unit.fixedDispatch.isEmpty && unit.fixedCharge.isEmpty
                    && unit.fixedNetOutput.isEmpty, "set points are not stretched")
            hourly.storageUnits[i] = unit
        }
        for i in hourly.stores.indices {
            var store = hourly.stores[i]
            store.minPerUnit = stretch(store.minPerUnit)
            store.maxPerUnit = stretch(store.maxPerUnit)
            store.standingLoss = stretch(store.standingLoss)
            store.marginalCost = stretch(store.marginalCost)
            store.storageCost = stretch(store.storageCost)
            precondition(store.fixedPower.isEmpty && store.fixedEnergy.isEmpty, "set points are not stretched")
            hourly.stores[i] = store
        }
        return hourly
    }

    /// Every line replaced by a two-way lossless link of its rating: the transport model of the same grid.
    static func transport(_ network: GridNetwork) -> GridNetwork {
        var model = network
        model.name = network.name + ", transport"
        model.links += network.lines.map { line in
            guard case .constant(let share) = line.maxPerUnit else {
                preconditionFailure("line \(line.name) has a rating series")
            }
            return GridLink(
                name: line.name, bus0: line.bus0, bus1: line.bus1, nominalPower: line.nominalPower * share,
                minPerUnit: -1, maxPerUnit: 1, origin: line.origin)
        }
        model.lines = []
        return model
    }

    enum BenchError: Error { case noGrid }
}
