import Diagnostics

// MARK: - The grid as written in Regions/grid/, before a scenario is applied

/// The delta's grid as `Regions/grid/` defines it: the base network of `baseYear`, its hourly profiles and the
/// scenario overlays, each with its own year. Pure data; `network(scenario:year:)` applies an overlay.
public struct GridModel: Sendable {
    /// The base grid (`grid.yaml`).
    public var base: GridDefinition
    /// The representative-day profiles (`profiles.csv`).
    public var profiles: GridProfiles
    /// The scenario overlays of `grid/scenarios/`, sorted by name.
    public var overlays: [GridOverlay]
    /// Where the grid files are, as messages name them (e.g. `Regions/grid`).
    public var displayRoot: String

    /// Creates the grid model from its parts.
    public init(base: GridDefinition, profiles: GridProfiles, overlays: [GridOverlay], displayRoot: String) {
        self.base = base
        self.profiles = profiles
        self.overlays = overlays.sorted { $0.name < $1.name }
        self.displayRoot = displayRoot
    }

    /// The overlay named `name`.
    public func overlay(_ name: String) -> GridOverlay? { overlays.first { $0.name == name } }

    /// The year a scenario's dispatch describes: `year` when given, else the overlay's own year, else the base year.
    public func effectiveYear(scenario: String, year: Int? = nil) -> Int {
        year ?? overlay(scenario)?.year ?? base.baseYear
    }

    /// The dispatch network of `scenario` with its changes applied up to `year` (default: the scenario's year).
    /// Candidate lines and links (`extendable`) keep their given capacity unless `expand` is set; with it the LP
    /// chooses their capacity from their minimum up (`yrdplan dispatch --expand`).
    public func network(scenario: String, year: Int? = nil, expand: Bool = false) throws(DiagnosticsError) -> GridNetwork {
        var diagnostics = DiagnosticEngine()
        guard let overlay = overlay(scenario) else {
            let path = "\(displayRoot)/scenarios/\(scenario).yaml"
            let known = overlays.map(\.name)
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: path), "there is no grid scenario '\(scenario)'",
                    fix: known.isEmpty ? "add \(path)" : "use one of: \(known.joined(separator: ", "))")
            ])
        }
        let effectiveYear = effectiveYear(scenario: scenario, year: year)
        var data = base
        overlay.apply(to: &data, upTo: effectiveYear, diagnostics: &diagnostics)
        let network = data.network(
            profiles: profiles, name: "yrd-\(scenario)-\(effectiveYear)", year: effectiveYear, diagnostics: &diagnostics)
        if let network {
            for problem in network.validate() { diagnostics.report(problem) }
        }
        try diagnostics.failIfErrors()
        guard let network else { throw DiagnosticsError(diagnostics.sorted) }
        return expand ? network.withCandidatesFromMinimum() : network.withFixedCapacities()
    }
}

/// The hourly profile table: a label and a weight (hours represented) per snapshot, and one column per profile.
public struct GridProfiles: Sendable {
    public var labels: [String]
    public var weights: [Double]
    public var columns: [String: [Double]]
    /// The file as messages name it.
    public var path: String

    /// Creates the table from its columns.
    public init(labels: [String], weights: [Double], columns: [String: [Double]], path: String) {
        self.labels = labels
        self.weights = weights
        self.columns = columns
        self.path = path
    }
}

/// The base grid as `grid.yaml` writes it: loads as annual energy with a profile name, generators with an
/// optional availability profile; `network(profiles:…)` attaches the profiles.
public struct GridDefinition: Sendable {
    /// A load: annual energy at a bus, shaped by a profile.
    public struct Load: Sendable {
        public var bus: String
        public var annualTWh: Double
        public var profile: String
        public var location: SourceLocation

        /// Creates the load.
        public init(bus: String, annualTWh: Double, profile: String, location: SourceLocation) {
            self.bus = bus
            self.annualTWh = annualTWh
            self.profile = profile
            self.location = location
        }
    }

    /// A generator; its availability is `maxPerUnit`, shaped by `profile` when it names one.
    public struct Generator: Sendable {
        public var name, bus, carrier: String
        public var nominalPower, marginalCost, efficiency, minPerUnit, maxPerUnit: Double
        public var profile: String?
        public var location: SourceLocation

        /// Creates the generator.
        public init(
            name: String, bus: String, carrier: String, nominalPower: Double, marginalCost: Double, efficiency: Double,
            minPerUnit: Double, maxPerUnit: Double, profile: String?, location: SourceLocation
        ) {
            self.name = name
            self.bus = bus
            self.carrier = carrier
            self.nominalPower = nominalPower
            self.marginalCost = marginalCost
            self.efficiency = efficiency
            self.minPerUnit = minPerUnit
            self.maxPerUnit = maxPerUnit
            self.profile = profile
            self.location = location
        }
    }

    /// The year the base grid describes (`base_year`).
    public var baseYear: Int
    public var profilesFile: String
    public var valueOfLostLoad: Double
    public var carriers: [GridCarrier] = []
    public var buses: [GridBus] = []
    public var loads: [Load] = []
    public var generators: [Generator] = []
    public var links: [GridLink] = []
    /// AC lines; a candidate's capital cost is annual (yuan/MW/yr) here and scaled to the profile hours by `network`.
    public var lines: [GridLine] = []
    public var storage: [GridStorageUnit] = []
    public var co2CapTonnes: Double?
    public var co2CapLocation: SourceLocation?
    public var greenImportShare: GreenImportShare?

    /// An empty grid of `baseYear`; the reader fills the components.
    public init(baseYear: Int, profilesFile: String, valueOfLostLoad: Double) {
        self.baseYear = baseYear
        self.profilesFile = profilesFile
        self.valueOfLostLoad = valueOfLostLoad
    }

    /// Attaches the profiles: loads are profile shapes scaled to their annual energy; generator
    /// profiles are availability per unit of capacity.
    func network(profiles: GridProfiles, name: String, year: Int, diagnostics: inout DiagnosticEngine) -> GridNetwork? {
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
                    minPerUnit: .constant(generator.minPerUnit), maxPerUnit: availability, marginalCost: .constant(generator.marginalCost),
                    efficiency: .constant(generator.efficiency), origin: generator.location))
        }
        // Capital costs are annual; the dispatch covers the profile table's hours.
        let yearShare = profiles.weights.reduce(0, +) / 8760
        func scaled(_ expansion: GridExpansion?) -> GridExpansion? {
            expansion.map { GridExpansion(capitalCost: $0.capitalCost * yearShare, minimum: $0.minimum, maximum: $0.maximum) }
        }
        let links = self.links.map { link in
            var copy = link
            copy.expansion = scaled(link.expansion)
            return copy
        }
        let lines = self.lines.map { line in
            var copy = line
            copy.expansion = scaled(line.expansion)
            return copy
        }
        return GridNetwork(
            name: name, snapshots: snapshots, buses: buses, carriers: carriers, generators: generators, loads: loads,
            links: links, storageUnits: storage, lines: lines, co2Cap: co2CapTonnes, co2CapOrigin: co2CapLocation,
            greenImportShare: greenImportShare, valueOfLostLoad: valueOfLostLoad, year: year)
    }
}

// MARK: - Scenario overlays

/// A scenario overlay of the grid (`grid/scenarios/NAME.yaml`): changes that take effect from a year, and
/// optional regional limits. Its `year` is the year its dispatch describes.
public struct GridOverlay: Sendable {
    /// One change of an overlay.
    public enum Change: Sendable {
        case scaleDemand(factor: Double, bus: String?)
        case scaleCapacity(factor: Double, carrier: String, bus: String?)
        case setCapacity(component: String, megawatts: Double)
        case addLink(GridLink)
        case addLine(GridLine)
        case addGenerator(GridDefinition.Generator)
        case addStorage(GridStorageUnit)
    }

    /// A change with the first year it applies and where it is written.
    public struct DatedChange: Sendable {
        public var from: Int
        public var change: Change
        public var location: SourceLocation

        /// Creates the dated change.
        public init(from: Int, change: Change, location: SourceLocation) {
            self.from = from
            self.change = change
            self.location = location
        }
    }

    /// The file stem, e.g. `policy`.
    public var name: String
    /// The one-line title written in the file, if any.
    public var title: String?
    /// The year the scenario describes; `nil` means the base year.
    public var year: Int?
    public var co2CapTonnes: Double?
    public var co2CapLocation: SourceLocation?
    public var greenImportShare: GreenImportShare?
    public var changes: [DatedChange] = []
    /// Where the overlay is written.
    public var location: SourceLocation

    /// An overlay without changes.
    public init(name: String, title: String? = nil, year: Int? = nil, location: SourceLocation) {
        self.name = name
        self.title = title
        self.year = year
        self.location = location
    }

    /// Applies every change that takes effect by `year` to `data`.
    public func apply(to data: inout GridDefinition, upTo year: Int, diagnostics: inout DiagnosticEngine) {
        for dated in changes where dated.from <= year {
            let location = dated.location
            switch dated.change {
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
                } else if let i = data.lines.firstIndex(where: { $0.name == component }) {
                    data.lines[i].nominalPower = megawatts
                } else if let i = data.storage.firstIndex(where: { $0.name == component }) {
                    data.storage[i].nominalPower = megawatts
                } else {
                    diagnostics.error(
                        at: location, "no generator, link, line or storage named '\(component)'", fix: "use a name from grid.yaml")
                }
            case .addLink(let link): data.links.append(link)
            case .addLine(let line): data.lines.append(line)
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
