import Analysis
import BenefitSharing
import Foundation
import Pathways
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The edition's figures are the analyses' results, each taken once: accounts, projections, the headline
/// dispatch and the agreements of the shipped model (the same values `emissions`, `project`, `dispatch` and
/// `check` print). Brief rendering is tested on these values in BriefsTests and end to end in BriefPublishTests.
@Suite struct EditionTests {
    static let model: RegionalModel = try! RegionLoader.load(from: ProjectPaths.regions, displayRoot: "Regions")
    static let edition: Edition = try! EditionAnalysis.make(model: model, editionDate: "2026-01-01")

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test func provinceFiguresAreTheBaseYearAccounts() throws {
        let input = Self.edition.input
        #expect(input.provinces.map(\.id) == Self.model.provinces.map(\.id.rawValue), "every province, in the model's order")
        for province in input.provinces {
            let source = try #require(Self.model.province(province.id))
            let account = try #require(EmissionAccounting.account(source, year: province.baseYear))
            #expect(province.baseYear == source.accountedYears.last, "the last accounted year is the base year")
            #expect(Self.close(province.total.value, account.total.value))
            #expect(Self.close(province.intensity?.value ?? .nan, account.intensity.value))
            #expect(province.total.provenance.year == province.baseYear)
            for sector in account.sectors {
                let shown = try #require(
                    province.sectors.first { $0.sector == sector.sector.rawValue.replacingOccurrences(of: "_", with: "-") })
                #expect(Self.close(shown.direct.value, sector.direct.value))
                #expect(Self.close(shown.indirect?.value ?? .nan, sector.indirect.value))
            }
        }
    }

    @Test func trajectoriesCarryTheProjectionsPeakAndVerdict() throws {
        let input = Self.edition.input
        var stillRising = 0
        for outlook in Self.edition.outlooks {
            for trajectory in outlook.provinces {
                let province = try #require(input.provinces.first { $0.id == trajectory.region.rawValue })
                let shown = try #require(province.trajectories.first { $0.scenario == outlook.scenario.name })
                #expect(shown.verdict == trajectory.verdict)
                #expect(shown.points.count == trajectory.years.count)
                if trajectory.peakIsLastYear {
                    #expect(shown.peak == nil && shown.verdict == .noPeak)
                    stillRising += 1
                } else {
                    #expect(shown.peak?.year == trajectory.peak.year)
                    #expect(Self.close(shown.peak?.value ?? .nan, trajectory.peak.value.value))
                    #expect((shown.verdict == .meets) == (trajectory.peak.year <= 2030), "the 2030 rule, stated independently")
                }
            }
        }
        #expect(stillRising > 0, "the shipped baseline rises to 2060: the still-rising case must be exercised")
    }

    @Test func corridorsAreTheHeadlineScenariosDispatchWithItsYear() throws {
        let input = Self.edition.input
        let grid = try #require(Self.model.grid)
        #expect(input.headlineScenario == "policy")
        let dispatch = try DispatchAnalysis.run(grid, scenario: "policy")
        #expect(dispatch.year == 2030, "Regions/grid/scenarios/policy.yaml says year: 2030")
        // Links between two places, then each AC line in each direction it carried power (energy summed from the
        // hourly flows here, at the objective weighting).
        let region = Dictionary(uniqueKeysWithValues: dispatch.network.buses.map { ($0.name, $0.region ?? $0.name) })
        var carried: [(name: String, twh: Double)] = dispatch.result.links.filter {
            $0.energyDeliveredMWh / 1e6 > 1e-9 && region[$0.bus0] != region[$0.bus1]
        }.map { ($0.name, $0.energyDeliveredMWh / 1e6) }
        let weights = dispatch.network.snapshots.map(\.objectiveWeight)
        for line in dispatch.result.lines {
            let forward = zip(line.hourlyFlow, weights).reduce(0) { $0 + max($1.0, 0) * $1.1 } / 1e6
            let backward = zip(line.hourlyFlow, weights).reduce(0) { $0 + max(-$1.0, 0) * $1.1 } / 1e6
            // Named by the provinces: the backbone bus AH_AC reads AH.
            let from = line.bus0.replacingOccurrences(of: "_AC", with: "")
            let to = line.bus1.replacingOccurrences(of: "_AC", with: "")
            if forward > 1e-9 { carried.append(("\(line.name) \(from)->\(to)", forward)) }
            if backward > 1e-9 { carried.append(("\(line.name) \(to)->\(from)", backward)) }
        }
        #expect(dispatch.result.lines.count == 5, "the AC ring and the Jiangsu-Zhejiang ties")
        #expect(input.corridors.count == carried.count)
        for (corridor, expected) in zip(input.corridors, carried) {
            #expect(corridor.name == expected.name)
            #expect(Self.close(corridor.flow.value, expected.twh))
            #expect(corridor.flow.provenance.year == 2030)
        }
        #expect(input.corridors.contains { $0.name == "Mengxi-Shanghai" }, "the line the 2030 overlay adds")
    }

    @Test func agreementFiguresAreTheEvaluatedAgreements() throws {
        let input = Self.edition.input
        let allocation = try #require(input.allocation)
        #expect(allocation.rules == ["agreed", "shapley", "nucleolus", "banzhaf", "equal"])
        let agreed = allocation.shares["agreed"] ?? [:]
        let equal = allocation.shares["equal"] ?? [:]
        #expect(Self.close(agreed.values.reduce(0, +), equal.values.reduce(0, +)), "every rule shares the same total")
        #expect(allocation.provenance.year == 2022, "the pooled game dispatches the baseline grid of 2022")
        let fund = input.fund
        #expect(fund.count == 4)
        #expect(fund.allSatisfy { $0.contribution.unit == "亿元" && $0.benefit.unit == "亿元 NPV" })
        #expect(
            fund.allSatisfy { $0.contribution.provenance.year == 2025 },
            "the latest year of the fund's figures (its 2025 project estimates)")
        let relocations = try #require(input.relocations)
        let petrochemicals = try #require(relocations.first { $0.id == "relocation-petrochemical-shanghai-jiangsu" })
        let ir = try #require(petrochemicals.checks.first { $0.property == "individual-rationality" })
        #expect(!ir.held, "the 50:50 split leaves Shanghai worse off than staying (yrdplan check)")
        #expect((petrochemicals.npv["shanghai"]?.value ?? 0) < 0)
    }
}
