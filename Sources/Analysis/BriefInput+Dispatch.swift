import PowerFlow
import RegionModel

// MARK: - Corridor flows from the power dispatch (pure: the caller loads Regions/grid and solves).

extension BriefInput {
    /// The corridors' annual flows of a solved dispatch: energy delivered per link direction and per AC line
    /// direction (TWh), the share of hours at capacity in that direction, origin and destination as province ids or
    /// external supply regions. Directions that carried nothing, and links within one province, are left out.
    /// `plannedFrom` gives the first year of each link or line the scenario adds (absent from the grid's observed
    /// year): those corridors are labelled planned.
    public static func corridors(_ dispatch: ScenarioDispatch, gridPath: String, plannedFrom: [String: Int] = [:]) -> [CorridorFlow] {
        let network = dispatch.network
        let result = dispatch.result
        let hours = network.snapshots.reduce(0) { $0 + $1.objectiveWeight }
        let buses = Dictionary(network.buses.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let citation = dispatchCitation(dispatch, gridPath: gridPath)
        var used = Set<String>()
        func corridor(
            _ name: String, component: String, from: String, to: String, deliveredMWh: Double, congestedHours: Double
        ) -> CorridorFlow? {
            let delivered = deliveredMWh / 1e6
            // A link inside one province (its grid and its interprovincial AC backbone bus) is no corridor.
            guard delivered > 1e-9, let from = buses[from], let to = buses[to], placeID(from) != placeID(to) else { return nil }
            var id = slug(name)
            while !used.insert(id).inserted { id += "-2" }
            return CorridorFlow(
                id: id, from: placeID(from), to: placeID(to), flow: Figure(delivered, unit: TWh.symbol, citation),
                congestion: hours > 0 ? congestedHours / hours : nil, name: name, plannedFrom: plannedFrom[component],
                scenario: dispatch.scenario)
        }
        let links = result.links.compactMap { link in
            corridor(
                link.name, component: link.name, from: link.bus0, to: link.bus1, deliveredMWh: link.energyDeliveredMWh,
                congestedHours: link.congestedHours)
        }
        // An AC line is a corridor each way: the energy it carried in that direction and the hours it sat at its rating
        // in that direction (Kirchhoff's voltage law decides the split, so both directions may carry power in a year).
        // A line's ends are named by the province bus of their region (`AH` for the backbone bus `AH_AC`).
        let loaded = Set(network.loads.map(\.bus))
        var provinceBus: [String: String] = [:]
        for bus in network.buses where loaded.contains(bus.name) { if let region = bus.region { provinceBus[region] = bus.name } }
        func label(_ name: String) -> String { buses[name]?.region.flatMap { provinceBus[$0] } ?? name }
        let lines = LineFlowSummary.summaries(network: network, result: result).flatMap { line in
            [
                corridor(
                    "\(line.name) \(label(line.bus0))->\(label(line.bus1))", component: line.name, from: line.bus0, to: line.bus1,
                    deliveredMWh: line.forwardMWh, congestedHours: line.hoursAtLimitForward),
                corridor(
                    "\(line.name) \(label(line.bus1))->\(label(line.bus0))", component: line.name, from: line.bus1, to: line.bus0,
                    deliveredMWh: line.backwardMWh, congestedHours: line.hoursAtLimitBackward),
            ].compactMap { $0 }
        }
        return links + lines
    }

    /// The CO2 intensity of the power each province receives over links (t CO2/MWh, traced by proportional
    /// sharing in the dispatch), by province id; provinces that import nothing are absent.
    public static func importFactors(_ dispatch: ScenarioDispatch, gridPath: String) -> [String: Figure] {
        let citation = dispatchCitation(dispatch, gridPath: gridPath)
        var factors: [String: Figure] = [:]
        // The province's own bus (with its load), not its interprovincial backbone bus, which shares the region.
        for bus in dispatch.result.buses where !bus.isExternal && bus.demandMWh > 0 {
            guard let region = bus.region, let factor = bus.importEmissionFactor else { continue }
            factors[region] = Figure(factor, unit: TonnesCO2PerMWh.symbol, citation)
        }
        return factors
    }

    /// The provenance of a dispatch's figures: the grid scenario and the year it describes (its overlay's year).
    static func dispatchCitation(_ dispatch: ScenarioDispatch, gridPath: String) -> Citation {
        let scenario = dispatch.scenario
        return Citation(
            sourceKey: "dispatch-\(scenario)",
            source:
                "yrdplan dispatch (COIN-OR Clp) of \(gridPath)/grid.yaml, scenario '\(scenario)'; yrdplan dispatch --json",
            year: dispatch.year, confidence: .synthetic,
            note: "A least-cost dispatch over representative days whose hourly shapes are synthetic (see \(gridPath)/grid.yaml); "
                + "annual flows are model results, not metered statistics.")
    }

    /// A bus's place: its province id, or the external supply region's name as an id (`EXT_ThreeGorges` → `threegorges`).
    static func placeID(_ bus: GridBus) -> String {
        if let region = bus.region, RegionID.isValid(region) { return region }
        var name = bus.name
        if name.hasPrefix("EXT_") { name.removeFirst(4) }
        return slug(name)
    }

    /// Lowercase `[a-z0-9-]`: other characters become `-`, repeated and edge hyphens removed.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") && !out.isEmpty {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "link" : out
    }
}
