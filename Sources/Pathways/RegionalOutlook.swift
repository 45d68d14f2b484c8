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
        self.scenario = scenario
        var trajectories: [Trajectory] = []
        for province in model.provinces {
            trajectories.append(try ProjectionEngine.project(province, scenario: scenario, baseYear: baseYear))
        }
        provinces = trajectories
        delta = Self.sum(trajectories, scenario: scenario.name)
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
        let years = common.sorted().map { year -> ProjectedYear in
            let rows = byYear.compactMap { $0[year] }
            let power = PowerAccount(
                localThermal: rows.map(\.account.power.localThermal).sum(), imported: rows.map(\.account.power.imported).sum(),
                exported: rows.map(\.account.power.exported).sum())
            let sectors = EndUseSector.allCases.map { sector in
                SectorAccount(
                    sector: sector, direct: rows.compactMap { $0.account.sector(sector)?.direct }.sum(),
                    indirect: rows.compactMap { $0.account.sector(sector)?.indirect }.sum())
            }
            let gdp = rows.map(\.gdp).sum()
            let account = EmissionAccount(
                region: deltaID, year: year, power: power, sectors: sectors, gdp: gdp,
                confidence: Confidence.weakest(rows.map(\.account.confidence)))
            return ProjectedYear(
                year: year, isObserved: rows.allSatisfy(\.isObserved), population: rows.map(\.population).sum(), gdp: gdp,
                energy: rows.map(\.energy).sum(), electricityDemand: rows.map(\.electricityDemand).sum(), account: account,
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
