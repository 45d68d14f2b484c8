import Diagnostics
import Foundation
import RegionModel

/// Reads a PyPSA CSV folder (`Network.export_to_csv_folder`) into a `GridNetwork`: the subset in
/// docs/power-flow.md — network, snapshots with weightings, buses, carriers, generators, loads, links
/// (bidirectional, multi-port), lines, transformers, storage units and stores, each attribute PyPSA allows as a time
/// series also read from its series file, set points, capacity expansion and a primary-energy CO2 global constraint.
/// Every problem is reported as a `file:line` diagnostic.
public enum PyPSAImport {
    /// Carriers counted as green (renewable) power for the green-import share.
    public static let renewableCarriers: Set<String> = [
        "hydro", "ror", "onwind", "offwind", "offwind-ac", "offwind-dc", "offwind-float", "solar",
        "solar rooftop", "solar-hsat", "wind", "biomass", "geothermal",
    ]

    /// The carrier name given to components with PyPSA's default (empty) carrier, which emits nothing.
    public static let noCarrier = "(no carrier)"

    /// Loads `folder`; throws every problem at once.
    public static func load(folder: URL, valueOfLostLoad: Double = 100_000) throws(DiagnosticsError) -> GridNetwork {
        var reader = PyPSAFolderReader(folder: folder)
        let network = reader.read(valueOfLostLoad: valueOfLostLoad)
        if let network {
            for problem in network.validate() { reader.diagnostics.report(problem) }
        }
        try reader.diagnostics.failIfErrors()
        guard let network else { throw DiagnosticsError(reader.diagnostics.sorted) }
        return network
    }
}

struct PyPSAFolderReader {
    let folder: URL
    var diagnostics = DiagnosticEngine()

    init(folder: URL) { self.folder = folder }

    func displayPath(_ file: String) -> String { folder.appendingPathComponent(file).path }

    func exists(_ file: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path)
    }

    mutating func table(_ file: String, required: Bool) -> CSVTable? {
        if !exists(file) {
            if required {
                diagnostics.error(
                    at: SourceLocation(file: displayPath(file)), "the PyPSA folder has no \(file)",
                    fix: "export the network with Network.export_to_csv_folder, or check the folder path")
            }
            return nil
        }
        let table = CSVTable.read(folder.appendingPathComponent(file), displayPath: displayPath(file), diagnostics: &diagnostics)
        if let table, let schema = PyPSAImport.componentSchemas.first(where: { $0.listName + ".csv" == file }) {
            checkColumns(table, schema)
        }
        return table
    }

    // MARK: Cells

    mutating func number(
        _ table: CSVTable, _ row: Int, _ column: String, default fallback: Double?, infinityAllowed: Bool = false,
        nanAllowed: Bool = false
    ) -> Double {
        guard let index = table.column(column), index < table.rows[row].count else {
            if let fallback { return fallback }
            diagnostics.error(at: table.location(ofRow: row), "missing column '\(column)'", fix: "add the column '\(column)'")
            return 0
        }
        let cell = table.rows[row][index].trimmingCharacters(in: .whitespaces)
        if cell.isEmpty, let fallback { return fallback }
        if nanAllowed && cell.lowercased() == "nan" { return .nan }
        if infinityAllowed && ["inf", "infinity", "+inf"].contains(cell.lowercased()) { return .infinity }
        if infinityAllowed && ["-inf", "-infinity"].contains(cell.lowercased()) { return -.infinity }
        if cell.lowercased() == "inf" { return .infinity }
        guard let value = Double(cell) else {
            diagnostics.error(
                at: table.location(ofRow: row), "'\(cell)' in column '\(column)' is not a number", fix: "write a decimal number")
            return fallback ?? 0
        }
        if !value.isFinite {
            diagnostics.error(at: table.location(ofRow: row), "column '\(column)' is \(cell)", fix: "write a finite number")
        }
        return value
    }

    mutating func text(_ table: CSVTable, _ row: Int, _ column: String, default fallback: String?) -> String {
        guard let index = table.column(column), index < table.rows[row].count,
            !table.rows[row][index].isEmpty
        else {
            if let fallback { return fallback }
            diagnostics.error(at: table.location(ofRow: row), "missing value in column '\(column)'", fix: "fill in '\(column)'")
            return ""
        }
        return String(table.rows[row][index])
    }

    mutating func flag(_ table: CSVTable, _ row: Int, _ column: String, default fallback: Bool) -> Bool {
        let value = text(table, row, column, default: fallback ? "True" : "False")
        switch value.lowercased() {
        case "true", "1", "1.0": return true
        case "false", "0", "0.0": return false
        default:
            diagnostics.error(
                at: table.location(ofRow: row), "'\(value)' in column '\(column)' is not True or False", fix: "write True or False")
            return fallback
        }
    }

    /// The names of every component of `table`.
    func componentNames(_ table: CSVTable) -> Set<String> { Set(table.rows.indices.map { componentName(table, $0) }) }

    /// The component name (first column: `name`, or PyPSA's unnamed index).
    func componentName(_ table: CSVTable, _ row: Int) -> String {
        String(table.rows[row].first ?? "")
    }

    // MARK: Network

    mutating func read(valueOfLostLoad: Double) -> GridNetwork? {
        var network = readComponents(valueOfLostLoad: valueOfLostLoad)
        // PyPSA links may deliver more than they take (efficiency above 1, e.g. heat pumps).
        network?.allowsLinkGain = true
        return network
    }

    mutating func readComponents(valueOfLostLoad: Double) -> GridNetwork? {
        checkFolder()
        var name = folder.lastPathComponent
        if let network = table("network.csv", required: false), !network.rows.isEmpty {
            name = text(network, 0, "name", default: name)
        }
        guard let snapshotsTable = table("snapshots.csv", required: true),
            let busesTable = table("buses.csv", required: true)
        else { return nil }

        // Snapshots: the first column is the key the time series use.
        var snapshots: [GridSnapshot] = []
        var snapshotIndex: [Substring: Int] = [:]
        for row in snapshotsTable.rows.indices {
            let key = snapshotsTable.rows[row].first ?? ""
            let label = text(snapshotsTable, row, "snapshot", default: String(key))
            let objective = number(snapshotsTable, row, "objective", default: 1)
            let generators = number(snapshotsTable, row, "generators", default: objective)
            let stores = number(snapshotsTable, row, "stores", default: objective)
            if snapshotIndex[key] != nil {
                diagnostics.error(
                    at: snapshotsTable.location(ofRow: row), "snapshot '\(key)' appears twice", fix: "remove the duplicate row")
            }
            snapshotIndex[key] = snapshots.count
            snapshots.append(GridSnapshot(label: label, objectiveWeight: objective, generatorWeight: generators, storeWeight: stores))
            for (column, weight) in [("objective", objective), ("generators", generators), ("stores", stores)] where weight < 0 {
                diagnostics.error(
                    at: snapshotsTable.location(ofRow: row), "snapshot weighting '\(column)' is negative", fix: "use hours ≥ 0")
            }
        }

        var carriers: [GridCarrier] = []
        if let carriersTable = table("carriers.csv", required: false) {
            for row in carriersTable.rows.indices {
                let carrierName = componentName(carriersTable, row)
                carriers.append(
                    GridCarrier(
                        name: carrierName, co2PerPrimaryMWh: number(carriersTable, row, "co2_emissions", default: 0),
                        isRenewable: PyPSAImport.renewableCarriers.contains(carrierName),
                        origin: carriersTable.location(ofRow: row)))
            }
        }

        // Loads first: buses without load are external supply regions.
        var loads: [GridLoad] = []
        if let loadsTable = table("loads.csv", required: false) {
            let series = timeSeries(
                "loads-p_set.csv", of: componentNames(loadsTable), snapshotIndex: snapshotIndex, count: snapshots.count)
            for row in loadsTable.rows.indices where isActive(loadsTable, row) {
                let loadName = componentName(loadsTable, row)
                let demand: GridProfile =
                    series[loadName].map { .series($0) } ?? .constant(number(loadsTable, row, "p_set", default: 0))
                loads.append(
                    GridLoad(
                        name: loadName, bus: text(loadsTable, row, "bus", default: nil), demand: demand,
                        origin: loadsTable.location(ofRow: row)))
            }
        }
        let busesWithLoad = Set(loads.map(\.bus))
        var buses: [GridBus] = []
        var nominalVoltage: [String: Double] = [:]
        for row in busesTable.rows.indices {
            let busName = componentName(busesTable, row)
            nominalVoltage[busName] = number(busesTable, row, "v_nom", default: 1)
            buses.append(
                GridBus(
                    name: busName, region: nil, isExternal: !busesWithLoad.contains(busName),
                    carrier: text(busesTable, row, "carrier", default: "AC"), origin: busesTable.location(ofRow: row)))
        }

        var generators: [GridGenerator] = []
        if let generatorsTable = table("generators.csv", required: false) {
            var series = ComponentSeries(table: generatorsTable, listName: "generators")
            series.read(
                ["p_max_pu", "p_min_pu", "marginal_cost", "efficiency"], nanFor: ["p_set", "ramp_limit_up", "ramp_limit_down"],
                reader: &self, snapshotIndex: snapshotIndex, count: snapshots.count)
            for row in generatorsTable.rows.indices where isActive(generatorsTable, row) {
                var generator = GridGenerator(
                    name: componentName(generatorsTable, row), bus: text(generatorsTable, row, "bus", default: nil),
                    carrier: text(generatorsTable, row, "carrier", default: ""),
                    nominalPower: number(generatorsTable, row, "p_nom", default: 0),
                    minPerUnit: series.profile("p_min_pu", row, default: 0, reader: &self),
                    maxPerUnit: series.profile("p_max_pu", row, default: 1, reader: &self),
                    marginalCost: series.profile("marginal_cost", row, default: 0, reader: &self),
                    efficiency: series.profile("efficiency", row, default: 1, reader: &self),
                    expansion: expansion(generatorsTable, row, "p_nom", of: "generator"),
                    minEnergy: number(generatorsTable, row, "e_sum_min", default: -.infinity, infinityAllowed: true),
                    maxEnergy: number(generatorsTable, row, "e_sum_max", default: .infinity, infinityAllowed: true),
                    ramp: rampLimits(series, row), origin: generatorsTable.location(ofRow: row))
                generator.fixedOutput = series.setPoints("p_set", row, reader: &self)
                generators.append(generator)
            }
        }

        var links: [GridLink] = []
        if let linksTable = table("links.csv", required: false) {
            // Further ports: bus2, bus3, … with efficiency2, efficiency3, … (an empty bus means no port).
            let ports = linksTable.header.compactMap { column -> Int? in
                guard column.hasPrefix("bus"), let port = Int(column.dropFirst(3)), port >= 2 else { return nil }
                return port
            }.sorted()
            var series = ComponentSeries(table: linksTable, listName: "links")
            series.read(
                ["p_max_pu", "p_min_pu", "marginal_cost", "efficiency"] + ports.map { "efficiency\($0)" },
                nanFor: ["p_set", "ramp_limit_up", "ramp_limit_down"], reader: &self, snapshotIndex: snapshotIndex,
                count: snapshots.count)
            for row in linksTable.rows.indices where isActive(linksTable, row) {
                let extraPorts = ports.compactMap { port -> GridLinkPort? in
                    let bus = text(linksTable, row, "bus\(port)", default: "")
                    guard !bus.isEmpty else { return nil }
                    return GridLinkPort(bus: bus, efficiency: series.profile("efficiency\(port)", row, default: 1, reader: &self))
                }
                var link = GridLink(
                    name: componentName(linksTable, row), bus0: text(linksTable, row, "bus0", default: nil),
                    bus1: text(linksTable, row, "bus1", default: nil), carrier: text(linksTable, row, "carrier", default: ""),
                    nominalPower: number(linksTable, row, "p_nom", default: 0),
                    efficiency: series.profile("efficiency", row, default: 1, reader: &self),
                    marginalCost: series.profile("marginal_cost", row, default: 0, reader: &self),
                    minPerUnit: series.profile("p_min_pu", row, default: 0, reader: &self),
                    maxPerUnit: series.profile("p_max_pu", row, default: 1, reader: &self), extraPorts: extraPorts,
                    expansion: expansion(linksTable, row, "p_nom", of: "link"), ramp: rampLimits(series, row),
                    origin: linksTable.location(ofRow: row))
                link.fixedFlow = series.setPoints("p_set", row, reader: &self)
                links.append(link)
            }
        }

        var lines: [GridLine] = []
        if let linesTable = table("lines.csv", required: false) {
            let names = componentNames(linesTable)
            let maxSeries = timeSeries("lines-s_max_pu.csv", of: names, snapshotIndex: snapshotIndex, count: snapshots.count)
            for row in linesTable.rows.indices where isActive(linesTable, row) {
                let lineName = componentName(linesTable, row)
                let bus0 = text(linesTable, row, "bus0", default: nil)
                // PyPSA's per-unit impedance on a 1 MVA base: ohm / v_nom² of bus0 (kV).
                let base = pow(nominalVoltage[bus0] ?? 1, 2)
                var x = number(linesTable, row, "x", default: 0)
                var r = number(linesTable, row, "r", default: 0)
                let typeName = text(linesTable, row, "type", default: "")
                if !typeName.isEmpty {
                    // As PyPSA: a standard type overrides x and r with its per-km values × length / num_parallel.
                    let length = number(linesTable, row, "length", default: 0)
                    let parallel = number(linesTable, row, "num_parallel", default: 1)
                    if let type = PyPSAImport.standardLineTypes.first(where: { $0.name == typeName }), parallel > 0 {
                        x = type.reactancePerKm * length / parallel
                        r = type.resistancePerKm * length / parallel
                    } else {
                        diagnostics.error(
                            at: linesTable.location(ofRow: row),
                            parallel > 0
                                ? "line '\(lineName)' has type '\(typeName)', which is not one of PyPSA's standard line types"
                                : "line '\(lineName)' has num_parallel \(parallel)",
                            fix: parallel > 0
                                ? "spell it as in PyPSA's standard line-type table (PyPSAImport.standardLineTypes)"
                                : "give the number of parallel circuits, > 0")
                    }
                }
                lines.append(
                    GridLine(
                        name: lineName, bus0: bus0, bus1: text(linesTable, row, "bus1", default: nil),
                        reactancePerUnit: x / base, resistancePerUnit: r / base,
                        nominalPower: number(linesTable, row, "s_nom", default: 0),
                        maxPerUnit: maxSeries[lineName].map { .series($0) } ?? .constant(number(linesTable, row, "s_max_pu", default: 1)),
                        expansion: expansion(linesTable, row, "s_nom", of: "line"), origin: linesTable.location(ofRow: row)))
            }
        }

        var storage: [GridStorageUnit] = []
        if let storageTable = table("storage_units.csv", required: false) {
            var series = ComponentSeries(table: storageTable, listName: "storage_units")
            series.read(
                [
                    "inflow", "p_max_pu", "p_min_pu", "marginal_cost", "efficiency_store", "efficiency_dispatch", "standing_loss",
                    "spill_cost", "marginal_cost_storage",
                ],
                nanFor: ["state_of_charge_set", "p_set", "p_dispatch_set", "p_store_set"], reader: &self,
                snapshotIndex: snapshotIndex, count: snapshots.count)
            for row in storageTable.rows.indices where isActive(storageTable, row) {
                var unit = GridStorageUnit(
                    name: componentName(storageTable, row), bus: text(storageTable, row, "bus", default: nil),
                    carrier: text(storageTable, row, "carrier", default: ""),
                    nominalPower: number(storageTable, row, "p_nom", default: 0),
                    maxHours: number(storageTable, row, "max_hours", default: 1),
                    efficiencyStore: series.profile("efficiency_store", row, default: 1, reader: &self),
                    efficiencyDispatch: series.profile("efficiency_dispatch", row, default: 1, reader: &self),
                    marginalCost: series.profile("marginal_cost", row, default: 0, reader: &self),
                    cyclicStateOfCharge: flag(storageTable, row, "cyclic_state_of_charge", default: false),
                    initialStateOfCharge: number(storageTable, row, "state_of_charge_initial", default: 0),
                    standingLoss: series.profile("standing_loss", row, default: 0, reader: &self),
                    inflow: series.profile("inflow", row, default: 0, reader: &self),
                    // NaN (an empty cell) leaves the state of charge free.
                    fixedStateOfCharge: series.setPoints("state_of_charge_set", row, reader: &self),
                    expansion: expansion(storageTable, row, "p_nom", of: "storage unit"), origin: storageTable.location(ofRow: row))
                unit.maxPerUnit = series.profile("p_max_pu", row, default: 1, reader: &self)
                unit.minPerUnit = series.profile("p_min_pu", row, default: -1, reader: &self)
                unit.spillCost = series.profile("spill_cost", row, default: 0, reader: &self)
                unit.storageCost = series.profile("marginal_cost_storage", row, default: 0, reader: &self)
                unit.fixedNetOutput = series.setPoints("p_set", row, reader: &self)
                unit.fixedDispatch = series.setPoints("p_dispatch_set", row, reader: &self)
                unit.fixedCharge = series.setPoints("p_store_set", row, reader: &self)
                storage.append(unit)
            }
        }

        if let transformersTable = table("transformers.csv", required: false) {
            let names = componentNames(transformersTable)
            let maxSeries = timeSeries("transformers-s_max_pu.csv", of: names, snapshotIndex: snapshotIndex, count: snapshots.count)
            for row in transformersTable.rows.indices where isActive(transformersTable, row) {
                let transformerName = componentName(transformersTable, row)
                // PyPSA: x and r are per unit of the transformer's own rating; on a 1 MVA base x/s_nom, times tap_ratio.
                let sNom = number(transformersTable, row, "s_nom", default: 0)
                let tap = number(transformersTable, row, "tap_ratio", default: 1)
                if !(sNom > 0) {
                    diagnostics.error(
                        at: transformersTable.location(ofRow: row),
                        "transformer '\(transformerName)' has s_nom \(sNom): its x and r are per unit of s_nom, so its impedance is undefined",
                        fix: "give the rating its x and r refer to as s_nom (> 0)")
                }
                let base = sNom > 0 ? sNom : 1
                lines.append(
                    GridLine(
                        name: transformerName, bus0: text(transformersTable, row, "bus0", default: nil),
                        bus1: text(transformersTable, row, "bus1", default: nil),
                        reactancePerUnit: number(transformersTable, row, "x", default: 0) / base * tap,
                        resistancePerUnit: number(transformersTable, row, "r", default: 0) / base * tap, nominalPower: sNom,
                        maxPerUnit: maxSeries[transformerName].map { .series($0) }
                            ?? .constant(number(transformersTable, row, "s_max_pu", default: 1)),
                        expansion: expansion(transformersTable, row, "s_nom", of: "transformer"), isTransformer: true,
                        origin: transformersTable.location(ofRow: row)))
            }
        }

        var stores: [GridStore] = []
        if let storesTable = table("stores.csv", required: false) {
            var series = ComponentSeries(table: storesTable, listName: "stores")
            series.read(
                ["e_min_pu", "e_max_pu", "marginal_cost", "standing_loss", "marginal_cost_storage"], nanFor: ["p_set", "e_set"],
                reader: &self, snapshotIndex: snapshotIndex, count: snapshots.count)
            for row in storesTable.rows.indices where isActive(storesTable, row) {
                var store = GridStore(
                    name: componentName(storesTable, row), bus: text(storesTable, row, "bus", default: nil),
                    carrier: text(storesTable, row, "carrier", default: ""),
                    nominalEnergy: number(storesTable, row, "e_nom", default: 0),
                    minPerUnit: series.profile("e_min_pu", row, default: 0, reader: &self),
                    maxPerUnit: series.profile("e_max_pu", row, default: 1, reader: &self),
                    initialEnergy: number(storesTable, row, "e_initial", default: 0),
                    cyclic: flag(storesTable, row, "e_cyclic", default: false),
                    standingLoss: series.profile("standing_loss", row, default: 0, reader: &self),
                    marginalCost: series.profile("marginal_cost", row, default: 0, reader: &self),
                    expansion: expansion(storesTable, row, "e_nom", of: "store"), origin: storesTable.location(ofRow: row))
                store.storageCost = series.profile("marginal_cost_storage", row, default: 0, reader: &self)
                store.fixedPower = series.setPoints("p_set", row, reader: &self)
                store.fixedEnergy = series.setPoints("e_set", row, reader: &self)
                stores.append(store)
            }
        }

        var co2Cap: Double? = nil
        var co2CapOrigin: SourceLocation? = nil
        if let constraints = table("global_constraints.csv", required: false) {
            for row in constraints.rows.indices {
                let type = text(constraints, row, "type", default: "primary_energy")
                let attribute = text(constraints, row, "carrier_attribute", default: "co2_emissions")
                let sense = text(constraints, row, "sense", default: "==")
                guard type == "primary_energy", attribute == "co2_emissions", sense == "<=" else {
                    diagnostics.error(
                        at: constraints.location(ofRow: row),
                        "global constraint of type '\(type)' on '\(attribute)' with sense '\(sense)' is not supported",
                        fix: "only a primary_energy co2_emissions limit with sense <= is in the subset")
                    continue
                }
                if co2Cap != nil {
                    diagnostics.error(at: constraints.location(ofRow: row), "a second CO2 limit", fix: "keep one CO2 global constraint")
                }
                co2Cap = number(constraints, row, "constant", default: 0)
                co2CapOrigin = constraints.location(ofRow: row)
            }
        }

        // PyPSA's default carrier is empty and emits nothing; the model names it so that it is a carrier.
        for g in generators.indices where generators[g].carrier.isEmpty { generators[g].carrier = PyPSAImport.noCarrier }
        for l in links.indices where links[l].carrier.isEmpty { links[l].carrier = PyPSAImport.noCarrier }
        for s in storage.indices where storage[s].carrier.isEmpty { storage[s].carrier = PyPSAImport.noCarrier }
        for k in stores.indices where stores[k].carrier.isEmpty { stores[k].carrier = PyPSAImport.noCarrier }
        let usedCarriers = generators.map(\.carrier) + links.map(\.carrier) + storage.map(\.carrier) + stores.map(\.carrier)
        if usedCarriers.contains(PyPSAImport.noCarrier) { carriers.append(GridCarrier(name: PyPSAImport.noCarrier)) }

        return GridNetwork(
            name: name, snapshots: snapshots, buses: buses, carriers: carriers, generators: generators, loads: loads,
            links: links, storageUnits: storage, lines: lines, stores: stores, co2Cap: co2Cap, co2CapOrigin: co2CapOrigin,
            valueOfLostLoad: valueOfLostLoad)
    }

    /// Whether a component takes part (`active`, default True); PyPSA leaves inactive components out of the
    /// optimisation altogether, as the import does.
    mutating func isActive(_ table: CSVTable, _ row: Int) -> Bool {
        flag(table, row, "active", default: true)
    }

    /// Ramp limits of a generator or link, static or a series (NaN or an empty cell: no limit in that snapshot), nil
    /// without any.
    mutating func rampLimits(_ series: ComponentSeries, _ row: Int) -> GridRampLimits? {
        func limit(_ column: String) -> GridProfile? {
            let profile = series.profile(column, row, default: .nan, nanAllowed: true, reader: &self)
            return profile.allSatisfy(\.isNaN) ? nil : profile
        }
        let initial = number(series.table, row, "p_init", default: .nan, nanAllowed: true)
        let limits = GridRampLimits(up: limit("ramp_limit_up"), down: limit("ramp_limit_down"), initialPower: initial.isNaN ? nil : initial)
        return limits.up == nil && limits.down == nil ? nil : limits
    }

    /// The capacity expansion of a component (`PREFIX_extendable`, `PREFIX_min`, `PREFIX_max`, `capital_cost`), nil when
    /// its capacity is fixed.
    mutating func expansion(_ table: CSVTable, _ row: Int, _ prefix: String, of noun: String) -> GridExpansion? {
        let fixed = number(table, row, prefix + "_set", default: .nan, nanAllowed: true)
        guard flag(table, row, prefix + "_extendable", default: false) else {
            if !fixed.isNaN {
                // PyPSA's *_nom_set constrains the capacity variable, which only an extendable component has.
                diagnostics.error(
                    at: table.location(ofRow: row),
                    "\(noun) '\(componentName(table, row))' has \(prefix)_set = \(fixed) but \(prefix)_extendable is False: a fixed "
                        + "capacity already is \(prefix)",
                    fix: "write the capacity as \(prefix), or set \(prefix)_extendable to True")
            }
            return nil
        }
        return GridExpansion(
            capitalCost: number(table, row, "capital_cost", default: 0), minimum: number(table, row, prefix + "_min", default: 0),
            maximum: number(table, row, prefix + "_max", default: .infinity, infinityAllowed: true),
            fixed: fixed.isNaN ? nil : fixed)
    }

    /// A time-series file: one column per component, one row per snapshot (keyed by the snapshot index); with
    /// `emptyIsNaN` an empty cell is NaN (PyPSA's "no value"), otherwise it is an error.
    mutating func timeSeries(
        _ file: String, of components: Set<String>, snapshotIndex: [Substring: Int], count: Int, emptyIsNaN: Bool = false
    ) -> [String: [Double]] {
        guard let table = table(file, required: false) else { return [:] }
        let listFile = String(file.prefix { $0 != "-" }) + ".csv"
        for column in table.header.dropFirst() where !components.contains(column) {
            diagnostics.error(
                at: table.headerLocation, "column '\(column)' names nothing in \(listFile)",
                fix: "use the names of \(listFile)'s first column, or add the component there")
        }
        var columns = [[Double]](repeating: [Double](repeating: .nan, count: count), count: max(0, table.header.count - 1))
        var seen = [Bool](repeating: false, count: count)
        for row in table.rows.indices {
            let fields = table.rows[row]
            guard let key = fields.first, let t = snapshotIndex[key] else {
                diagnostics.error(
                    at: table.location(ofRow: row), "snapshot '\(fields.first ?? "")' is not in snapshots.csv",
                    fix: "use the snapshot keys of snapshots.csv's first column")
                continue
            }
            seen[t] = true
            if fields.count != table.header.count {
                diagnostics.error(
                    at: table.location(ofRow: row), "the row has \(fields.count) fields but the header has \(table.header.count)",
                    fix: "give one value per column")
            }
            for c in 1..<min(fields.count, table.header.count) {
                if emptyIsNaN && (fields[c].isEmpty || fields[c].lowercased() == "nan") { continue }
                guard let value = Double(fields[c]), value.isFinite else {
                    diagnostics.error(
                        at: table.location(ofRow: row), "'\(fields[c])' for '\(table.header[c])' is not a finite number",
                        fix: "write a decimal number")
                    continue
                }
                columns[c - 1][t] = value
            }
        }
        if let missing = seen.firstIndex(of: false) {
            diagnostics.error(
                at: SourceLocation(file: table.path),
                "\(seen.filter { !$0 }.count) of \(count) snapshots have no row (first: snapshot \(missing))",
                fix: "give one row per snapshot in snapshots.csv")
        }
        var result: [String: [Double]] = [:]
        for c in 1..<max(1, table.header.count) { result[table.header[c]] = columns[c - 1] }
        return result
    }
}

/// The time-series files of one component file (`generators-marginal_cost.csv`, …) read once, and the value of an
/// attribute for one row: its series where the file names the component, else the static column (as PyPSA: a series
/// overrides the static value for the components it names).
struct ComponentSeries {
    let table: CSVTable
    let listName: String
    private var series: [String: [String: [Double]]] = [:]
    private var snapshotCount = 0

    init(table: CSVTable, listName: String) {
        self.table = table
        self.listName = listName
    }

    /// Reads `listName-ATTRIBUTE.csv` for each attribute; in the files of `nanFor` an empty cell is NaN (no value).
    mutating func read(
        _ attributes: [String], nanFor: [String] = [], reader: inout PyPSAFolderReader, snapshotIndex: [Substring: Int],
        count: Int
    ) {
        snapshotCount = count
        let names = reader.componentNames(table)
        for attribute in attributes + nanFor {
            series[attribute] = reader.timeSeries(
                "\(listName)-\(attribute).csv", of: names, snapshotIndex: snapshotIndex, count: count,
                emptyIsNaN: nanFor.contains(attribute))
        }
    }

    /// The attribute of `row` per snapshot: its series, or the static column (`fallback` when empty or missing).
    func profile(
        _ attribute: String, _ row: Int, default fallback: Double, nanAllowed: Bool = false, reader: inout PyPSAFolderReader
    ) -> GridProfile {
        if let values = series[attribute]?[reader.componentName(table, row)] { return .series(values) }
        return .constant(reader.number(table, row, attribute, default: fallback, nanAllowed: nanAllowed))
    }

    /// A set point (PyPSA's p_set, e_set, state_of_charge_set, …) by snapshot index, where it is not NaN.
    func setPoints(_ attribute: String, _ row: Int, reader: inout PyPSAFolderReader) -> [Int: Double] {
        let profile = profile(attribute, row, default: .nan, nanAllowed: true, reader: &reader)
        var points: [Int: Double] = [:]
        switch profile {
        case .series(let values):
            for (t, value) in values.enumerated() where !value.isNaN { points[t] = value }
        case .constant(let value) where !value.isNaN:
            for t in 0..<snapshotCount { points[t] = value }
        case .constant: break
        }
        return points
    }
}
