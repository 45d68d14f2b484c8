import RegionModel

/// One year of a province's trajectory: drivers, the power balance and CO2 by sector.
public struct ProjectedYear: Hashable, Sendable {
    public var year: Int
    /// `true` for base data (accounted years), `false` for projected years.
    public var isObserved: Bool
    public var population: Quantity<TenThousandPeople>
    /// GDP; projected years grow in real terms from the base year's current-price value.
    public var gdp: Quantity<HundredMillionYuan>
    public var energy: Quantity<TenThousandTCE>
    public var electricityDemand: Quantity<TWh>
    public var account: EmissionAccount
    /// Local non-fossil generation (nuclear, hydro, wind, solar, biomass, other; storage excluded): recorded in
    /// observed years where every such fuel has a value, projected as `local_nonfossil_share` × demand.
    public var nonFossilGeneration: Quantity<TWh>? = nil
    /// Local non-fossil capacity (storage excluded): recorded in observed years where every such fuel has a value;
    /// projected from the non-fossil generation at the base year's capacity per unit of generation.
    public var nonFossilCapacity: Quantity<GW>? = nil

    public var total: Quantity<MtCO2> { account.total }

    /// The Kaya factors of this year, for decomposition.
    public var kaya: KayaFactors {
        KayaFactors(population: population, gdp: gdp, energy: energy, emissions: account.total)
    }
}

/// A province's emissions from its base data through the scenario's horizon, with its peak.
public struct Trajectory: Hashable, Sendable {
    public var region: RegionID
    public var scenario: String
    public var baseYear: Int
    public var years: [ProjectedYear]

    /// The year of the highest total emissions over observed and projected years.
    public var peak: (year: Int, value: Quantity<MtCO2>) {
        // The first year with the highest total (ties go to the earlier year), each total computed once.
        var best = years[0]
        var bestTotal = best.total.value
        for year in years.dropFirst() {
            let total = year.total.value
            if total > bestTotal {
                best = year
                bestTotal = total
            }
        }
        return (best.year, Quantity(bestTotal))
    }

    /// Whether the peak is the first year shown: the true peak may lie earlier than the data.
    public var peakIsFirstYear: Bool { peak.year == years.first?.year }

    /// Whether the highest year is the last one projected: emissions are still rising at the horizon, so
    /// there is no peak before it (`peak` then names the horizon year, not a turning point).
    public var peakIsLastYear: Bool { years.count > 1 && peak.year == years.last?.year }

    /// Whether the trajectory meets the goal of peaking by 2030: the one place this verdict is computed.
    public var verdict: PeakVerdict { PeakVerdict(peakYear: peakIsLastYear ? nil : peak.year) }

    /// "Peak before 2030": the highest year is 2030 or earlier and emissions do not rise again after it.
    public var peaksBy2030: Bool { verdict == .meets }

    /// The row for `year`, if the trajectory covers it.
    public func year(_ year: Int) -> ProjectedYear? { years.first { $0.year == year } }

    /// LMDI decomposition of the change between two years of the trajectory.
    public func decomposition(from a: Int, to b: Int) -> KayaDecomposition? {
        guard let start = year(a), let end = year(b) else { return nil }
        return KayaDecomposition(from: a, start.kaya, to: b, end.kaya)
    }
}

/// Why a province cannot be projected.
public enum ProjectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No year has a complete emission account with population, GDP, energy use and electricity consumption.
    case noBaseYear(RegionID)
    /// No year up to the requested base year has a complete account.
    case noBaseYearBy(RegionID, year: Int)
    /// The balance needs local thermal generation but the province has none in the base year.
    case noThermalGeneration(RegionID, year: Int)

    public var description: String {
        switch self {
        case .noBaseYear(let id):
            "\(id) has no year with a complete account (emissions, population, GDP, energy use, electricity consumption) to project from"
        case .noBaseYearBy(let id, let year):
            "\(id) has no year up to \(year) with a complete account (emissions, population, GDP, energy use, electricity consumption) to project from"
        case .noThermalGeneration(let id, let year):
            "\(id) has local thermal CO2 but no thermal generation (coal, gas, oil) in \(year)"
        }
    }
}

/// Projects a province's emissions year by year from its latest complete base year under a scenario.
///
/// Power: demand grows by `electricity_demand_growth`, which is total demand including buildings (floor-area growth
/// adds no demand of its own; retrofits and new-building standards subtract their savings); local non-fossil and imported shares
/// follow their levers; local thermal generation fills the rest up to `coal_power_cap` (the excess is imported);
/// the thermal factor falls with `thermal_efficiency_gain`, the import factor with `import_green_share`; exports
/// keep their base-year ratio to local thermal. End-use sectors scale their base-year direct CO2 by their levers;
/// their electricity shares stay at the base year's. CCUS is netted from local thermal, then steel, then
/// petrochemicals. Levers a scenario does not give hold the base year's state.
public enum ProjectionEngine {
    /// EAF steel emits this much less direct CO2 per tonne than blast-furnace steel (estimate, see docs/methods.md).
    public static let eafDirectSaving = 0.7
    /// Retrofitted floor area uses this much less energy (estimate, see docs/methods.md).
    public static let retrofitSaving = 0.2
    /// Road passenger travel's share of transport CO2, the part a transit shift moves (estimate).
    public static let roadPassengerShare = 0.45
    /// Average vehicle life in years: the stock turns over this slowly.
    public static let vehicleLifetime = 12.0

    /// Fuels counted as local non-fossil generation and capacity: everything but thermal plants and storage.
    public static let nonFossilFuels = Fuel.allCases.filter { !$0.isThermal && !$0.isStorage }

    /// The trajectory of `province` from its base year to the scenario's horizon.
    ///
    /// The base year is the latest year with a complete account, or with `baseYear` the latest such year up to it;
    /// observed years after it are ignored (a back-test projects from an earlier base).
    public static func project(_ province: Province, scenario: Scenario, baseYear requestedBase: Int? = nil) throws(ProjectionError)
        -> Trajectory
    {
        project(try ProjectionBase(province, baseYear: requestedBase), scenario: scenario)
    }

    /// The trajectory from a prepared base (the observed years and the base-year state, which do not depend on the
    /// scenario: a Monte Carlo prepares them once per province).
    public static func project(_ prepared: ProjectionBase, scenario: Scenario) -> Trajectory {
        let baseYear = prepared.baseYear
        var years = prepared.observed
        let (thermal0, thermalFactor0, importFactor0, exportRatio) =
            (prepared.thermal0, prepared.thermalFactor0, prepared.importFactor0, prepared.exportRatio)
        let (nonFossilShare0, importShare0, capacityPerGeneration) =
            (prepared.nonFossilShare0, prepared.importShare0, prepared.capacityPerGeneration)
        let direct0 = prepared.direct0
        let shares0 = prepared.shares0
        let gdp0 = prepared.gdp0

        // Resolve every lever once (override, else region-wide) instead of per year.
        let resolved = Lever.allCases.map { scenario.path($0, for: prepared.region) }
        func lever(_ lever: Lever) -> LeverPath? { resolved[lever.index] }
        func value(_ l: Lever, _ year: Int, default fallback: Double) -> Double { lever(l)?.value(in: year) ?? fallback }
        let green0 = value(.importGreenShare, baseYear, default: 0)
        let eaf0 = value(.eafShare, baseYear, default: 0)
        let transit0 = value(.transitShare, baseYear, default: 0)
        let floorArea0 = value(.floorArea, baseYear, default: 0)
        var evStock = value(.evStockShare, baseYear, default: 0)
        let evStock0 = evStock
        let buildingElectricityShare = shares0[Sector.buildings]

        // MARK: Year by year
        var population = prepared.population0, gdp = gdp0, energy = prepared.energy0, demandPath = prepared.demand0
        var floorArea = floorArea0, petroIntensity = 1.0, industryIntensity = 1.0, otherIntensity = 1.0, transportActivity = 1.0
        for year in (baseYear + 1)...max(baseYear + 1, scenario.horizon) {
            let gdpGrowth = value(.gdpGrowth, year, default: 0)
            population *= 1 + value(.populationGrowth, year, default: 0)
            gdp *= 1 + gdpGrowth
            energy *= (1 + gdpGrowth) * (1 - value(.energyIntensityDecline, year, default: 0))
            demandPath *= 1 + value(.electricityDemandGrowth, year, default: 0)
            petroIntensity *= 1 - value(.petrochemicalIntensityDecline, year, default: 0)
            industryIntensity *= 1 - value(.industryIntensityDecline, year, default: 0)
            otherIntensity *= 1 - value(.otherIntensityDecline, year, default: 0)
            transportActivity *= 1 + value(.transportActivityGrowth, year, default: 0)
            floorArea *= 1 + value(.floorAreaGrowth, year, default: 0)
            evStock = evStock * (1 - 1 / vehicleLifetime) + value(.evNewSalesShare, year, default: evStock0) / vehicleLifetime

            // Buildings: new floor area at the new standard, retrofitted area saving `retrofitSaving`. Floor area
            // scales the buildings' direct (fuel) CO2; their electricity is already inside `electricity_demand_growth`
            // (total demand), so only the savings, as a share of the area's unsaved use, come off demand.
            var buildingFactor = 1.0
            var buildingSaving = 0.0
            if floorArea0 > 0 {
                let newArea = max(0, floorArea - floorArea0)
                let retrofitted = min(floorArea0, value(.retrofitArea, year, default: 0))
                let saved = retrofitSaving * retrofitted + newArea * value(.newBuildingSaving, year, default: 0)
                buildingFactor = (floorArea0 + newArea - saved) / floorArea0
                buildingSaving = saved / (floorArea0 + newArea)
            }
            let demand = demandPath * (1 - buildingElectricityShare * buildingSaving)

            // Power balance.
            let nonFossil = value(.localNonFossilShare, year, default: nonFossilShare0) * demand
            var imported = value(.importShare, year, default: importShare0) * demand
            var thermal = max(0, demand - nonFossil - imported) / (1 - exportRatio)
            if let cap = lever(.coalPowerCap)?.value(in: year), thermal > cap * thermal0 {
                imported += (thermal - cap * thermal0) * (1 - exportRatio)
                thermal = cap * thermal0
            }
            let thermalFactor = thermalFactor0 * (1 - value(.thermalEfficiencyGain, year, default: 0))
            let importFactor = green0 < 1 ? importFactor0 * (1 - value(.importGreenShare, year, default: green0)) / (1 - green0) : 0
            var localCO2 = thermal * thermalFactor
            var exportedCO2 = localCO2 * exportRatio
            let importedCO2 = imported * importFactor

            // End-use sectors, in `EndUseSector.allCases` order (an array: this loop runs for every draw).
            var direct = [Double](repeating: 0, count: Sector.count)
            let eaf = value(.eafShare, year, default: eaf0)
            direct[Sector.steel] =
                direct0[Sector.steel] * value(.steelOutputIndex, year, default: 1) * (1 - eafDirectSaving * eaf)
                / (1 - eafDirectSaving * eaf0)
            direct[Sector.petrochemicals] =
                direct0[Sector.petrochemicals] * value(.petrochemicalCapacityIndex, year, default: 1) * petroIntensity
            direct[Sector.otherIndustry] = direct0[Sector.otherIndustry] * (gdp / gdp0) * industryIntensity
            let transitShift = transit0 < 1 ? (value(.transitShare, year, default: transit0) - transit0) / (1 - transit0) : 0
            direct[Sector.transport] =
                direct0[Sector.transport] * transportActivity * (evStock0 < 1 ? (1 - evStock) / (1 - evStock0) : 1)
                * (1 - roadPassengerShare * transitShift)
            direct[Sector.buildings] = direct0[Sector.buildings] * buildingFactor
            direct[Sector.other] = direct0[Sector.other] * (gdp / gdp0) * otherIntensity

            // CCUS nets captured CO2 from local thermal power, then steel, then petrochemicals.
            var captured = value(.ccusCapture, year, default: 0)
            let fromPower = min(captured, max(0, localCO2 - exportedCO2))
            localCO2 -= fromPower
            captured -= fromPower
            exportedCO2 = min(exportedCO2, localCO2)
            for sector in [Sector.steel, Sector.petrochemicals] where captured > 0 {
                let taken = min(captured, direct[sector])
                direct[sector] -= taken
                captured -= taken
            }

            let power = PowerAccount(localThermal: Quantity(localCO2), imported: Quantity(importedCO2), exported: Quantity(exportedCO2))
            let sectors = EndUseSector.allCases.enumerated().map { i, sector in
                SectorAccount(sector: sector, direct: Quantity(max(0, direct[i])), indirect: power.total * shares0[i])
            }
            let account = EmissionAccount(
                region: prepared.region, year: year, power: power, sectors: sectors, gdp: Quantity(gdp), confidence: .estimate)
            years.append(
                ProjectedYear(
                    year: year, isObserved: false, population: Quantity(population), gdp: Quantity(gdp), energy: Quantity(energy),
                    electricityDemand: Quantity(demand), account: account, nonFossilGeneration: Quantity(nonFossil),
                    nonFossilCapacity: capacityPerGeneration.map { Quantity($0 * nonFossil) }))
        }
        return Trajectory(region: prepared.region, scenario: scenario.name, baseYear: baseYear, years: years)
    }

    /// Indices of `EndUseSector.allCases`, for the per-year arrays.
    enum Sector {
        static let steel = 0, petrochemicals = 1, otherIndustry = 2, transport = 3, buildings = 4, other = 5
        static let count = 6
    }

    /// Recorded local non-fossil generation in `year`: the sum over the fuels the province records at all, `nil`
    /// when one of them has no value that year.
    public static func recordedNonFossilGeneration(_ province: Province, year: Int) -> Quantity<TWh>? {
        completeSum(nonFossilFuels.compactMap { province.electricity.generation[$0] }, year: year)
    }

    /// Recorded local non-fossil capacity in `year`, as `recordedNonFossilGeneration` for capacity.
    public static func recordedNonFossilCapacity(_ province: Province, year: Int) -> Quantity<GW>? {
        completeSum(nonFossilFuels.compactMap { province.capacity[$0] }, year: year)
    }

    static func completeSum<U: UnitOfMeasure>(_ series: [Series<U>], year: Int) -> Quantity<U>? {
        guard !series.isEmpty else { return nil }
        var total = 0.0
        for s in series {
            guard let v = s.value(in: year) else { return nil }
            total += v.value
        }
        return Quantity(total)
    }
}

/// Whether a peak meets the goal "peak before 2030" (碳达峰 no later than 2030).
public enum PeakVerdict: String, Hashable, Sendable, Codable {
    case meets
    case misses
    case noPeak = "no-peak"

    /// The last year that counts as "before 2030": the national pledge is read as "no later than 2030".
    public static let deadline = 2030

    /// The verdict for a peak in `peakYear`; `nil` when emissions still rise at the horizon (no peak).
    public init(peakYear: Int?) {
        guard let peakYear else {
            self = .noPeak
            return
        }
        self = peakYear <= PeakVerdict.deadline ? .meets : .misses
    }
}

/// What a projection needs from a province, independent of the scenario: the observed years up to the base year and
/// the base-year state (drivers, power balance, factors, sector CO2 and electricity shares).
public struct ProjectionBase: Sendable {
    public var region: RegionID
    public var baseYear: Int
    /// The observed years up to the base year, as the trajectory shows them.
    public var observed: [ProjectedYear]
    var population0: Double, gdp0: Double, energy0: Double, demand0: Double
    var thermal0: Double, thermalFactor0: Double, importFactor0: Double, exportRatio: Double
    var nonFossilShare0: Double, importShare0: Double, capacityPerGeneration: Double?
    /// Base-year direct CO2 and electricity shares in `EndUseSector.allCases` order.
    var direct0: [Double], shares0: [Double]

    /// The base of `province`: its latest complete year, or the latest up to `baseYear`.
    public init(_ province: Province, baseYear requestedBase: Int? = nil) throws(ProjectionError) {
        let observedYears = province.accountedYears.filter { year in
            province.energyUse[year] != nil && province.electricity.consumption[year] != nil && year <= (requestedBase ?? .max)
        }
        guard let baseYear = observedYears.last, let base = EmissionAccounting.account(province, year: baseYear),
            let population0 = province.population.value(in: baseYear), let gdp0 = province.gdp.value(in: baseYear),
            let energy0 = province.energyUse.value(in: baseYear), let demand0 = province.electricity.consumption.value(in: baseYear)
        else {
            if let requestedBase { throw .noBaseYearBy(province.id, year: requestedBase) }
            throw .noBaseYear(province.id)
        }
        region = province.id
        self.baseYear = baseYear
        observed = observedYears.compactMap { year in
            guard let account = EmissionAccounting.account(province, year: year) else { return nil }
            return ProjectedYear(
                year: year, isObserved: true, population: province.population.value(in: year)!, gdp: province.gdp.value(in: year)!,
                energy: province.energyUse.value(in: year)!, electricityDemand: province.electricity.consumption.value(in: year)!,
                account: account, nonFossilGeneration: ProjectionEngine.recordedNonFossilGeneration(province, year: year),
                nonFossilCapacity: ProjectionEngine.recordedNonFossilCapacity(province, year: year))
        }

        // MARK: Base-year power balance
        let generation = { (fuels: [Fuel]) -> Double in
            fuels.reduce(0) { $0 + (province.electricity.generation[$1]?.value(in: baseYear)?.value ?? 0) }
        }
        let imports0 = province.electricity.imports.value(in: baseYear)?.value ?? 0
        let exports0 = province.electricity.exports.value(in: baseYear)?.value ?? 0
        let nonFossil0 = generation(ProjectionEngine.nonFossilFuels)
        capacityPerGeneration =
            nonFossil0 > 0 ? ProjectionEngine.recordedNonFossilCapacity(province, year: baseYear).map { $0.value / nonFossil0 } : nil
        var thermal0 = generation([.coal, .gas, .oil])
        if thermal0 <= 0 { thermal0 = max(0, demand0.value + exports0 - imports0 - nonFossil0) }
        guard thermal0 > 0 || base.power.localThermal.value == 0 else { throw .noThermalGeneration(province.id, year: baseYear) }
        self.thermal0 = thermal0
        thermalFactor0 = thermal0 > 0 ? base.power.localThermal.value / thermal0 : 0
        importFactor0 = imports0 > 0 ? base.power.imported.value / imports0 : 0
        exportRatio = thermal0 > 0 ? min(0.95, exports0 / thermal0) : 0
        nonFossilShare0 = demand0.value > 0 ? nonFossil0 / demand0.value : 0
        importShare0 = demand0.value > 0 ? imports0 / demand0.value : 0
        self.population0 = population0.value
        self.gdp0 = gdp0.value
        self.energy0 = energy0.value
        self.demand0 = demand0.value
        direct0 = EndUseSector.allCases.map { base.sector($0)?.direct.value ?? 0 }
        shares0 = EndUseSector.allCases.map { province.sectors[$0]?.electricityShare[baseYear]?.value ?? 0 }
    }
}
