/// A region's identifier: lowercase `[a-z0-9-]`, because ids become file and page names.
public struct RegionID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts only non-empty lowercase `[a-z0-9-]` ids that do not start with `-`.
    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Whether `text` may be used as a region id.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && !text.hasPrefix("-")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public static func < (a: RegionID, b: RegionID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

/// A name in the two languages briefs are written in.
public struct LocalizedName: Hashable, Sendable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }
}

/// Fuels and technologies of generation and capacity.
public enum Fuel: String, CaseIterable, Hashable, Sendable, Comparable {
    case coal, gas, oil, nuclear, hydro
    case pumpedHydro = "pumped_hydro"
    case wind, solar, biomass, battery, other

    /// Fossil fuels burnt in local thermal plants.
    public var isThermal: Bool { self == .coal || self == .gas || self == .oil }
    /// Storage moves energy in time; it generates nothing net.
    public var isStorage: Bool { self == .pumpedHydro || self == .battery }

    public static func < (a: Fuel, b: Fuel) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// End-use sectors as in the paper; the power sector is kept apart (local thermal and imported).
public enum EndUseSector: String, CaseIterable, Hashable, Sendable, Comparable {
    case steel, petrochemicals
    case otherIndustry = "other_industry"
    case transport, buildings, other

    public static func < (a: EndUseSector, b: EndUseSector) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A province's electricity balance: consumption, local generation by fuel, flows across its border.
public struct ElectricityBalance: Hashable, Sendable {
    public var consumption: Series<TWh>
    public var generation: [Fuel: Series<TWh>]
    /// Electricity received from outside the province (gross).
    public var imports: Series<TWh>
    /// Electricity sent out of the province (gross).
    public var exports: Series<TWh>

    public init(consumption: Series<TWh>, generation: [Fuel: Series<TWh>], imports: Series<TWh>, exports: Series<TWh>) {
        self.consumption = consumption
        self.generation = generation
        self.imports = imports
        self.exports = exports
    }
}

/// Power-sector CO2 as the paper counts it: local thermal plus imported, less what is sent out.
public struct PowerSectorEmissions: Hashable, Sendable {
    public var localThermal: Series<MtCO2>
    public var imported: Series<MtCO2>
    public var exported: Series<MtCO2>

    public init(localThermal: Series<MtCO2>, imported: Series<MtCO2>, exported: Series<MtCO2>) {
        self.localThermal = localThermal
        self.imported = imported
        self.exported = exported
    }
}

/// One end-use sector's direct CO2 and its share of the power sector's CO2 (its electricity use).
public struct EndUseEmissions: Hashable, Sendable {
    public var direct: Series<MtCO2>
    public var electricityShare: Series<Fraction>

    public init(direct: Series<MtCO2>, electricityShare: Series<Fraction>) {
        self.direct = direct
        self.electricityShare = electricityShare
    }
}

/// One province of the shared model, as written in `Regions/<id>.yaml`.
public struct Province: Hashable, Sendable {
    public var id: RegionID
    /// The short code used in tables and the grid (SH, JS, ZJ, AH).
    public var code: String
    /// The administrative division code (GB/T 2260, e.g. 310000 for Shanghai); provinces are listed in its order.
    public var divisionCode: Int?
    public var name: LocalizedName
    public var population: Series<TenThousandPeople>
    public var gdp: Series<HundredMillionYuan>
    public var energyUse: Series<TenThousandTCE>
    public var electricity: ElectricityBalance
    public var capacity: [Fuel: Series<GW>]
    public var power: PowerSectorEmissions
    public var sectors: [EndUseSector: EndUseEmissions]
    /// Published aggregates that derivations read (`statistics.…` in the file), by dotted path, in the schema's unit.
    public var statistics: [String: RawSeries]

    public init(
        id: RegionID, code: String, name: LocalizedName, population: Series<TenThousandPeople>,
        gdp: Series<HundredMillionYuan>, energyUse: Series<TenThousandTCE>, electricity: ElectricityBalance,
        capacity: [Fuel: Series<GW>], power: PowerSectorEmissions, sectors: [EndUseSector: EndUseEmissions],
        divisionCode: Int? = nil, statistics: [String: RawSeries] = [:]
    ) {
        self.id = id
        self.divisionCode = divisionCode
        self.code = code
        self.name = name
        self.population = population
        self.gdp = gdp
        self.energyUse = energyUse
        self.electricity = electricity
        self.capacity = capacity
        self.power = power
        self.sectors = sectors
        self.statistics = statistics
    }

    /// Years for which the whole emissions account (power and every sector), population and GDP exist.
    public var accountedYears: [Int] {
        let years = Set(power.localThermal.years).intersection(population.years).intersection(gdp.years)
        return years.filter { year in
            power.imported[year] != nil && power.exported[year] != nil
                && EndUseSector.allCases.allSatisfy {
                    sectors[$0]?.direct[year] != nil && sectors[$0]?.electricityShare[year] != nil
                }
        }.sorted()
    }
}
