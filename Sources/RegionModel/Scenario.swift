/// A policy lever or driver of the projection: what it means, its unit and the values that make sense.
public enum Lever: String, CaseIterable, Hashable, Sendable, Comparable {
    case gdpGrowth = "gdp_growth"
    case populationGrowth = "population_growth"
    case energyIntensityDecline = "energy_intensity_decline"
    case electricityDemandGrowth = "electricity_demand_growth"
    case localNonFossilShare = "local_nonfossil_share"
    case importShare = "import_share"
    case importGreenShare = "import_green_share"
    case coalPowerCap = "coal_power_cap"
    case thermalEfficiencyGain = "thermal_efficiency_gain"
    case steelOutputIndex = "steel_output_index"
    case eafShare = "eaf_share"
    case petrochemicalCapacityIndex = "petrochemical_capacity_index"
    case petrochemicalIntensityDecline = "petrochemical_intensity_decline"
    case industryIntensityDecline = "industry_intensity_decline"
    case transportActivityGrowth = "transport_activity_growth"
    case evNewSalesShare = "ev_new_sales_share"
    case evStockShare = "ev_stock_share"
    case transitShare = "transit_share"
    case floorArea = "floor_area"
    case floorAreaGrowth = "floor_area_growth"
    case retrofitArea = "retrofit_area"
    case newBuildingSaving = "new_building_saving"
    case ccusCapture = "ccus_capture"
    case otherIntensityDecline = "other_intensity_decline"

    public static func < (a: Lever, b: Lever) -> Bool { a.index < b.index }

    /// The lever's position in `allCases`, for array-indexed lookups.
    public var index: Int {
        switch self {
        case .gdpGrowth: 0
        case .populationGrowth: 1
        case .energyIntensityDecline: 2
        case .electricityDemandGrowth: 3
        case .localNonFossilShare: 4
        case .importShare: 5
        case .importGreenShare: 6
        case .coalPowerCap: 7
        case .thermalEfficiencyGain: 8
        case .steelOutputIndex: 9
        case .eafShare: 10
        case .petrochemicalCapacityIndex: 11
        case .petrochemicalIntensityDecline: 12
        case .industryIntensityDecline: 13
        case .transportActivityGrowth: 14
        case .evNewSalesShare: 15
        case .evStockShare: 16
        case .transitShare: 17
        case .floorArea: 18
        case .floorAreaGrowth: 19
        case .retrofitArea: 20
        case .newBuildingSaving: 21
        case .ccusCapture: 22
        case .otherIntensityDecline: 23
        }
    }

    /// The lever's row in the scenario schema.
    public var spec: LeverSpec { LeverSpec.table[self]! }
}

/// One row of the scenario schema: a lever's unit, meaning and admissible range (canonical unit).
public struct LeverSpec: Sendable {
    public var unitSymbol: String
    public var acceptedUnits: [String]
    public var factor: @Sendable (String) -> Double?
    public var meaning: String
    public var range: ClosedRange<Double>

    init<U: UnitOfMeasure>(_ unit: U.Type, _ meaning: String, _ range: ClosedRange<Double>) {
        unitSymbol = U.symbol
        acceptedUnits = U.acceptedSpellings
        factor = { U.factor(for: $0) }
        self.meaning = meaning
        self.range = range
    }

    static let table: [Lever: LeverSpec] = [
        .gdpGrowth: LeverSpec(PerYear.self, "Real GDP growth per year", -0.1...0.2),
        .populationGrowth: LeverSpec(PerYear.self, "Resident population growth per year", -0.05...0.05),
        .energyIntensityDecline: LeverSpec(PerYear.self, "Fall of energy use per unit of GDP per year", -0.05...0.15),
        .electricityDemandGrowth: LeverSpec(PerYear.self, "Growth of electricity consumption per year", -0.1...0.2),
        .localNonFossilShare: LeverSpec(
            Fraction.self, "Share of consumption met by local non-fossil generation (nuclear, renewables)", 0...1),
        .importShare: LeverSpec(Fraction.self, "Share of consumption met by electricity received from outside (net)", 0...1),
        .importGreenShare: LeverSpec(Fraction.self, "Zero-carbon share of the electricity received", 0...1),
        .coalPowerCap: LeverSpec(Ratio.self, "Cap on local thermal generation as a multiple of the base year (excess is imported)", 0...3),
        .thermalEfficiencyGain: LeverSpec(
            Fraction.self, "Fall of CO2 per kWh of local thermal power since the base year (efficiency, coal-to-gas)", 0...0.9),
        .steelOutputIndex: LeverSpec(Ratio.self, "Crude-steel output relative to the base year", 0...3),
        .eafShare: LeverSpec(Fraction.self, "Share of steel made in electric-arc furnaces", 0...1),
        .petrochemicalCapacityIndex: LeverSpec(Ratio.self, "Petrochemical capacity relative to the base year", 0...3),
        .petrochemicalIntensityDecline: LeverSpec(
            PerYear.self, "Fall of direct CO2 per unit of petrochemical output per year", -0.05...0.2),
        .industryIntensityDecline: LeverSpec(
            PerYear.self, "Fall of direct CO2 per unit of value added in other industry per year", -0.05...0.2),
        .transportActivityGrowth: LeverSpec(PerYear.self, "Growth of road, water and air transport activity per year", -0.1...0.2),
        .evNewSalesShare: LeverSpec(Fraction.self, "Electric share of new vehicles (the stock follows with a 12-year turnover)", 0...1),
        .evStockShare: LeverSpec(
            Fraction.self, "Electric share of the vehicle stock in the base year (later years follow from new sales)", 0...1),
        .transitShare: LeverSpec(Fraction.self, "Public-transport share of motorised passenger trips", 0...1),
        .floorArea: LeverSpec(
            MillionSquareMetres.self, "Building floor area in the base year (needed to weigh retrofits and new buildings)", 1...100_000),
        .floorAreaGrowth: LeverSpec(PerYear.self, "Growth of building floor area per year", -0.05...0.1),
        .retrofitArea: LeverSpec(
            MillionSquareMetres.self, "Cumulative energy retrofit of existing buildings since the base year", 0...100_000),
        .newBuildingSaving: LeverSpec(Fraction.self, "Energy saving of new buildings against the base-year stock (standards)", 0...1),
        .ccusCapture: LeverSpec(MtCO2.self, "CO2 captured and stored per year (power and industry)", 0...1_000),
        .otherIntensityDecline: LeverSpec(PerYear.self, "Fall of direct CO2 per unit of GDP in other sectors per year", -0.05...0.2),
    ]
}

/// A lever's values over time, linearly interpolated between the given years and held flat outside.
public struct LeverPath: Hashable, Sendable {
    /// The anchor points (year, value in the lever's canonical unit), sorted by year.
    public var points: [(year: Int, value: Double)] { zip(years, values).map { ($0, $1) } }
    public private(set) var years: [Int]
    public private(set) var values: [Double]
    /// The range each anchor value may lie in (same order as `values`, canonical unit), from the scenario file's
    /// `band` or `ranges`; `nil` where the file states none. Uncertainty analyses draw from it.
    public private(set) var ranges: [ClosedRange<Double>?]
    public var provenance: Provenance

    /// A path through `points`; `ranges` gives, by year, the range an anchor value may lie in.
    public init(points: [(year: Int, value: Double)], provenance: Provenance, ranges: [Int: ClosedRange<Double>] = [:]) {
        let sorted = points.sorted { $0.year < $1.year }
        years = sorted.map(\.year)
        values = sorted.map(\.value)
        self.ranges = sorted.map { ranges[$0.year] }
        self.provenance = provenance
    }

    /// Whether any anchor states a range.
    public var isUncertain: Bool { ranges.contains { $0 != nil } }

    /// The path with every anchor that has a range moved to the same relative position `position` ∈ [0, 1] in it
    /// (0 = low end, 1 = high end): one draw moves the whole path together and keeps its shape.
    public func placed(at position: Double) -> LeverPath {
        var copy = self
        for (i, range) in ranges.enumerated() {
            if let range { copy.values[i] = range.lowerBound + (range.upperBound - range.lowerBound) * position }
        }
        return copy
    }

    /// The value in `year`.
    public func value(in year: Int) -> Double {
        guard let first = years.first, let last = years.last else { return 0 }
        if year <= first { return values[0] }
        if year >= last { return values[values.count - 1] }
        let i = years.firstIndex { $0 > year }!
        let (y0, y1, v0, v1) = (years[i - 1], years[i], values[i - 1], values[i])
        return v0 + (v1 - v0) * Double(year - y0) / Double(y1 - y0)
    }
}

/// A target a province has announced, named in the scenario's words about that province (e.g. Shanghai's
/// "80 million m² of retrofits by 2030"), with the source it comes from.
public struct NamedTarget: Hashable, Sendable {
    public var text: LocalizedName
    public var provenance: Provenance

    public init(text: LocalizedName, provenance: Provenance) {
        self.text = text
        self.provenance = provenance
    }
}

/// A named set of assumptions for the projection: region-wide levers and per-province overrides.
public struct Scenario: Hashable, Sendable {
    public var name: String
    public var title: LocalizedName
    /// What the scenario assumes, in words true of every province (a province's own targets are in `targets`).
    public var summary: LocalizedName
    /// Each province's named targets behind its levers, by province.
    public var targets: [RegionID: [NamedTarget]] = [:]
    /// The last projected year.
    public var horizon: Int
    public var levers: [Lever: LeverPath]
    public var overrides: [RegionID: [Lever: LeverPath]]

    public init(
        name: String, title: LocalizedName, summary: LocalizedName, horizon: Int, levers: [Lever: LeverPath],
        overrides: [RegionID: [Lever: LeverPath]]
    ) {
        self.name = name
        self.title = title
        self.summary = summary
        self.horizon = horizon
        self.levers = levers
        self.overrides = overrides
    }

    /// The path of `lever` for `region`: its override, else the region-wide value, else `nil`.
    public func path(_ lever: Lever, for region: RegionID) -> LeverPath? {
        overrides[region]?[lever] ?? levers[lever]
    }
}

/// The whole shared model, loaded once from `Regions/` by one loader: provinces, the source catalogue, the
/// projection scenarios, the grid with its base year and scenario overlays, and the agreements. Every command
/// and the analysis layer take this value; nothing reads `Regions/` behind it.
public struct RegionalModel: Sendable {
    /// Provinces in the order of their administrative division codes (GB/T 2260, as statistical yearbooks list
    /// them: Shanghai, Jiangsu, Zhejiang, Anhui), then by id for provinces without one.
    public var provinces: [Province]
    public var sources: [String: SourceReference]
    /// Scenarios by name, sorted.
    public var scenarios: [Scenario]
    /// The grid of `Regions/grid/`; `nil` when the model has none.
    public var grid: GridModel?
    /// The agreements of `Regions/agreements/`, sorted by file name.
    public var agreements: [Agreement]
    /// Where the data was read from, as messages name it (e.g. `Regions`).
    public var displayRoot: String

    public init(
        provinces: [Province], sources: [String: SourceReference], scenarios: [Scenario], grid: GridModel? = nil,
        agreements: [Agreement] = [], displayRoot: String = "Regions"
    ) {
        self.provinces = provinces.sorted {
            let a = $0.divisionCode ?? Int.max
            let b = $1.divisionCode ?? Int.max
            return a == b ? $0.id < $1.id : a < b
        }
        self.sources = sources
        self.scenarios = scenarios.sorted { $0.name < $1.name }
        self.grid = grid
        self.agreements = agreements
        self.displayRoot = displayRoot
    }

    /// The province with this id.
    public func province(_ id: String) -> Province? { provinces.first { $0.id.rawValue == id } }
    /// The scenario with this name.
    public func scenario(_ name: String) -> Scenario? { scenarios.first { $0.name == name } }
    /// The ids of the provinces, as agreements and grid buses name them.
    public var provinceIDs: Set<String> { Set(provinces.map(\.id.rawValue)) }
}

extension LeverPath {
    public static func == (a: LeverPath, b: LeverPath) -> Bool {
        a.years == b.years && a.values == b.values && a.ranges == b.ranges && a.provenance == b.provenance
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(years)
        hasher.combine(values)
    }
}
