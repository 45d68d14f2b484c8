import Pathways
import RegionModel
import Testing

/// Hand-checkable projections of a made-up province (test data, built in code).
@Suite struct ProjectionTests {
    static let provenance = Provenance(source: "test", confidence: .synthetic, note: "test")

    static func series<U>(_ values: [Int: Double]) -> Series<U> {
        Series(values.map { Observation(year: $0.key, quantity: Quantity($0.value), provenance: provenance) })
    }

    /// 2020 base: 100 TWh demand met by 60 coal + 10 solar + 30 imports; 50 Mt local thermal, 12 Mt imported.
    static func province(id: String = "testland") -> Province {
        let year = 2020
        let shares: [EndUseSector: Double] = [
            .steel: 0.1, .petrochemicals: 0.1, .otherIndustry: 0.4, .transport: 0.05, .buildings: 0.3, .other: 0.05,
        ]
        let direct: [EndUseSector: Double] = [.steel: 10, .petrochemicals: 8, .otherIndustry: 12, .transport: 20, .buildings: 6, .other: 4]
        var sectors: [EndUseSector: EndUseEmissions] = [:]
        for sector in EndUseSector.allCases {
            sectors[sector] = EndUseEmissions(direct: series([year: direct[sector]!]), electricityShare: series([year: shares[sector]!]))
        }
        return Province(
            id: RegionID(rawValue: id)!, code: "TL", name: LocalizedName(en: "Testland", zh: "测试省"),
            population: series([year: 1000]), gdp: series([year: 20000]), energyUse: series([year: 8000]),
            electricity: ElectricityBalance(
                consumption: series([year: 100]), generation: [.coal: series([year: 60]), .solar: series([year: 10])],
                imports: series([year: 30]), exports: series([year: 0])),
            capacity: [:],
            power: PowerSectorEmissions(localThermal: series([year: 50]), imported: series([year: 12]), exported: series([year: 0])),
            sectors: sectors)
    }

    static func scenario(_ levers: [Lever: [(Int, Double)]], horizon: Int = 2040) -> Scenario {
        Scenario(
            name: "test", title: LocalizedName(en: "Test", zh: "测试"), summary: LocalizedName(en: "", zh: ""), horizon: horizon,
            levers: levers.mapValues { LeverPath(points: $0.map { (year: $0.0, value: $0.1) }, provenance: provenance) },
            overrides: [:])
    }

    @Test func withoutLeversEverythingHoldsTheBaseYear() throws {
        let t = try ProjectionEngine.project(Self.province(), scenario: Self.scenario([:]))
        #expect(t.baseYear == 2020)
        #expect(t.years.count == 21)
        let base = try #require(t.year(2020)).total.value
        #expect(base == 50 + 12 + 60)
        for year in t.years { #expect(abs(year.total.value - base) < 1e-9, "\(year.year)") }
    }

    @Test func demandGrowthIsMetByLocalThermalAtItsFactor() throws {
        // +10% demand once in 2021: non-fossil and import shares hold, so thermal grows 10% too.
        let t = try ProjectionEngine.project(
            Self.province(), scenario: Self.scenario([.electricityDemandGrowth: [(2021, 0.1), (2022, 0)]]))
        let y = try #require(t.year(2021))
        #expect(abs(y.electricityDemand.value - 110) < 1e-9)
        #expect(abs(y.account.power.localThermal.value - 55) < 1e-9)
        #expect(abs(y.account.power.imported.value - 13.2) < 1e-9)
    }

    @Test func coalCapShiftsThermalToImports() throws {
        let t = try ProjectionEngine.project(Self.province(), scenario: Self.scenario([.coalPowerCap: [(2020, 1.0), (2030, 0.5)]]))
        let y = try #require(t.year(2030))
        #expect(abs(y.account.power.localThermal.value - 25) < 1e-9)  // 30 TWh at 50/60 t/MWh
        #expect(abs(y.account.power.imported.value - 24) < 1e-9)  // 60 TWh at 12/30 t/MWh
    }

    @Test func greenImportsLowerTheImportFactor() throws {
        let t = try ProjectionEngine.project(Self.province(), scenario: Self.scenario([.importGreenShare: [(2020, 0.5), (2030, 0.75)]]))
        #expect(abs(try #require(t.year(2030)).account.power.imported.value - 6) < 1e-9)
    }

    @Test func eafShareAndCCUSCutSteel() throws {
        let t = try ProjectionEngine.project(
            Self.province(), scenario: Self.scenario([.eafShare: [(2020, 0), (2030, 0.5)], .ccusCapture: [(2020, 0), (2030, 55)]]))
        let y = try #require(t.year(2030))
        // CCUS takes all 50 Mt of local thermal first, then 5 of steel's 6.5 (10 × (1 − 0.7 × 0.5)).
        #expect(abs(y.account.power.localThermal.value) < 1e-9)
        #expect(abs(try #require(y.account.sector(.steel)).direct.value - 1.5) < 1e-9)
    }

    @Test func evStockFollowsNewSalesWithTurnover() throws {
        let t = try ProjectionEngine.project(
            Self.province(), scenario: Self.scenario([.evStockShare: [(2020, 0)], .evNewSalesShare: [(2020, 1.0)]]))
        // After one year 1/12 of the stock is electric.
        let transport = try #require(t.year(2021)?.account.sector(.transport)).direct.value
        #expect(abs(transport - 20 * (11.0 / 12.0)) < 1e-9)
    }

    @Test func peakIsFoundAndJudgedAgainst2030() throws {
        // Growth until 2028, then decline.
        let t = try ProjectionEngine.project(
            Self.province(),
            scenario: Self.scenario([
                .gdpGrowth: [(2021, 0.05), (2028, 0.05), (2029, 0.0)], .otherIntensityDecline: [(2021, 0), (2028, 0), (2029, 0.5)],
                .industryIntensityDecline: [(2021, 0), (2028, 0), (2029, 0.5)],
            ]))
        #expect(t.peak.year == 2028)
        #expect(t.peaksBy2030)
        #expect(!t.peakIsFirstYear)
        let rising = try ProjectionEngine.project(Self.province(), scenario: Self.scenario([.electricityDemandGrowth: [(2021, 0.02)]]))
        #expect(rising.peak.year == 2040)
        #expect(!rising.peaksBy2030)
    }

    @Test func decompositionOfProjectedYearsSumsToTheChange() throws {
        let t = try ProjectionEngine.project(
            Self.province(),
            scenario: Self.scenario([
                .gdpGrowth: [(2021, 0.05)], .populationGrowth: [(2021, 0.01)], .energyIntensityDecline: [(2021, 0.03)],
                .coalPowerCap: [(2020, 1), (2040, 0.3)],
            ]))
        let d = try #require(t.decomposition(from: 2020, to: 2040))
        #expect(abs(d.sumOfEffects.value - d.totalChange.value) < 1e-9)
        #expect(d.population.value > 0 && d.gdpPerCapita.value > 0 && d.energyIntensity.value < 0)
    }

    @Test func theDeltaIsTheSumOfItsProvinces() throws {
        let model = RegionalModel(provinces: [Self.province(id: "a"), Self.province(id: "b")], sources: [:], scenarios: [])
        let outlook = try RegionalOutlook(model: model, scenario: Self.scenario([.gdpGrowth: [(2021, 0.03)]]))
        for year in outlook.delta.years {
            let sum = outlook.provinces.compactMap { $0.year(year.year)?.total.value }.reduce(0, +)
            #expect(abs(year.total.value - sum) < 1e-9)
        }
        #expect(outlook.delta.region.rawValue == "yrd")
    }

    @Test func floorAreaGrowthAddsNoElectricityDemandOfItsOwn() throws {
        // Demand growth is total (buildings included): +50% floor area with no savings leaves demand on the lever's
        // path and scales only the buildings' direct CO2.
        let t = try ProjectionEngine.project(
            Self.province(),
            scenario: Self.scenario([
                .electricityDemandGrowth: [(2021, 0.1), (2022, 0)], .floorArea: [(2020, 100)], .floorAreaGrowth: [(2021, 0.5), (2022, 0)],
            ]))
        let y = try #require(t.year(2021))
        #expect(abs(y.electricityDemand.value - 110) < 1e-9)
        #expect(abs(try #require(y.account.sector(.buildings)).direct.value - 9) < 1e-9)
    }

    @Test func buildingSavingsComeOffDemand() throws {
        // 100 → 150 m² with new area at a 40% saving and 25 m² retrofitted at 20%: saved 20 + 5 = 25 of 150 unsaved,
        // so buildings (30% of demand) use 1/6 less: demand 100 × (1 − 0.3/6) = 95.
        let t = try ProjectionEngine.project(
            Self.province(),
            scenario: Self.scenario([
                .floorArea: [(2020, 100)], .floorAreaGrowth: [(2021, 0.5), (2022, 0)], .newBuildingSaving: [(2020, 0.4)],
                .retrofitArea: [(2020, 0), (2021, 25)],
            ]))
        let y = try #require(t.year(2021))
        #expect(abs(y.electricityDemand.value - 95) < 1e-9)
        #expect(abs(try #require(y.account.sector(.buildings)).direct.value - 6 * 1.25) < 1e-9)
    }

    @Test func anEarlierBaseYearIgnoresLaterHistory() throws {
        var p = Self.province()
        // Add a complete 2019 account (everything 10% lower) and a 2020 consumption that the 2019 base must ignore.
        func scaled<U>(_ s: Series<U>, _ f: Double) -> Series<U> {
            var obs = s.observations
            if let o = s[2020] { obs.append(Observation(year: 2019, quantity: Quantity(o.value * f), provenance: o.provenance)) }
            return Series(obs)
        }
        p.population = scaled(p.population, 1)
        p.gdp = scaled(p.gdp, 0.9)
        p.energyUse = scaled(p.energyUse, 0.9)
        p.electricity.consumption = scaled(p.electricity.consumption, 0.9)
        p.electricity.imports = scaled(p.electricity.imports, 0.9)
        p.electricity.exports = scaled(p.electricity.exports, 1)
        p.electricity.generation = p.electricity.generation.mapValues { scaled($0, 0.9) }
        p.power = PowerSectorEmissions(
            localThermal: scaled(p.power.localThermal, 0.9), imported: scaled(p.power.imported, 0.9), exported: scaled(p.power.exported, 1))
        p.sectors = p.sectors.mapValues {
            EndUseEmissions(direct: scaled($0.direct, 0.9), electricityShare: scaled($0.electricityShare, 1))
        }
        let t = try ProjectionEngine.project(p, scenario: Self.scenario([.electricityDemandGrowth: [(2020, 0.05)]]), baseYear: 2019)
        #expect(t.baseYear == 2019)
        let y2020 = try #require(t.year(2020))
        #expect(!y2020.isObserved)
        #expect(abs(y2020.electricityDemand.value - 90 * 1.05) < 1e-9)
        #expect(throws: ProjectionError.noBaseYearBy(p.id, year: 2018)) {
            try ProjectionEngine.project(p, scenario: Self.scenario([:]), baseYear: 2018)
        }
    }

    @Test func nonFossilCapacityFollowsGenerationAtTheBaseYearRatio() throws {
        var p = Self.province()
        p.capacity = [.solar: Self.series([2020: 8]), .coal: Self.series([2020: 20])]
        let t = try ProjectionEngine.project(p, scenario: Self.scenario([.localNonFossilShare: [(2020, 0.1), (2021, 0.2)]]))
        #expect(t.year(2020)?.nonFossilCapacity?.value == 8)
        #expect(t.year(2020)?.nonFossilGeneration?.value == 10)
        // 20 TWh of non-fossil generation at 8 GW per 10 TWh.
        #expect(abs(try #require(t.year(2021)?.nonFossilCapacity).value - 16) < 1e-9)
    }

    @Test func aProvinceWithoutABaseYearIsAnError() {
        var p = Self.province()
        p.energyUse = Series([])
        #expect(throws: ProjectionError.noBaseYear(p.id)) { try ProjectionEngine.project(p, scenario: Self.scenario([:])) }
    }
}
