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
        for i in hourly.generators.indices {
            hourly.generators[i].minPerUnit = stretch(hourly.generators[i].minPerUnit)
            hourly.generators[i].maxPerUnit = stretch(hourly.generators[i].maxPerUnit)
        }
        for i in hourly.loads.indices { hourly.loads[i].demand = stretch(hourly.loads[i].demand) }
        for i in hourly.lines.indices { hourly.lines[i].maxPerUnit = stretch(hourly.lines[i].maxPerUnit) }
        for i in hourly.storageUnits.indices {
            hourly.storageUnits[i].inflow = stretch(hourly.storageUnits[i].inflow)
            precondition(hourly.storageUnits[i].fixedStateOfCharge.isEmpty, "fixed states of charge are not stretched")
        }
        for i in hourly.stores.indices {
            hourly.stores[i].minPerUnit = stretch(hourly.stores[i].minPerUnit)
            hourly.stores[i].maxPerUnit = stretch(hourly.stores[i].maxPerUnit)
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
