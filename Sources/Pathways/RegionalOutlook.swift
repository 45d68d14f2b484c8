import RegionModel

/// Every province's trajectory under one scenario, and the delta's (their sum over the years all share).
public struct RegionalOutlook: Hashable, Sendable {
    public var scenario: Scenario
    public var provinces: [Trajectory]
    /// The delta as a whole, `region` = `yrd`.
    public var delta: Trajectory

    /// The id used for the four provinces together.
    public static let deltaID = RegionID(rawValue: "yrd")!

    /// Projects every province of `model` under `scenario`, from each one's latest complete year up to `baseYear`
    /// (default: its latest complete year).
    public init(model: RegionalModel, scenario: Scenario, baseYear: Int? = nil) throws(ProjectionError) {
        var bases: [ProjectionBase] = []
        for province in model.provinces { bases.append(try ProjectionBase(province, baseYear: baseYear)) }
        self.init(bases: bases, scenario: scenario)
    }

    /// Projects every prepared province base under `scenario` (a Monte Carlo prepares the bases once).
    public init(bases: [ProjectionBase], scenario: Scenario) {
        self.scenario = scenario
        provinces = bases.map { ProjectionEngine.project($0, scenario: scenario) }
        delta = Self.sum(provinces, scenario: scenario.name)
    }

    /// A province's trajectory by id, or the delta's for `yrd`.
    public func trajectory(_ id: String) -> Trajectory? {
        id == Self.deltaID.rawValue ? delta : provinces.first { $0.region.rawValue == id }
    }

    /// The sum of several trajectories over the years they all cover. Imports between provinces are counted
    /// once: in the receiver's imports and as the sender's exports.
    static func sum(_ trajectories: [Trajectory], scenario: String) -> Trajectory {
        var common = Set(trajectories.first?.years.map(\.year) ?? [])
        for trajectory in trajectories.dropFirst() { common.formIntersection(trajectory.years.map(\.year)) }
        let byYear = trajectories.map { t in Dictionary(uniqueKeysWithValues: t.years.map { ($0.year, $0) }) }
        // Plain loops rather than `sum()` over mapped arrays: this runs for every Monte Carlo draw.
        let years = common.sorted().map { year -> ProjectedYear in
            let rows = byYear.compactMap { $0[year] }
            var local = 0.0, imported = 0.0, exported = 0.0, gdp = 0.0, population = 0.0, energy = 0.0, demand = 0.0
            var direct = [Double](repeating: 0, count: EndUseSector.allCases.count)
            var indirect = direct
            for row in rows {
                local += row.account.power.localThermal.value
                imported += row.account.power.imported.value
                exported += row.account.power.exported.value
                gdp += row.gdp.value
                population += row.population.value
                energy += row.energy.value
                demand += row.electricityDemand.value
                for sector in row.account.sectors {
                    let i = EndUseSector.allCases.firstIndex(of: sector.sector)!
                    direct[i] += sector.direct.value
                    indirect[i] += sector.indirect.value
                }
            }
            let power = PowerAccount(localThermal: Quantity(local), imported: Quantity(imported), exported: Quantity(exported))
            let sectors = EndUseSector.allCases.enumerated().map { i, sector in
                SectorAccount(sector: sector, direct: Quantity(direct[i]), indirect: Quantity(indirect[i]))
            }
            let account = EmissionAccount(
                region: deltaID, year: year, power: power, sectors: sectors, gdp: Quantity(gdp),
                confidence: Confidence.weakest(rows.map(\.account.confidence)))
            return ProjectedYear(
                year: year, isObserved: rows.allSatisfy(\.isObserved), population: Quantity(population), gdp: Quantity(gdp),
                energy: Quantity(energy), electricityDemand: Quantity(demand), account: account,
                nonFossilGeneration: sumIfComplete(rows.map(\.nonFossilGeneration)),
                nonFossilCapacity: sumIfComplete(rows.map(\.nonFossilCapacity)))
        }
        return Trajectory(region: deltaID, scenario: scenario, baseYear: trajectories.map(\.baseYear).max() ?? 0, years: years)
    }

    /// The sum of several values, `nil` when any is missing.
    static func sumIfComplete<U: UnitOfMeasure>(_ values: [Quantity<U>?]) -> Quantity<U>? {
        var total = 0.0
        for value in values {
            guard let value else { return nil }
            total += value.value
        }
        return Quantity(total)
    }
}
