import Diagnostics
import RegionModel
import Yams

/// Reads `grid.yaml` and scenario overlays, checking every number's provenance.
struct GridFileReader {
    var reader: NodeReader
    let sourceKeys: Set<String>

    init(file: YAMLFile, sourceKeys: Set<String>) {
        reader = NodeReader(file: file)
        self.sourceKeys = sourceKeys
    }

    typealias Pairs = [(key: String, keyNode: Node, value: Node)]

    func node(_ pairs: Pairs, _ key: String) -> Node? { pairs.first { $0.key == key }?.value }

    // MARK: Provenance

    /// Checks a provenance block (`source`, `ref`, `year`, `confidence`, `note`) in `pairs` by the rules of
    /// `ProvenanceReader`; returns whether one is present.
    @discardableResult
    mutating func checkProvenance(_ pairs: Pairs, at node: Node, what: String, required: Bool) -> Bool {
        let hasAny = pairs.contains { ["source", "confidence"].contains($0.key) }
        if !hasAny {
            if required {
                reader.diagnostics.error(
                    at: reader.location(node), "\(what) has no provenance",
                    fix: "add source (a key of Regions/sources.yaml), year and confidence (sourced, estimate or synthetic)")
            }
            return false
        }
        _ = ProvenanceReader(sourceKeys: sourceKeys, wording: .dataTable).read(pairs, of: node, what: what, year: .single, reader: &reader)
        return true
    }

    /// A number field: a plain number (the entry's provenance applies) or `{value, source, …}`.
    mutating func number(
        _ pairs: Pairs, _ key: String, what: String, entryHasProvenance: Bool, default fallback: Double? = nil
    ) -> Double? {
        guard let field = node(pairs, key) else {
            if fallback == nil {
                reader.diagnostics.error(
                    at: reader.location(pairs.first?.keyNode), "\(what) has no \(key)", fix: "add `\(key):`")
            }
            return fallback
        }
        if field.mapping != nil, let mapping = reader.mapping(field, what: "\(key) of \(what)") {
            reader.rejectUnknownKeys(mapping, known: ["value"] + DataSchema.provenanceKeys, in: "\(key) of \(what)")
            checkProvenance(mapping, at: field, what: "\(key) of \(what)", required: true)
            return reader.number(node(mapping, "value"), what: "\(key) of \(what)")
        }
        if !entryHasProvenance {
            reader.diagnostics.error(
                at: reader.location(field), "\(key) of \(what) has no provenance",
                fix: "give the entry source, year and confidence, or write `{value: …, source: …, year: …, confidence: …}`")
        }
        return reader.number(field, what: "\(key) of \(what)")
    }

    mutating func list(_ node: Node?, what: String) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            reader.diagnostics.error(at: reader.location(node), "\(what) must be a list", fix: "write one `- {…}` per entry")
            return []
        }
        return Array(sequence)
    }

    // MARK: Base grid

    mutating func readBase() -> GridDefinition? {
        guard let root = reader.file.root, let top = reader.mapping(root, what: "grid.yaml") else { return nil }
        reader.rejectUnknownKeys(top, known: DataSchema.gridFile.knownKeys, in: "grid.yaml")
        let baseYear = reader.integer(node(top, "base_year"), what: "base_year") ?? 0
        // Descriptive text is not used in results, but is still checked (briefs are XML 1.0).
        _ = reader.string(node(top, "name"), what: "name")
        _ = reader.string(node(top, "note"), what: "note")
        guard let profiles = reader.string(node(top, "profiles"), what: "profiles") else {
            reader.diagnostics.error(at: reader.location(root), "grid.yaml names no profile table", fix: "add `profiles: profiles.csv`")
            return nil
        }
        let voll = number(top, "value_of_lost_load_yuan_per_mwh", what: "the grid", entryHasProvenance: false) ?? 30_000
        var data = GridDefinition(baseYear: baseYear, profilesFile: profiles, valueOfLostLoad: voll)

        for entry in list(node(top, "carriers"), what: "carriers") {
            guard let pairs = reader.mapping(entry, what: "a carrier") else { continue }
            reader.rejectUnknownKeys(pairs, known: DataSchema.gridCarrier.knownKeys, in: "a carrier")
            let name = reader.string(node(pairs, "name"), what: "carrier name") ?? ""
            let has = checkProvenance(pairs, at: entry, what: "carrier '\(name)'", required: false)
            let co2 = number(pairs, "co2_t_per_mwh_primary", what: "carrier '\(name)'", entryHasProvenance: has, default: 0) ?? 0
            let renewable = reader.string(node(pairs, "renewable"), what: "renewable") == "true"
            data.carriers.append(GridCarrier(name: name, co2PerPrimaryMWh: co2, isRenewable: renewable, origin: reader.location(entry)))
        }
        for entry in list(node(top, "buses"), what: "buses") {
            guard let pairs = reader.mapping(entry, what: "a bus") else { continue }
            reader.rejectUnknownKeys(pairs, known: DataSchema.gridBus.knownKeys, in: "a bus")
            let name = reader.string(node(pairs, "name"), what: "bus name") ?? ""
            let external = reader.string(node(pairs, "external"), what: "external") == "true"
            data.buses.append(
                GridBus(
                    name: name, region: reader.string(node(pairs, "region"), what: "region"), isExternal: external,
                    origin: reader.location(entry)))
        }
        for entry in list(node(top, "loads"), what: "loads") {
            guard let pairs = reader.mapping(entry, what: "a load") else { continue }
            reader.rejectUnknownKeys(pairs, known: DataSchema.gridLoad.knownKeys, in: "a load")
            let bus = reader.string(node(pairs, "bus"), what: "bus") ?? ""
            let has = checkProvenance(pairs, at: entry, what: "load at '\(bus)'", required: false)
            let energy = number(pairs, "annual_twh", what: "load at '\(bus)'", entryHasProvenance: has) ?? 0
            let profile = reader.string(node(pairs, "profile"), what: "profile") ?? ""
            data.loads.append(GridDefinition.Load(bus: bus, annualTWh: energy, profile: profile, location: reader.location(entry)))
        }
        for entry in list(node(top, "generators"), what: "generators") {
            if let generator = readGenerator(entry) { data.generators.append(generator) }
        }
        for entry in list(node(top, "links"), what: "links") {
            if let link = readLink(entry) { data.links.append(link) }
        }
        for entry in list(node(top, "lines"), what: "lines") {
            if let line = readLine(entry) { data.lines.append(line) }
        }
        for entry in list(node(top, "storage"), what: "storage") {
            if let unit = readStorage(entry) { data.storage.append(unit) }
        }
        return data
    }

    mutating func readGenerator(_ entry: Node) -> GridDefinition.Generator? {
        guard let pairs = reader.mapping(entry, what: "a generator") else { return nil }
        reader.rejectUnknownKeys(pairs, known: DataSchema.gridGenerator.knownKeys, in: "a generator")
        let name = reader.string(node(pairs, "name"), what: "generator name") ?? ""
        let what = "generator '\(name)'"
        let has = checkProvenance(pairs, at: entry, what: what, required: false)
        return GridDefinition.Generator(
            name: name, bus: reader.string(node(pairs, "bus"), what: "bus") ?? "",
            carrier: reader.string(node(pairs, "carrier"), what: "carrier") ?? "",
            nominalPower: number(pairs, "p_nom_mw", what: what, entryHasProvenance: has) ?? 0,
            marginalCost: number(pairs, "marginal_cost_yuan_per_mwh", what: what, entryHasProvenance: has) ?? 0,
            efficiency: number(pairs, "efficiency", what: what, entryHasProvenance: has, default: 1) ?? 1,
            minPerUnit: number(pairs, "p_min_pu", what: what, entryHasProvenance: has, default: 0) ?? 0,
            maxPerUnit: number(pairs, "p_max_pu", what: what, entryHasProvenance: has, default: 1) ?? 1,
            profile: reader.string(node(pairs, "profile"), what: "profile"), location: reader.location(entry))
    }

    mutating func readLink(_ entry: Node) -> GridLink? {
        guard let pairs = reader.mapping(entry, what: "a link") else { return nil }
        reader.rejectUnknownKeys(pairs, known: DataSchema.gridLink.knownKeys, in: "a link")
        let name = reader.string(node(pairs, "name"), what: "link name") ?? ""
        let what = "link '\(name)'"
        let has = checkProvenance(pairs, at: entry, what: what, required: false)
        let link = GridLink(
            name: name, bus0: reader.string(node(pairs, "bus0"), what: "bus0") ?? "",
            bus1: reader.string(node(pairs, "bus1"), what: "bus1") ?? "",
            carrier: reader.string(node(pairs, "carrier"), what: "carrier") ?? "AC",
            nominalPower: number(pairs, "p_nom_mw", what: what, entryHasProvenance: has) ?? 0,
            efficiency: .constant(number(pairs, "efficiency", what: what, entryHasProvenance: has, default: 1) ?? 1),
            marginalCost: .constant(number(pairs, "marginal_cost_yuan_per_mwh", what: what, entryHasProvenance: has, default: 0) ?? 0),
            expansion: readExpansion(
                pairs, at: entry, what: what, minimumKey: "p_nom_min_mw", maximumKey: "p_nom_max_mw", entryHasProvenance: has),
            origin: reader.location(entry))
        return link
    }

    /// `extendable: true` with its annual capital cost, minimum and maximum; nil when the entry is not a candidate.
    mutating func readExpansion(
        _ pairs: Pairs, at entry: Node, what: String, minimumKey: String, maximumKey: String, entryHasProvenance has: Bool
    ) -> GridExpansion? {
        let flag = reader.string(node(pairs, "extendable"), what: "extendable of \(what)")
        if let flag, flag != "true" && flag != "false" {
            reader.diagnostics.error(
                at: reader.location(node(pairs, "extendable")), "extendable of \(what) is '\(flag)'", fix: "write true or false")
        }
        guard flag == "true" else {
            for key in ["capital_cost_yuan_per_mw_yr", minimumKey, maximumKey] where node(pairs, key) != nil {
                reader.diagnostics.error(
                    at: reader.location(node(pairs, key)), "\(what) has \(key) but is not extendable",
                    fix: "add `extendable: true` to make it a candidate, or remove \(key)")
            }
            return nil
        }
        let cost = number(pairs, "capital_cost_yuan_per_mw_yr", what: what, entryHasProvenance: has)
        let minimum = number(pairs, minimumKey, what: what, entryHasProvenance: has, default: 0) ?? 0
        let maximum = number(pairs, maximumKey, what: what, entryHasProvenance: has)
        if let maximum, !(minimum >= 0 && maximum >= minimum) {
            reader.diagnostics.error(
                at: reader.location(node(pairs, maximumKey)), "\(what) may be built between \(minimum) and \(maximum)",
                fix: "give \(minimumKey) ≥ 0 and \(maximumKey) ≥ \(minimumKey)")
        }
        if let cost, cost < 0 {
            reader.diagnostics.error(
                at: reader.location(node(pairs, "capital_cost_yuan_per_mw_yr")), "capital_cost_yuan_per_mw_yr of \(what) is negative",
                fix: "give the annualised cost of a MW, ≥ 0")
        }
        guard let cost, let maximum else { return nil }
        return GridExpansion(capitalCost: cost, minimum: minimum, maximum: maximum)
    }

    /// An AC line: its reactance x_ohm, or x_ohm_per_km × length_km, per circuit, divided by num_parallel, in per unit
    /// of its own voltage class (x / v_nom²).
    mutating func readLine(_ entry: Node) -> GridLine? {
        guard let pairs = reader.mapping(entry, what: "a line") else { return nil }
        reader.rejectUnknownKeys(pairs, known: DataSchema.gridLine.knownKeys, in: "a line")
        let name = reader.string(node(pairs, "name"), what: "line name") ?? ""
        let what = "line '\(name)'"
        let location = reader.location(entry)
        let has = checkProvenance(pairs, at: entry, what: what, required: false)
        let kilovolts = number(pairs, "v_nom_kv", what: what, entryHasProvenance: has)
        let length = number(pairs, "length_km", what: what, entryHasProvenance: has)
        let parallel = number(pairs, "num_parallel", what: what, entryHasProvenance: has, default: 1) ?? 1
        let rating = number(pairs, "s_nom_mva", what: what, entryHasProvenance: has)
        let maxPerUnit = number(pairs, "s_max_pu", what: what, entryHasProvenance: has, default: 1) ?? 1
        for (key, value) in [("v_nom_kv", kilovolts), ("length_km", length), ("num_parallel", parallel)] {
            if let value, !(value > 0) {
                reader.diagnostics.error(
                    at: reader.location(node(pairs, key) ?? entry), "\(key) of \(what) is \(value)", fix: "give a positive number")
            }
        }
        if let rating, rating < 0 {
            reader.diagnostics.error(
                at: reader.location(node(pairs, "s_nom_mva")), "s_nom_mva of \(what) is negative", fix: "give the transfer limit, ≥ 0")
        }
        if !(0...1).contains(maxPerUnit) {
            reader.diagnostics.error(
                at: reader.location(node(pairs, "s_max_pu")), "s_max_pu of \(what) is \(maxPerUnit)", fix: "give a share between 0 and 1")
        }
        var circuitOhm: Double?
        switch (node(pairs, "x_ohm"), node(pairs, "x_ohm_per_km")) {
        case (.some, .some):
            reader.diagnostics.error(
                at: location, "\(what) gives both x_ohm and x_ohm_per_km", fix: "keep one: the line's reactance or the per-km value")
        case (.none, .none):
            reader.diagnostics.error(
                at: location, "\(what) has no reactance", fix: "add x_ohm, or x_ohm_per_km (multiplied by length_km)")
        case (.some, .none):
            circuitOhm = number(pairs, "x_ohm", what: what, entryHasProvenance: has)
        case (.none, .some):
            if let perKm = number(pairs, "x_ohm_per_km", what: what, entryHasProvenance: has), let length { circuitOhm = perKm * length }
        }
        if let circuitOhm, !(circuitOhm > 0) {
            reader.diagnostics.error(at: location, "the reactance of \(what) is \(circuitOhm) Ω", fix: "give a positive reactance")
        }
        let expansion = readExpansion(
            pairs, at: entry, what: what, minimumKey: "s_nom_min_mva", maximumKey: "s_nom_max_mva", entryHasProvenance: has)
        guard let kilovolts, kilovolts > 0, let circuitOhm, circuitOhm > 0, parallel > 0, let rating else { return nil }
        return GridLine(
            name: name, bus0: reader.string(node(pairs, "bus0"), what: "bus0") ?? "",
            bus1: reader.string(node(pairs, "bus1"), what: "bus1") ?? "",
            reactancePerUnit: circuitOhm / parallel / (kilovolts * kilovolts), nominalPower: rating,
            maxPerUnit: .constant(maxPerUnit), expansion: expansion, origin: location)
    }

    mutating func readStorage(_ entry: Node) -> GridStorageUnit? {
        guard let pairs = reader.mapping(entry, what: "a storage unit") else { return nil }
        reader.rejectUnknownKeys(pairs, known: DataSchema.gridStorage.knownKeys, in: "a storage unit")
        let name = reader.string(node(pairs, "name"), what: "storage name") ?? ""
        let what = "storage unit '\(name)'"
        let has = checkProvenance(pairs, at: entry, what: what, required: false)
        return GridStorageUnit(
            name: name, bus: reader.string(node(pairs, "bus"), what: "bus") ?? "",
            carrier: reader.string(node(pairs, "carrier"), what: "carrier") ?? "",
            nominalPower: number(pairs, "p_nom_mw", what: what, entryHasProvenance: has) ?? 0,
            maxHours: number(pairs, "max_hours", what: what, entryHasProvenance: has) ?? 0,
            efficiencyStore: .constant(number(pairs, "efficiency_store", what: what, entryHasProvenance: has, default: 1) ?? 1),
            efficiencyDispatch: .constant(number(pairs, "efficiency_dispatch", what: what, entryHasProvenance: has, default: 1) ?? 1),
            marginalCost: .constant(number(pairs, "marginal_cost_yuan_per_mwh", what: what, entryHasProvenance: has, default: 0) ?? 0),
            cyclicStateOfCharge: true, origin: reader.location(entry))
    }

    // MARK: Scenario overlay

    mutating func readScenario(expectedName: String, location: SourceLocation) -> GridOverlay? {
        guard let root = reader.file.root, let top = reader.mapping(root, what: "the scenario") else { return nil }
        reader.rejectUnknownKeys(top, known: DataSchema.gridOverlay.knownKeys, in: "the scenario")
        if let name = reader.string(node(top, "name"), what: "name"), name != expectedName {
            reader.diagnostics.error(
                at: reader.location(node(top, "name")), "the scenario is named '\(name)' but its file is \(expectedName).yaml",
                fix: "make the name and the file name agree")
        }
        var scenario = GridOverlay(
            name: expectedName, title: reader.string(node(top, "title"), what: "title"),
            year: reader.integer(node(top, "year"), what: "year"), location: location)
        _ = reader.string(node(top, "note"), what: "note")
        if let cap = node(top, "co2_cap_mt") {
            scenario.co2CapTonnes = number(top, "co2_cap_mt", what: "the scenario", entryHasProvenance: false).map { $0 * 1e6 }
            scenario.co2CapLocation = reader.location(cap)
        }
        if let share = node(top, "green_import_share"),
            let value = number(top, "green_import_share", what: "the scenario", entryHasProvenance: false)
        {
            scenario.greenImportShare = GreenImportShare(minimumShare: value, origin: reader.location(share))
        }
        for entry in list(node(top, "changes"), what: "changes") {
            guard let pairs = reader.mapping(entry, what: "a change") else { continue }
            let kinds = DataSchema.gridChangeKinds.map(\.key)
            reader.rejectUnknownKeys(pairs, known: DataSchema.gridChange.knownKeys, in: "a change")
            let location = reader.location(entry)
            guard let from = reader.integer(node(pairs, "from"), what: "from") else {
                reader.diagnostics.error(at: location, "a change has no `from:` year", fix: "say from which year it applies")
                continue
            }
            let present = kinds.filter { node(pairs, $0) != nil }
            guard present.count == 1, let kind = present.first else {
                reader.diagnostics.error(
                    at: location, "a change needs exactly one of: \(kinds.joined(separator: ", "))",
                    fix: "split it into one change per line")
                continue
            }
            let what = "the \(kind) change"
            switch kind {
            case "add_link", "add_line", "add_generator", "add_storage":
                guard let inner = node(pairs, kind) else { continue }
                switch kind {
                case "add_link":
                    if let link = readLink(inner) {
                        scenario.changes.append(GridOverlay.DatedChange(from: from, change: .addLink(link), location: location))
                    }
                case "add_line":
                    if let line = readLine(inner) {
                        scenario.changes.append(GridOverlay.DatedChange(from: from, change: .addLine(line), location: location))
                    }
                case "add_generator":
                    if let g = readGenerator(inner) {
                        scenario.changes.append(GridOverlay.DatedChange(from: from, change: .addGenerator(g), location: location))
                    }
                default:
                    if let s = readStorage(inner) {
                        scenario.changes.append(GridOverlay.DatedChange(from: from, change: .addStorage(s), location: location))
                    }
                }
            default:
                let has = checkProvenance(pairs, at: entry, what: what, required: true)
                let bus = reader.string(node(pairs, "bus"), what: "bus")
                switch kind {
                case "scale_demand":
                    if let factor = number(pairs, kind, what: what, entryHasProvenance: has) {
                        scenario.changes.append(
                            GridOverlay.DatedChange(from: from, change: .scaleDemand(factor: factor, bus: bus), location: location))
                    }
                case "scale_capacity":
                    if let factor = number(pairs, kind, what: what, entryHasProvenance: has),
                        let carrier = reader.string(node(pairs, "carrier"), what: "carrier")
                    {
                        scenario.changes.append(
                            GridOverlay.DatedChange(
                                from: from, change: .scaleCapacity(factor: factor, carrier: carrier, bus: bus), location: location))
                    } else if node(pairs, "carrier") == nil {
                        reader.diagnostics.error(at: location, "scale_capacity needs a carrier", fix: "add `carrier:`")
                    }
                default:
                    if let component = reader.string(node(pairs, kind), what: kind),
                        let megawatts = number(pairs, "p_nom_mw", what: what, entryHasProvenance: has)
                    {
                        scenario.changes.append(
                            GridOverlay.DatedChange(
                                from: from, change: .setCapacity(component: component, megawatts: megawatts), location: location))
                    }
                }
            }
        }
        return scenario
    }
}
