import Diagnostics
import Foundation
import RegionModel
import Yams

/// Loads the delta's own grid (`Regions/grid/grid.yaml`, its hourly `profiles.csv` and a scenario overlay
/// from `Regions/grid/scenarios/`) into a `GridNetwork`. Every number carries a provenance (source key of
/// `Regions/sources.yaml`, optional fact-sheet `ref`, `year`, `confidence`, and a `note` unless sourced),
/// given on the entry or, for a single field, as `{value, source, ref, year, confidence, note}`.
/// Units are part of the field names (`p_nom_mw`, `annual_twh`, `marginal_cost_yuan_per_mwh`).
public enum GridLoader {
    /// Reads the grid folder with `scenario` applied up to `year` (default: the scenario's `year`).
    public static func load(
        directory: URL, displayRoot: String? = nil, scenario: String = "baseline", year: Int? = nil
    ) throws(DiagnosticsError) -> GridNetwork {
        let root = displayRoot ?? directory.relativePath
        var diagnostics = DiagnosticEngine()
        let sourcesURL = directory.deletingLastPathComponent().appendingPathComponent("sources.yaml")
        let sourcesFile = YAMLFile(
            url: sourcesURL, displayPath: root + "/../sources.yaml", diagnostics: &diagnostics)
        var catalogue = SourceCatalogReader(file: sourcesFile)
        let sourceKeys = Set(catalogue.read().keys)
        diagnostics.absorb(catalogue.diagnostics)

        let gridFile = YAMLFile(
            url: directory.appendingPathComponent("grid.yaml"), displayPath: root + "/grid.yaml", diagnostics: &diagnostics)
        var reader = GridFileReader(file: gridFile, sourceKeys: sourceKeys)
        let base = reader.readBase()
        diagnostics.absorb(reader.reader.diagnostics)

        let scenarioPath = "scenarios/\(scenario).yaml"
        let scenarioURL = directory.appendingPathComponent(scenarioPath)
        guard FileManager.default.fileExists(atPath: scenarioURL.path) else {
            let known = scenarioNames(directory: directory)
            diagnostics.error(
                at: SourceLocation(file: root + "/" + scenarioPath), "there is no grid scenario '\(scenario)'",
                fix: known.isEmpty ? "add \(scenarioPath)" : "use one of: \(known.joined(separator: ", "))")
            throw DiagnosticsError(diagnostics.sorted)
        }
        let scenarioFile = YAMLFile(url: scenarioURL, displayPath: root + "/" + scenarioPath, diagnostics: &diagnostics)
        var scenarioReader = GridFileReader(file: scenarioFile, sourceKeys: sourceKeys)
        let overlay = scenarioReader.readScenario(expectedName: scenario)
        diagnostics.absorb(scenarioReader.reader.diagnostics)

        guard var data = base, let overlay else { throw DiagnosticsError(diagnostics.sorted) }
        let effectiveYear = year ?? overlay.year ?? data.baseYear
        overlay.apply(to: &data, upTo: effectiveYear, diagnostics: &diagnostics)

        let profiles = readProfiles(
            directory.appendingPathComponent(data.profilesFile), displayPath: root + "/" + data.profilesFile,
            diagnostics: &diagnostics)
        let network = profiles.flatMap { data.network(profiles: $0, name: "yrd-\(scenario)-\(effectiveYear)", diagnostics: &diagnostics) }
        if let network {
            for problem in network.validate() { diagnostics.report(problem) }
        }
        try diagnostics.failIfErrors()
        guard let network else { throw DiagnosticsError(diagnostics.sorted) }
        return network
    }

    /// The scenario names in `directory/scenarios/`, sorted.
    public static func scenarioNames(directory: URL) -> [String] {
        RegionLoader.yamlFiles(in: directory.appendingPathComponent("scenarios")).map { String($0.dropLast(5)) }
    }

    /// The hourly profile table: `label`, `weight` (hours represented) and one column per profile.
    struct Profiles {
        var labels: [String]
        var weights: [Double]
        var columns: [String: [Double]]
        var path: String
    }

    static func readProfiles(_ url: URL, displayPath: String, diagnostics: inout DiagnosticEngine) -> Profiles? {
        guard let table = CSVTable.read(url, displayPath: displayPath, diagnostics: &diagnostics) else { return nil }
        guard let labelColumn = table.column("label"), let weightColumn = table.column("weight") else {
            diagnostics.error(at: table.headerLocation, "the profile table needs columns 'label' and 'weight'", fix: "add them first")
            return nil
        }
        var labels: [String] = []
        var weights: [Double] = []
        var columns = [[Double]](repeating: [], count: table.header.count)
        for row in table.rows.indices {
            let fields = table.rows[row]
            guard fields.count == table.header.count else {
                diagnostics.error(
                    at: table.location(ofRow: row), "the row has \(fields.count) fields but the header has \(table.header.count)",
                    fix: "give one value per column")
                continue
            }
            labels.append(String(fields[labelColumn]))
            for column in table.header.indices where column != labelColumn {
                guard let value = Double(fields[column].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                    diagnostics.error(
                        at: table.location(ofRow: row), "'\(fields[column])' in column '\(table.header[column])' is not a finite number",
                        fix: "write a decimal number")
                    columns[column].append(0)
                    continue
                }
                if value < 0 {
                    diagnostics.error(
                        at: table.location(ofRow: row), "column '\(table.header[column])' is negative (\(value))", fix: "profiles are ≥ 0")
                }
                columns[column].append(value)
            }
            weights = columns[weightColumn]
        }
        var named: [String: [Double]] = [:]
        for column in table.header.indices where column != labelColumn && column != weightColumn {
            named[table.header[column]] = columns[column]
        }
        return Profiles(labels: labels, weights: weights, columns: named, path: displayPath)
    }
}

// MARK: - Raw grid data (before profiles are attached)

/// A number read from the grid files with its location.
struct GridNumber {
    var value: Double
    var location: SourceLocation
}

struct GridData {
    struct Load { var bus: String; var annualTWh: Double; var profile: String; var location: SourceLocation }
    struct Generator {
        var name, bus, carrier: String
        var nominalPower, marginalCost, efficiency, minPerUnit, maxPerUnit: Double
        var profile: String?
        var location: SourceLocation
    }

    var baseYear: Int
    var profilesFile: String
    var valueOfLostLoad: Double
    var carriers: [GridCarrier] = []
    var buses: [GridBus] = []
    var loads: [Load] = []
    var generators: [Generator] = []
    var links: [GridLink] = []
    var storage: [GridStorageUnit] = []
    var co2CapTonnes: Double?
    var co2CapLocation: SourceLocation?
    var greenImportShare: GreenImportShare?

    /// Attaches the profiles: loads are profile shapes scaled to their annual energy; generator
    /// profiles are availability per unit of capacity.
    func network(profiles: GridLoader.Profiles, name: String, diagnostics: inout DiagnosticEngine) -> GridNetwork? {
        let snapshots = zip(profiles.labels, profiles.weights).map {
            GridSnapshot(label: $0.0, objectiveWeight: $0.1, generatorWeight: $0.1, storeWeight: 1)
        }
        func column(_ name: String, at location: SourceLocation) -> [Double]? {
            guard let values = profiles.columns[name] else {
                diagnostics.error(
                    at: location, "profile '\(name)' is not a column of \(profiles.path)",
                    fix: "use one of: \(profiles.columns.keys.sorted().joined(separator: ", "))")
                return nil
            }
            return values
        }
        var loads: [GridLoad] = []
        for load in self.loads {
            guard let shape = column(load.profile, at: load.location) else { continue }
            let weightedSum = zip(shape, profiles.weights).reduce(0) { $0 + $1.0 * $1.1 }
            guard weightedSum > 0 else {
                diagnostics.error(at: load.location, "profile '\(load.profile)' is zero everywhere", fix: "give the load a shape")
                continue
            }
            let scale = load.annualTWh * 1e6 / weightedSum
            loads.append(
                GridLoad(name: "\(load.bus) load", bus: load.bus, demand: .series(shape.map { $0 * scale }), origin: load.location))
        }
        var generators: [GridGenerator] = []
        for generator in self.generators {
            var availability = GridProfile.constant(generator.maxPerUnit)
            if let profile = generator.profile {
                guard let shape = column(profile, at: generator.location) else { continue }
                availability = .series(shape.map { min(1, $0 * generator.maxPerUnit) })
            }
            generators.append(
                GridGenerator(
                    name: generator.name, bus: generator.bus, carrier: generator.carrier, nominalPower: generator.nominalPower,
                    minPerUnit: .constant(generator.minPerUnit), maxPerUnit: availability, marginalCost: generator.marginalCost,
                    efficiency: generator.efficiency, origin: generator.location))
        }
        return GridNetwork(
            name: name, snapshots: snapshots, buses: buses, carriers: carriers, generators: generators, loads: loads,
            links: links, storageUnits: storage, co2Cap: co2CapTonnes, co2CapOrigin: co2CapLocation,
            greenImportShare: greenImportShare, valueOfLostLoad: valueOfLostLoad)
    }
}

// MARK: - Scenario overlays

/// A scenario overlay: changes that take effect from a year, and optional regional limits.
struct GridScenario {
    enum Change {
        case scaleDemand(factor: Double, bus: String?)
        case scaleCapacity(factor: Double, carrier: String, bus: String?)
        case setCapacity(component: String, megawatts: Double)
        case addLink(GridLink)
        case addGenerator(GridData.Generator)
        case addStorage(GridStorageUnit)
    }

    var year: Int?
    var co2CapTonnes: Double?
    var co2CapLocation: SourceLocation?
    var greenImportShare: GreenImportShare?
    var changes: [(from: Int, change: Change, location: SourceLocation)] = []

    func apply(to data: inout GridData, upTo year: Int, diagnostics: inout DiagnosticEngine) {
        for (from, change, location) in changes where from <= year {
            switch change {
            case .scaleDemand(let factor, let bus):
                var matched = false
                for i in data.loads.indices where bus == nil || data.loads[i].bus == bus {
                    data.loads[i].annualTWh *= factor
                    matched = true
                }
                if !matched { diagnostics.error(at: location, "no load at bus '\(bus ?? "")'", fix: "name a bus with a load") }
            case .scaleCapacity(let factor, let carrier, let bus):
                var matched = false
                for i in data.generators.indices
                where data.generators[i].carrier == carrier && (bus == nil || data.generators[i].bus == bus) {
                    data.generators[i].nominalPower *= factor
                    matched = true
                }
                for i in data.storage.indices where data.storage[i].carrier == carrier && (bus == nil || data.storage[i].bus == bus) {
                    data.storage[i].nominalPower *= factor
                    matched = true
                }
                if !matched {
                    diagnostics.error(
                        at: location, "no generator or storage of carrier '\(carrier)'\(bus.map { " at bus '\($0)'" } ?? "")",
                        fix: "check the carrier and bus names in grid.yaml")
                }
            case .setCapacity(let component, let megawatts):
                if let i = data.generators.firstIndex(where: { $0.name == component }) {
                    data.generators[i].nominalPower = megawatts
                } else if let i = data.links.firstIndex(where: { $0.name == component }) {
                    data.links[i].nominalPower = megawatts
                } else if let i = data.storage.firstIndex(where: { $0.name == component }) {
                    data.storage[i].nominalPower = megawatts
                } else {
                    diagnostics.error(at: location, "no generator, link or storage named '\(component)'", fix: "use a name from grid.yaml")
                }
            case .addLink(let link): data.links.append(link)
            case .addGenerator(let generator): data.generators.append(generator)
            case .addStorage(let unit): data.storage.append(unit)
            }
        }
        if let cap = co2CapTonnes {
            data.co2CapTonnes = cap
            data.co2CapLocation = co2CapLocation
        }
        if let share = greenImportShare { data.greenImportShare = share }
    }
}
