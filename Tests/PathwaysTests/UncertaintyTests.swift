import Pathways
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The uncertain verdict and the draws behind it: hand-computed quantiles and the zero-width property.
@Suite struct UncertaintyTests {
    @Test func peakDistributionOfFourDrawsByHand() {
        // Sorted peak years 2025, 2028, 2031, none (counts as after every year). Nearest rank round(q × 3):
        // 5 % → index 0 (2025), 50 % → round(1.5) = 2 (2031), 95 % → round(2.85) = 3 (no peak: nil).
        let d = PeakDistribution(
            verdicts: [(.misses, 2031), (.meets, 2025), (.noPeak, nil), (.meets, 2028)],
            totals: [[(2020, 5), (2021, 1)], [(2020, 1), (2021, 2)], [(2020, 7), (2021, 3)], [(2020, 3), (2021, 4)]])
        #expect(d.draws == 4)
        #expect(d.peakYearP5 == 2025)
        #expect(d.peakYearMedian == 2031)
        #expect(d.peakYearP95 == nil)
        #expect(d.pPeakBy2030 == 0.5)
        #expect(d.pNoPeak == 0.25)
        #expect(d.bands.map(\.year) == [2020, 2021])
        #expect(d.bands[0].p5 == 1 && d.bands[0].median == 5 && d.bands[0].p95 == 7)
        #expect(d.bands[1].p5 == 1 && d.bands[1].median == 3 && d.bands[1].p95 == 4)
    }

    @Test func aLeverDrawMovesEveryAnchorToTheSamePlaceInItsRange() {
        let path = LeverPath(
            points: [(2020, 0.1), (2030, 0.2), (2040, 0.3)], provenance: ProjectionTests.provenance,
            ranges: [2020: 0.05...0.15, 2030: 0.1...0.4])
        let low = path.placed(at: 0)
        let high = path.placed(at: 1)
        #expect(low.values == [0.05, 0.1, 0.3])
        #expect(high.values == [0.15, 0.4, 0.3])
        #expect(abs(path.placed(at: 0.5).value(in: 2025) - (0.1 + 0.25) / 2) < 1e-12)
    }

    /// Property: with zero-width ranges on levers and observations, every draw reproduces the deterministic projection.
    @Test(arguments: [1, 2, 3, 42, 2026] as [UInt64])
    func zeroWidthRangesGiveTheDeterministicProjection(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let levers: [Lever: [(Int, Double)]] = [
            .gdpGrowth: [(2021, 0.01 + 0.05 * unitInterval(&generator))],
            .electricityDemandGrowth: [(2021, 0.04 * unitInterval(&generator)), (2040, 0.01)],
            .localNonFossilShare: [(2020, 0.1), (2040, 0.1 + 0.5 * unitInterval(&generator))],
            .coalPowerCap: [(2020, 1), (2040, unitInterval(&generator))],
        ]
        let deterministic = ProjectionTests.scenario(levers)
        var pinned = deterministic
        pinned.levers = deterministic.levers.mapValues { path in
            LeverPath(
                points: path.points, provenance: path.provenance,
                ranges: Dictionary(uniqueKeysWithValues: path.points.map { ($0.year, $0.value...$0.value) }))
        }
        #expect(pinned.hasRanges)
        var province = ProjectionTests.province()
        province.electricity.consumption = Series(
            province.electricity.consumption.observations.map { o in
                var pinnedObservation = o
                pinnedObservation.provenance.range = o.value...o.value
                return pinnedObservation
            })
        #expect(province.hasRanges)
        let expected = try ProjectionEngine.project(ProjectionTests.province(), scenario: deterministic)
        for _ in 0..<5 {
            let drawnProvince = province.drawn(using: &generator)
            let drawnScenario = pinned.drawn(using: &generator)
            let t = try ProjectionEngine.project(drawnProvince, scenario: drawnScenario)
            #expect(t.years.map(\.total) == expected.years.map(\.total))
            #expect(t.verdict == expected.verdict)
        }
    }

    @Test func drawsStayInsideTheirRanges() {
        var generator = SplitMix64(seed: 7)
        var province = ProjectionTests.province()
        province.gdp = Series(
            province.gdp.observations.map { o in
                var ranged = o
                ranged.provenance.range = 19_000...21_000
                return ranged
            })
        var seen: Set<Double> = []
        for _ in 0..<50 {
            let value = province.drawn(using: &generator).gdp.value(in: 2020)!.value
            #expect((19_000...21_000).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 50)
    }
}

/// How scenario files state lever uncertainty (`band`, `ranges`), read from the shipped files and a broken copy.
@Suite struct LeverUncertaintyFileTests {
    @Test func bandAndRangesAreReadInTheLeversUnit() throws {
        let model = try RegionLoader.load(from: ProjectPaths.regions)
        let baseline = try #require(model.scenario("baseline"))
        let gdp = try #require(baseline.levers[.gdpGrowth])
        // band: 0.2 around 6.0 %/yr in 2021.
        let first = try #require(gdp.ranges[0])
        #expect(abs(first.lowerBound - 0.048) < 1e-12 && abs(first.upperBound - 0.072) < 1e-12)
        // ranges: {2030: [2.0, 4.0]} in %/yr for Shanghai's demand growth; 2021 (history) has none.
        let demand = try #require(baseline.overrides[RegionID(rawValue: "shanghai")!]?[.electricityDemandGrowth])
        let i2030 = try #require(demand.years.firstIndex(of: 2030))
        #expect(demand.ranges[i2030].map { abs($0.lowerBound - 0.02) < 1e-12 && abs($0.upperBound - 0.04) < 1e-12 } == true)
        #expect(demand.ranges[0] == nil)
    }

    @Test func aBandOfOneOrMoreIsRejectedAtItsLine() throws {
        let temp = try TemporaryDirectory()
        let regions = try temp.copy(ProjectPaths.regions, as: "Regions")
        let file = regions.appendingPathComponent("scenarios/baseline.yaml")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("    band: 0.2") })
        lines[index] = "    band: 1.5"
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try RegionLoader.load(from: regions)
            Issue.record("a band of 1.5 was accepted")
        } catch {
            #expect("\(error)".contains("baseline.yaml:\(index + 1):"), "\(error)")
            #expect("\(error)".contains("relative half-width"))
        }
    }
}
