/// One field of a province file: where it sits, its unit, what it means and what values make sense.
/// The table of these drives validation of `Regions/` and the data-reference page.
public struct FieldSpec: Sendable {
    /// The keys leading to the series, e.g. `["electricity", "generation", "coal"]`.
    public var path: [String]
    /// The canonical unit the model stores.
    public var unitSymbol: String
    /// Every spelling accepted in files.
    public var acceptedUnits: [String]
    /// Converts a value written in `spelling` into the canonical unit; `nil` for an unknown spelling.
    public var factor: @Sendable (String) -> Double?
    /// What the number means, for the data-reference page.
    public var meaning: String
    /// Required fields must be present with the years in `DataSchema.requiredYears`.
    public var required: Bool
    /// Values above this (in the canonical unit) are rejected as absurd.
    public var plausibleMaximum: Double

    public init<U: UnitOfMeasure>(
        _ path: [String], _ unit: U.Type, _ meaning: String, required: Bool = true, plausibleMaximum: Double
    ) {
        self.path = path
        self.unitSymbol = U.symbol
        self.acceptedUnits = U.acceptedSpellings
        self.factor = { U.factor(for: $0) }
        self.meaning = meaning
        self.required = required
        self.plausibleMaximum = plausibleMaximum
    }

    /// The dotted name used in messages, e.g. `electricity.generation.coal`.
    public var dottedPath: String { path.joined(separator: ".") }
}

/// The province data schema as a table (PyPSA-style): the single place that says which fields exist.
public enum DataSchema {
    /// Every province must give its required fields for at least these years.
    public static let requiredYears = [2019, 2020]

    /// Top-level keys that are not series.
    public static let identityKeys = ["id", "code", "division_code", "name"]

    /// Keys of one value entry in a series.
    /// `range` belongs to a judgement, `derived` to a derivation (see `Derivation`).
    public static let valueKeys = ["year", "value", "source", "ref", "confidence", "note", "range", "derived"]

    /// Every series field of a province file.
    public static let provinceFields: [FieldSpec] = {
        var fields: [FieldSpec] = [
            FieldSpec(["population"], TenThousandPeople.self, "Resident population (常住人口), year end or census", plausibleMaximum: 20_000),
            FieldSpec(["gdp"], HundredMillionYuan.self, "Gross domestic product, current prices", plausibleMaximum: 500_000),
            FieldSpec(["energy_use"], TenThousandTCE.self, "Total energy consumption (能源消费总量)", plausibleMaximum: 200_000),
            FieldSpec(["electricity", "consumption"], TWh.self, "Total electricity consumption (全社会用电量)", plausibleMaximum: 2_000),
            FieldSpec(
                ["electricity", "imports"], TWh.self, "Electricity received from outside the province (gross)", plausibleMaximum: 2_000),
            FieldSpec(["electricity", "exports"], TWh.self, "Electricity sent out of the province (gross)", plausibleMaximum: 2_000),
            FieldSpec(["emissions", "power", "local_thermal"], MtCO2.self, "CO2 of all local thermal generation", plausibleMaximum: 3_000),
            FieldSpec(
                ["emissions", "power", "imported"], MtCO2.self, "CO2 of electricity received, at the sending grid's factor",
                plausibleMaximum: 3_000),
            FieldSpec(["emissions", "power", "exported"], MtCO2.self, "CO2 of local generation sent out", plausibleMaximum: 3_000),
        ]
        for fuel in Fuel.allCases where !fuel.isStorage {
            fields.append(
                FieldSpec(
                    ["electricity", "generation", fuel.rawValue], TWh.self, "Local generation from \(fuel.rawValue)", required: false,
                    plausibleMaximum: 2_000))
        }
        for fuel in Fuel.allCases {
            fields.append(
                FieldSpec(
                    ["capacity", fuel.rawValue], GW.self, "Installed \(fuel.rawValue) capacity", required: false, plausibleMaximum: 1_000))
        }
        for sector in EndUseSector.allCases {
            fields.append(
                FieldSpec(
                    ["emissions", sector.rawValue, "direct"], MtCO2.self, "Direct (combustion and process) CO2 of \(sector.rawValue)",
                    plausibleMaximum: 3_000))
            fields.append(
                FieldSpec(
                    ["emissions", sector.rawValue, "electricity_share"], Fraction.self,
                    "Share of the power sector's CO2 due to \(sector.rawValue)'s electricity use", plausibleMaximum: 1))
        }
        fields += statisticsFields
        return fields
    }()

    /// Published aggregates the model does not use directly but derivations read (`statistics.…`): the statistics
    /// as their publishers define them, so that the model's fields can be derived from them in the open.
    public static let statisticsFields: [FieldSpec] = {
        var fields: [FieldSpec] = [
            FieldSpec(
                ["statistics", "generation", "thermal_above_scale"], TWh.self,
                "Thermal generation of plants above designated size (规上火电, NBS), all fossil and biomass/waste fuels", required: false,
                plausibleMaximum: 2_000),
            FieldSpec(
                ["statistics", "generation", "hydro_incl_pumped"], TWh.self,
                "Hydro generation above designated size, including pumped-storage output (NBS)", required: false, plausibleMaximum: 2_000),
            FieldSpec(
                ["statistics", "generation", "solar_above_scale"], TWh.self,
                "Solar generation above designated size (NBS; excludes most distributed PV)", required: false, plausibleMaximum: 2_000),
            FieldSpec(
                ["statistics", "capacity", "thermal"], GW.self, "Thermal capacity (coal, gas, oil, biomass/waste), plants ≥ 6 MW",
                required: false, plausibleMaximum: 1_000),
            FieldSpec(
                ["statistics", "capacity", "hydro_incl_pumped"], GW.self, "Hydro capacity including pumped storage, plants ≥ 6 MW",
                required: false, plausibleMaximum: 1_000),
        ]
        for (key, meaning) in ceadsSectors {
            fields.append(
                FieldSpec(
                    ["statistics", "ceads", key], MtCO2.self, "CEADs inventory (scope 1): \(meaning)", required: false,
                    plausibleMaximum: 3_000))
        }
        return fields
    }()

    /// The CEADs inventory rows a province file may carry under `statistics.ceads`, with their meaning.
    public static let ceadsSectors: [(key: String, meaning: String)] = [
        ("total", "total CO2"),
        ("power_heat", "production and supply of electric power, steam and hot water"),
        ("power_heat_coal", "power/heat sector, coal and coal-product columns"),
        ("power_heat_gas", "power/heat sector, natural-gas column"),
        ("industry", "industry: mining, manufacturing, gas and water supply, with process CO2 (total less the other sectors)"),
        ("process", "process CO2 (cement)"),
        ("steel", "smelting and pressing of ferrous metals"),
        ("nonmetal_minerals", "non-metal mineral products"),
        ("nonferrous", "smelting and pressing of non-ferrous metals"),
        ("petroleum_coking", "petroleum processing and coking"),
        ("chemicals", "raw chemical materials and chemical products"),
        ("chemical_fibre", "chemical fibre"),
        ("transport", "transportation, storage, post and telecommunication services"),
        ("transport_kerosene", "transport sector, kerosene column (aviation)"),
        ("wholesale_retail", "wholesale, retail trade and catering services"),
        ("others", "other services (the sector 'Others')"),
        ("commercial", "commercial and other services (wholesale, retail, catering and others)"),
        ("urban", "urban households"),
        ("rural", "rural households"),
        ("residential", "households (urban and rural)"),
        ("agriculture", "farming, forestry, animal husbandry, fishery and water conservancy"),
        ("construction", "construction"),
    ]

    /// The field at `path`, if the schema has one.
    public static func field(at path: [String]) -> FieldSpec? {
        provinceFields.first { $0.path == path }
    }

    /// Whether `path` leads towards some field (a group such as `electricity` or `emissions.power`).
    public static func isGroup(_ path: [String]) -> Bool {
        provinceFields.contains { $0.path.count > path.count && Array($0.path.prefix(path.count)) == path }
    }

    /// The known keys directly under the group at `path`, for "did you mean" messages.
    public static func keys(under path: [String]) -> [String] {
        var keys: [String] = []
        for field in provinceFields where field.path.count > path.count && Array(field.path.prefix(path.count)) == path {
            let key = field.path[path.count]
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }
}
