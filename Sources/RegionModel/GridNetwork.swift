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

    /// The profile with `transform` applied to every value.
    public func map(_ transform: (Double) -> Double) -> GridProfile {
        switch self {
        case .constant(let value): .constant(transform(value))
        case .series(let values): .series(values.map(transform))
        }
    }

    /// Whether every value (the constant, or each value of the series) satisfies `predicate`.
    public func allSatisfy(_ predicate: (Double) -> Bool) -> Bool {
        switch self {
        case .constant(let value): predicate(value)
        case .series(let values): values.allSatisfy(predicate)
        }
    }

    /// The first value that fails `predicate`, with its snapshot (nil for a constant), or nil when all pass.
    public func firstViolation(of predicate: (Double) -> Bool) -> (value: Double, snapshot: Int?)? {
        switch self {
        case .constant(let value): predicate(value) ? nil : (value, nil)
        case .series(let values): values.firstIndex { !predicate($0) }.map { (values[$0], $0) }
        }
    }
}

/// A number written where a profile is expected is the same value in every snapshot.
extension GridProfile: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self = .constant(value) }
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }
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
    /// The bus carrier: lines between `DC` buses obey Kirchhoff's voltage law with their resistance, all others with
    /// their reactance (PyPSA's sub-network carrier).
    public var carrier: String
    public var origin: SourceLocation?

    public init(
        name: String, region: String? = nil, isExternal: Bool = false, carrier: String = "AC", origin: SourceLocation? = nil
    ) {
        self.name = name
        self.region = region
        self.isExternal = isExternal
        self.carrier = carrier
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

/// Capacity expansion of one component (PyPSA's `*_nom_extendable`): the optimiser chooses the capacity between
/// `minimum` and `maximum` and pays `capitalCost` per unit of it; the component's given capacity is then only the
/// capacity that already exists (its capital cost is PyPSA's `objective_constant`).
public struct GridExpansion: Sendable, Hashable {
    /// Cost per MW (MVA, MWh for stores) of capacity over the period, in the network's currency.
    public var capitalCost: Double
    /// Lower bound of the optimal capacity (PyPSA's `p_nom_min`).
    public var minimum: Double
    /// Upper bound of the optimal capacity (PyPSA's `p_nom_max`; infinite when unlimited).
    public var maximum: Double
    /// The capacity the optimum must have (PyPSA's `p_nom_set`, `s_nom_set`, `e_nom_set`), on top of the bounds.
    public var fixed: Double?

    public init(capitalCost: Double, minimum: Double = 0, maximum: Double = .infinity, fixed: Double? = nil) {
        self.capitalCost = capitalCost
        self.minimum = minimum
        self.maximum = maximum
        self.fixed = fixed
    }
}

/// Ramp limits of a generator or link (PyPSA's ramp_limit_up / ramp_limit_down, per unit of capacity per
/// snapshot): p_t − p_{t−1} ≤ up(t)·p_nom and p_{t−1} − p_t ≤ down(t)·p_nom; nil where there is no limit, and NaN in
/// a snapshot where that snapshot has none.
public struct GridRampLimits: Sendable, Hashable {
    public var up: GridProfile?
    public var down: GridProfile?
    /// Output before the first snapshot (PyPSA's p_init); without it the first snapshot is free.
    public var initialPower: Double?

    public init(up: GridProfile? = nil, down: GridProfile? = nil, initialPower: Double? = nil) {
        self.up = up
        self.down = down
        self.initialPower = initialPower
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
    /// Running cost, yuan/MWh (per snapshot).
    public var marginalCost: GridProfile
    /// Electric output per unit of primary energy (for CO2), per snapshot.
    public var efficiency: GridProfile
    /// Output fixed in some snapshots, MW, by snapshot index (PyPSA's p_set).
    public var fixedOutput: [Int: Double] = [:]
    /// Set when the capacity is chosen by the optimiser (then `nominalPower` is the existing capacity).
    public var expansion: GridExpansion?
    /// Bounds on the energy produced over the period, MWh (generator weighting; PyPSA's e_sum_min, e_sum_max).
    public var minEnergy: Double
    public var maxEnergy: Double
    public var ramp: GridRampLimits?
    public var origin: SourceLocation?

    public init(
        name: String, bus: String, carrier: String, nominalPower: Double, minPerUnit: GridProfile = .constant(0),
        maxPerUnit: GridProfile = .constant(1), marginalCost: GridProfile, efficiency: GridProfile = 1,
        expansion: GridExpansion? = nil, minEnergy: Double = -.infinity, maxEnergy: Double = .infinity,
        ramp: GridRampLimits? = nil, origin: SourceLocation? = nil
    ) {
        self.ramp = ramp
        self.minEnergy = minEnergy
        self.maxEnergy = maxEnergy
        self.expansion = expansion
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

/// A controllable link (a DC corridor, one direction of an AC corridor, a converter or a conversion plant): p0 MW
/// leaves `bus0`, efficiency·p0 arrives at `bus1` and efficiency_k·p0 at each further port (a negative efficiency
/// draws from that bus). p0 lies between p_nom·p_min_pu and p_nom·p_max_pu; p_min_pu < 0 makes it bidirectional.
public struct GridLink: Sendable, Hashable {
    public var name: String
    public var bus0: String
    public var bus1: String
    public var carrier: String
    /// Capacity at the sending end, MW.
    public var nominalPower: Double
    /// Delivered per sent MWh (1 − losses), per snapshot.
    public var efficiency: GridProfile
    /// Wheeling charge or hurdle cost per sent MWh, yuan/MWh, per snapshot.
    public var marginalCost: GridProfile
    /// Lowest p0 per unit of capacity (negative: flow from bus1 to bus0 allowed), per snapshot.
    public var minPerUnit: GridProfile
    /// Highest p0 per unit of capacity, per snapshot.
    public var maxPerUnit: GridProfile
    /// Flow p0 fixed in some snapshots, MW, by snapshot index (PyPSA's p_set).
    public var fixedFlow: [Int: Double] = [:]
    /// Further outputs (PyPSA's bus2, efficiency2, …): efficiency·p0 arrives at each bus.
    public var extraPorts: [GridLinkPort]
    /// Set when the capacity is chosen by the optimiser.
    public var expansion: GridExpansion?
    public var ramp: GridRampLimits?
    public var origin: SourceLocation?

    public init(
        name: String, bus0: String, bus1: String, carrier: String = "AC", nominalPower: Double,
        efficiency: GridProfile = 1, marginalCost: GridProfile = 0, minPerUnit: GridProfile = 0, maxPerUnit: GridProfile = 1,
        extraPorts: [GridLinkPort] = [], expansion: GridExpansion? = nil, ramp: GridRampLimits? = nil,
        origin: SourceLocation? = nil
    ) {
        self.ramp = ramp
        self.minPerUnit = minPerUnit
        self.maxPerUnit = maxPerUnit
        self.extraPorts = extraPorts
        self.expansion = expansion
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

/// A further output of a multi-port link: efficiency·p0 arrives at `bus` (PyPSA's `bus2`/`efficiency2`, …).
public struct GridLinkPort: Sendable, Hashable {
    public var bus: String
    /// Delivered at `bus` per MWh sent, per snapshot.
    public var efficiency: GridProfile

    public init(bus: String, efficiency: GridProfile) {
        self.bus = bus
        self.efficiency = efficiency
    }
}

/// A line (or transformer) of PyPSA's linearised (DC) power flow: flow s MW from bus0 to bus1, |s| ≤ s_nom·s_max_pu,
/// and around every cycle of lines and transformers the flows weighted by their per-unit reactance (resistance
/// between DC buses) sum to zero (Kirchhoff's voltage law).
public struct GridLine: Sendable, Hashable {
    public var name: String
    public var bus0: String
    public var bus1: String
    /// Series reactance in per unit of 1 MVA (PyPSA's x_pu_eff = x / v_nom² of bus0, Ω / kV²).
    public var reactancePerUnit: Double
    /// Series resistance in per unit (PyPSA's r_pu_eff), the weight between DC buses.
    public var resistancePerUnit: Double
    /// Thermal rating, MVA.
    public var nominalPower: Double
    /// Usable share of the rating per snapshot (PyPSA's s_max_pu).
    public var maxPerUnit: GridProfile
    /// Set when the rating is chosen by the optimiser.
    public var expansion: GridExpansion?
    /// Whether it is a transformer (PyPSA's `Transformer`, named apart from lines) rather than a line.
    public var isTransformer: Bool
    public var origin: SourceLocation?

    public init(
        name: String, bus0: String, bus1: String, reactancePerUnit: Double, resistancePerUnit: Double = 0,
        nominalPower: Double, maxPerUnit: GridProfile = .constant(1), expansion: GridExpansion? = nil,
        isTransformer: Bool = false, origin: SourceLocation? = nil
    ) {
        self.isTransformer = isTransformer
        self.name = name
        self.bus0 = bus0
        self.bus1 = bus1
        self.reactancePerUnit = reactancePerUnit
        self.resistancePerUnit = resistancePerUnit
        self.nominalPower = nominalPower
        self.maxPerUnit = maxPerUnit
        self.expansion = expansion
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
    /// Stored per MWh charged, per snapshot.
    public var efficiencyStore: GridProfile
    /// Delivered per MWh taken from the store, per snapshot.
    public var efficiencyDispatch: GridProfile
    /// Cost per dispatched MWh, yuan/MWh, per snapshot.
    public var marginalCost: GridProfile
    /// Dispatch limit per unit of p_nom (PyPSA's p_max_pu: dispatch ≤ p_max_pu·p_nom), per snapshot.
    public var maxPerUnit: GridProfile = 1
    /// Charging limit per unit of p_nom, negative (PyPSA's p_min_pu: charge ≤ −p_min_pu·p_nom), per snapshot.
    public var minPerUnit: GridProfile = -1
    /// Cost per MWh of inflow spilled (PyPSA's spill_cost), per snapshot.
    public var spillCost: GridProfile = 0
    /// Cost per MWh stored for one hour (PyPSA's marginal_cost_storage, on the state of charge), per snapshot.
    public var storageCost: GridProfile = 0
    /// Dispatch, charging and net output (dispatch − charge) fixed in some snapshots, MW, by snapshot index (PyPSA's
    /// p_dispatch_set, p_store_set and p_set).
    public var fixedDispatch: [Int: Double] = [:]
    public var fixedCharge: [Int: Double] = [:]
    public var fixedNetOutput: [Int: Double] = [:]
    /// Whether the state of charge at the end must equal the one before the first snapshot.
    public var cyclicStateOfCharge: Bool
    /// State of charge before the first snapshot when not cyclic, MWh.
    public var initialStateOfCharge: Double
    /// Share of the stored energy lost per hour (PyPSA's standing_loss), per snapshot.
    public var standingLoss: GridProfile
    /// Natural inflow per snapshot, MW (hydro); what cannot be stored is spilled.
    public var inflow: GridProfile
    /// States of charge fixed at the end of some snapshots, MWh, by snapshot index (PyPSA's state_of_charge_set).
    public var fixedStateOfCharge: [Int: Double]
    /// Set when the power capacity (and with it the energy capacity max_hours·p_nom) is chosen by the optimiser.
    public var expansion: GridExpansion?
    public var origin: SourceLocation?

    public init(
        name: String, bus: String, carrier: String, nominalPower: Double, maxHours: Double,
        efficiencyStore: GridProfile = 1, efficiencyDispatch: GridProfile = 1, marginalCost: GridProfile = 0,
        cyclicStateOfCharge: Bool = true, initialStateOfCharge: Double = 0, standingLoss: GridProfile = 0,
        inflow: GridProfile = .constant(0), fixedStateOfCharge: [Int: Double] = [:], expansion: GridExpansion? = nil,
        origin: SourceLocation? = nil
    ) {
        self.standingLoss = standingLoss
        self.inflow = inflow
        self.fixedStateOfCharge = fixedStateOfCharge
        self.expansion = expansion
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

/// A store (PyPSA's `Store`): energy e between e_nom·e_min_pu and e_nom·e_max_pu MWh, exchanged with its bus at any
/// power p (positive: into the bus), e_t = (1 − standing_loss)^hours · e_{t−1} − hours · p_t.
public struct GridStore: Sendable, Hashable {
    public var name: String
    public var bus: String
    public var carrier: String
    /// Energy capacity, MWh.
    public var nominalEnergy: Double
    public var minPerUnit: GridProfile
    public var maxPerUnit: GridProfile
    /// Energy before the first snapshot when not cyclic, MWh.
    public var initialEnergy: Double
    /// Whether the energy at the end must equal the one before the first snapshot.
    public var cyclic: Bool
    /// Share of the stored energy lost per hour, per snapshot.
    public var standingLoss: GridProfile
    /// Cost per MWh delivered to the bus (negative p earns it back), in the network's currency, per snapshot.
    public var marginalCost: GridProfile
    /// Cost per MWh stored for one hour (PyPSA's marginal_cost_storage, on e), per snapshot.
    public var storageCost: GridProfile = 0
    /// Power p and energy e fixed in some snapshots, by snapshot index (PyPSA's p_set, MW, and e_set, MWh).
    public var fixedPower: [Int: Double] = [:]
    public var fixedEnergy: [Int: Double] = [:]
    /// Set when the energy capacity is chosen by the optimiser.
    public var expansion: GridExpansion?
    public var origin: SourceLocation?

    public init(
        name: String, bus: String, carrier: String, nominalEnergy: Double, minPerUnit: GridProfile = .constant(0),
        maxPerUnit: GridProfile = .constant(1), initialEnergy: Double = 0, cyclic: Bool = false, standingLoss: GridProfile = 0,
        marginalCost: GridProfile = 0, expansion: GridExpansion? = nil, origin: SourceLocation? = nil
    ) {
        self.name = name
        self.bus = bus
        self.carrier = carrier
        self.nominalEnergy = nominalEnergy
        self.minPerUnit = minPerUnit
        self.maxPerUnit = maxPerUnit
        self.initialEnergy = initialEnergy
        self.cyclic = cyclic
        self.standingLoss = standingLoss
        self.marginalCost = marginalCost
        self.expansion = expansion
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
    /// Lines of the linearised power flow (PyPSA networks; the AC ring of the delta's own grid).
    public var lines: [GridLine]
    public var storageUnits: [GridStorageUnit]
    /// Stores (PyPSA networks; the delta's own grid has none).
    public var stores: [GridStore]
    /// Upper limit on total CO2 of generation over the period, t (its dual is the carbon price).
    public var co2Cap: Double?
    public var co2CapOrigin: SourceLocation?
    public var greenImportShare: GreenImportShare?
    /// Cost of each unserved MWh, yuan/MWh; load above all supply is shed at this price.
    public var valueOfLostLoad: Double
    /// The year the network describes (the delta grid's base or scenario year); `nil` when the input does not say.
    public var year: Int?
    /// Whether links may deliver more than they take (efficiency above 1: heat pumps in PyPSA networks); the delta's
    /// corridors may not.
    public var allowsLinkGain = false

    public init(
        name: String, snapshots: [GridSnapshot], buses: [GridBus], carriers: [GridCarrier] = [],
        generators: [GridGenerator] = [], loads: [GridLoad] = [], links: [GridLink] = [],
        storageUnits: [GridStorageUnit] = [], lines: [GridLine] = [], stores: [GridStore] = [], co2Cap: Double? = nil,
        co2CapOrigin: SourceLocation? = nil,
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
        self.lines = lines
        self.stores = stores
        self.co2Cap = co2Cap
        self.co2CapOrigin = co2CapOrigin
        self.greenImportShare = greenImportShare
        self.valueOfLostLoad = valueOfLostLoad
    }

    /// Capital cost of the capacity the extendable components already have (their given p_nom/s_nom): PyPSA's
    /// `objective_constant`, which its reported `objective` leaves out.
    public var existingCapacityCost: Double {
        var sum = 0.0
        for generator in generators { sum += (generator.expansion?.capitalCost ?? 0) * generator.nominalPower }
        for link in links { sum += (link.expansion?.capitalCost ?? 0) * link.nominalPower }
        for line in lines { sum += (line.expansion?.capitalCost ?? 0) * line.nominalPower }
        for unit in storageUnits { sum += (unit.expansion?.capitalCost ?? 0) * unit.nominalPower }
        for store in stores { sum += (store.expansion?.capitalCost ?? 0) * store.nominalEnergy }
        return sum
    }

    /// The same network with every extendable line and link held at its given capacity (the dispatch without
    /// `--expand`): their capacity is an input again, not a choice of the LP; lines of zero capacity are left out.
    public func withFixedCapacities() -> GridNetwork {
        var copy = self
        for i in copy.links.indices { copy.links[i].expansion = nil }
        for i in copy.lines.indices { copy.lines[i].expansion = nil }
        // A line not yet built must not take part in Kirchhoff's voltage law: zero rating would pin its flow at 0.
        copy.lines.removeAll { $0.nominalPower == 0 }
        return copy
    }

    /// The network `--expand` optimises: each candidate line and link starts from its minimum (what surely exists,
    /// PyPSA's p_nom), so the capital cost beyond PyPSA's objective constant is that of what the LP builds.
    public func withCandidatesFromMinimum() -> GridNetwork {
        var copy = self
        for i in copy.links.indices { if let e = copy.links[i].expansion { copy.links[i].nominalPower = e.minimum } }
        for i in copy.lines.indices { if let e = copy.lines[i].expansion { copy.lines[i].nominalPower = e.minimum } }
        return copy
    }

    /// The network without the candidates' new capacity: each at its minimum, fixed (the reference of `--expand`).
    public func withCandidatesAtMinimum() -> GridNetwork {
        withCandidatesFromMinimum().withFixedCapacities()
    }

    /// Names of the lines and links whose capacity `--expand` lets the LP choose.
    public var candidates: [String] {
        links.filter { $0.expansion != nil }.map(\.name) + lines.filter { $0.expansion != nil }.map(\.name)
    }

    /// Snapshots with hours per snapshot for `count` hourly snapshots labelled 0, 1, ….
    public static func hourlySnapshots(_ count: Int) -> [GridSnapshot] {
        (0..<count).map { GridSnapshot(label: String($0)) }
    }
}
