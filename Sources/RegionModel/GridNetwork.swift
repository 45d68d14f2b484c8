import Diagnostics

/// A value per snapshot that is either the same in every snapshot or given as a time series.
public enum GridProfile: Sendable, Hashable {
    case constant(Double)
    case series([Double])

    /// The value in snapshot `t`.
    @inlinable public subscript(t: Int) -> Double {
        switch self {
        case .constant(let value): value
        case .series(let values): values[t]
        }
    }

    /// Whether the value changes over time (a time series).
    public var isSeries: Bool {
        if case .series = self { return true }
        return false
    }
}

/// One period of the dispatch (an hour, or an hour of a typical day) with its weightings in hours:
/// `objective` weights costs, `generators` weights energy and emissions, `stores` weights the
/// state-of-charge change (PyPSA's snapshot weightings).
public struct GridSnapshot: Sendable, Hashable {
    public var label: String
    public var objectiveWeight: Double
    public var generatorWeight: Double
    public var storeWeight: Double

    public init(label: String, objectiveWeight: Double = 1, generatorWeight: Double = 1, storeWeight: Double = 1) {
        self.label = label
        self.objectiveWeight = objectiveWeight
        self.generatorWeight = generatorWeight
        self.storeWeight = storeWeight
    }
}

/// A node of the grid: a province or an external supply region behind a UHV corridor.
public struct GridBus: Sendable, Hashable {
    public var name: String
    /// The region id it belongs to (e.g. `shanghai`), or nil for an external supply region.
    public var region: String?
    /// Whether it lies outside the delta (supply regions at the sending end of UHV corridors).
    public var isExternal: Bool
    public var origin: SourceLocation?

    public init(name: String, region: String? = nil, isExternal: Bool = false, origin: SourceLocation? = nil) {
        self.name = name
        self.region = region
        self.isExternal = isExternal
        self.origin = origin
    }
}

/// An energy carrier (coal, gas, hydro, …) with its CO2 intensity in t CO2 per MWh of primary energy.
public struct GridCarrier: Sendable, Hashable {
    public var name: String
    /// t CO2 per MWh of primary energy (an electric MWh emits this divided by the generator efficiency).
    public var co2PerPrimaryMWh: Double
    /// Whether power of this carrier counts as green (renewable) for the green-import share.
    public var isRenewable: Bool
    public var origin: SourceLocation?

    public init(name: String, co2PerPrimaryMWh: Double = 0, isRenewable: Bool = false, origin: SourceLocation? = nil) {
        self.name = name
        self.co2PerPrimaryMWh = co2PerPrimaryMWh
        self.isRenewable = isRenewable
        self.origin = origin
    }
}

/// A generator (or a fleet of identical units) at a bus: output between p_nom·p_min_pu and p_nom·p_max_pu MW.
public struct GridGenerator: Sendable, Hashable {
    public var name: String
    public var bus: String
    public var carrier: String
    /// Installed capacity, MW.
    public var nominalPower: Double
    /// Minimum output per unit of capacity (per snapshot).
    public var minPerUnit: GridProfile
    /// Availability per unit of capacity (per snapshot): weather for wind and solar, water for hydro.
    public var maxPerUnit: GridProfile
    /// Running cost, yuan/MWh.
    public var marginalCost: Double
    /// Electric output per unit of primary energy (for CO2).
    public var efficiency: Double
    public var origin: SourceLocation?

    public init(
        name: String, bus: String, carrier: String, nominalPower: Double, minPerUnit: GridProfile = .constant(0),
        maxPerUnit: GridProfile = .constant(1), marginalCost: Double, efficiency: Double = 1,
        origin: SourceLocation? = nil
    ) {
        self.name = name
        self.bus = bus
        self.carrier = carrier
        self.nominalPower = nominalPower
        self.minPerUnit = minPerUnit
        self.maxPerUnit = maxPerUnit
        self.marginalCost = marginalCost
        self.efficiency = efficiency
        self.origin = origin
    }
}

/// Demand at a bus, MW per snapshot.
public struct GridLoad: Sendable, Hashable {
    public var name: String
    public var bus: String
    public var demand: GridProfile
    public var origin: SourceLocation?

    public init(name: String, bus: String, demand: GridProfile, origin: SourceLocation? = nil) {
        self.name = name
        self.bus = bus
        self.demand = demand
        self.origin = origin
    }
}

/// A unidirectional link (a DC corridor, or one direction of an AC corridor): p0 MW leaves `bus0`,
/// efficiency·p0 arrives at `bus1`.
public struct GridLink: Sendable, Hashable {
    public var name: String
    public var bus0: String
    public var bus1: String
    public var carrier: String
    /// Capacity at the sending end, MW.
    public var nominalPower: Double
    /// Delivered per sent MWh (1 − losses).
    public var efficiency: Double
    /// Wheeling charge or hurdle cost per sent MWh, yuan/MWh.
    public var marginalCost: Double
    public var origin: SourceLocation?

    public init(
        name: String, bus0: String, bus1: String, carrier: String = "AC", nominalPower: Double,
        efficiency: Double = 1, marginalCost: Double = 0, origin: SourceLocation? = nil
    ) {
        self.name = name
        self.bus0 = bus0
        self.bus1 = bus1
        self.carrier = carrier
        self.nominalPower = nominalPower
        self.efficiency = efficiency
        self.marginalCost = marginalCost
        self.origin = origin
    }
}

/// A storage unit (pumped hydro, battery): power p_nom MW, energy max_hours·p_nom MWh.
public struct GridStorageUnit: Sendable, Hashable {
    public var name: String
    public var bus: String
    public var carrier: String
    public var nominalPower: Double
    public var maxHours: Double
    public var efficiencyStore: Double
    public var efficiencyDispatch: Double
    /// Cost per dispatched MWh, yuan/MWh.
    public var marginalCost: Double
    /// Whether the state of charge at the end must equal the one before the first snapshot.
    public var cyclicStateOfCharge: Bool
    /// State of charge before the first snapshot when not cyclic, MWh.
    public var initialStateOfCharge: Double
    public var origin: SourceLocation?

    public init(
        name: String, bus: String, carrier: String, nominalPower: Double, maxHours: Double,
        efficiencyStore: Double = 1, efficiencyDispatch: Double = 1, marginalCost: Double = 0,
        cyclicStateOfCharge: Bool = true, initialStateOfCharge: Double = 0, origin: SourceLocation? = nil
    ) {
        self.name = name
        self.bus = bus
        self.carrier = carrier
        self.nominalPower = nominalPower
        self.maxHours = maxHours
        self.efficiencyStore = efficiencyStore
        self.efficiencyDispatch = efficiencyDispatch
        self.marginalCost = marginalCost
        self.cyclicStateOfCharge = cyclicStateOfCharge
        self.initialStateOfCharge = initialStateOfCharge
        self.origin = origin
    }
}

/// A minimum share of green (renewable) generation in the power the delta imports from external buses,
/// over the whole period (energy weighted by the generator weighting).
public struct GreenImportShare: Sendable, Hashable {
    /// Between 0 and 1.
    public var minimumShare: Double
    public var origin: SourceLocation?

    public init(minimumShare: Double, origin: SourceLocation? = nil) {
        self.minimumShare = minimumShare
        self.origin = origin
    }
}

/// A whole dispatch model: snapshots, buses, carriers, generators, loads, links, storage and the
/// optional regional limits. Pure data; `validate()` reports every problem at once.
public struct GridNetwork: Sendable, Hashable {
    public var name: String
    public var snapshots: [GridSnapshot]
    public var buses: [GridBus]
    public var carriers: [GridCarrier]
    public var generators: [GridGenerator]
    public var loads: [GridLoad]
    public var links: [GridLink]
    public var storageUnits: [GridStorageUnit]
    /// Upper limit on total CO2 of generation over the period, t (its dual is the carbon price).
    public var co2Cap: Double?
    public var co2CapOrigin: SourceLocation?
    public var greenImportShare: GreenImportShare?
    /// Cost of each unserved MWh, yuan/MWh; load above all supply is shed at this price.
    public var valueOfLostLoad: Double
    /// The year the network describes (the delta grid's base or scenario year); `nil` when the input does not say.
    public var year: Int?

    public init(
        name: String, snapshots: [GridSnapshot], buses: [GridBus], carriers: [GridCarrier] = [],
        generators: [GridGenerator] = [], loads: [GridLoad] = [], links: [GridLink] = [],
        storageUnits: [GridStorageUnit] = [], co2Cap: Double? = nil, co2CapOrigin: SourceLocation? = nil,
        greenImportShare: GreenImportShare? = nil, valueOfLostLoad: Double = 100_000, year: Int? = nil
    ) {
        self.year = year
        self.name = name
        self.snapshots = snapshots
        self.buses = buses
        self.carriers = carriers
        self.generators = generators
        self.loads = loads
        self.links = links
        self.storageUnits = storageUnits
        self.co2Cap = co2Cap
        self.co2CapOrigin = co2CapOrigin
        self.greenImportShare = greenImportShare
        self.valueOfLostLoad = valueOfLostLoad
    }

    /// Snapshots with hours per snapshot for `count` hourly snapshots labelled 0, 1, ….
    public static func hourlySnapshots(_ count: Int) -> [GridSnapshot] {
        (0..<count).map { GridSnapshot(label: String($0)) }
    }
}
