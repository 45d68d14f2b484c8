import Foundation
import Testing
import YrdplanTestSupport

/// The built `yrdplan` run on the project's Regions/ and on broken copies of it.
@Suite struct ModelCommandTests {
    static let snapshots = ProjectPaths.root.appendingPathComponent("Tests/YrdplanEndToEndTests/Snapshots")

    func run(_ arguments: [String], regions: URL = ProjectPaths.regions) throws -> ProcessResult {
        try BinaryRunner.run(arguments + ["--regions", regions.path])
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func validateAcceptsTheShippedData() throws {
        let result = try run(["validate"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: 4 provinces (shanghai, jiangsu, zhejiang, anhui), 3 scenarios"))
    }

    @Test func validateReportsEveryProblemAndExitsOne() throws {
        let temp = try TemporaryDirectory()
        let regions = try temp.copy(ProjectPaths.regions, as: "Regions")
        let file = regions.appendingPathComponent("anhui.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "unit: 万人", with: "unit: TWh")
        text = text.replacingOccurrences(of: "code: AH", with: "code: AH\ncolour: green")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: regions.path).sorted()
        let result = try run(["validate"], regions: regions)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("anhui.yaml:") && $0.contains("wrong unit 'TWh' for 'population'") && $0.contains(" — ") })
        #expect(lines.contains { $0.contains("anhui.yaml:") && $0.contains("unknown field 'colour'") })
        #expect(result.stderr.contains("2 problems found; nothing was written."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: regions.path).sorted() == before)
    }

    @Test func validateAlsoChecksTheGridAndTheAgreements() throws {
        let temp = try TemporaryDirectory()
        let regions = try temp.copy(ProjectPaths.regions, as: "Regions")
        let grid = regions.appendingPathComponent("grid/grid.yaml")
        let gridText = try String(contentsOf: grid, encoding: .utf8)
        let firstCapacity = try #require(gridText.range(of: "p_nom_mw: "))
        try gridText.replacingCharacters(in: firstCapacity, with: "p_nom_mw: -").write(to: grid, atomically: true, encoding: .utf8)
        let agreements = regions.appendingPathComponent("agreements")
        let agreement = try #require(
            try FileManager.default.contentsOfDirectory(atPath: agreements.path).sorted().first { $0.hasPrefix("relocation") })
        let agreementURL = agreements.appendingPathComponent(agreement)
        let text = try String(contentsOf: agreementURL, encoding: .utf8)
        try text.replacingOccurrences(of: "origin: shanghai", with: "origin: atlantis").write(
            to: agreementURL, atomically: true, encoding: .utf8)
        let result = try run(["validate"], regions: regions)
        #expect(result.status == 1)
        #expect(result.stderr.contains("grid/grid.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("negative p_nom"))
        #expect(result.stderr.contains("agreements/\(agreement):"))
        #expect(result.stderr.contains("atlantis"))
    }

    @Test func controlCharactersInGridAndAgreementsAreRejectedAtTheirLine() throws {
        let temp = try TemporaryDirectory()
        let regions = try temp.copy(ProjectPaths.regions, as: "Regions")
        let fund = regions.appendingPathComponent("agreements/joint-fund.yaml")
        var lines = try String(contentsOf: fund, encoding: .utf8).components(separatedBy: "\n")
        let titleLine = try #require(lines.firstIndex { $0.hasPrefix("title: ") })
        lines[titleLine] = "title: \"Joint <script> fund\\u0007\""
        try lines.joined(separator: "\n").write(to: fund, atomically: true, encoding: .utf8)
        let result = try run(["validate"], regions: regions)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("agreements/joint-fund.yaml:\(titleLine + 1): `title` contains the control character U+7"),
            "\(result.stderr)")
    }

    @Test func emissionsJSONMatchesTheGoldenFile() throws {
        let result = try run(["emissions", "--region", "shanghai", "--years", "2017-2019", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        if let mismatch = Golden.jsonMismatch(
            result.stdout, goldenFile: Self.snapshots.appendingPathComponent("emissions-shanghai-2017-2019.json"))
        {
            Issue.record("\(mismatch)")
        }
        let json = try object(result.stdout)
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2017, 2018, 2019])
        let sectors = try #require(years[0]["sectors"] as? [String: Any])
        let power = try #require(sectors["power"] as? [String: Double])
        #expect(abs(power["total_mt"]! - 76.2) < 0.5)
        #expect(Set(sectors.keys) == ["power", "steel", "petrochemicals", "other_industry", "transport", "buildings", "other"])
    }

    @Test func emissionsTableIsReadable() throws {
        let result = try run(["emissions", "--region", "jiangsu", "--years", "2019...2020"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Jiangsu (江苏)"))
        #expect(result.stdout.contains("Power sector"))
    }

    @Test func unknownRegionOrScenarioIsAUsageError() throws {
        let region = try run(["emissions", "--region", "atlantis", "--years", "2019-2020"])
        #expect(region.status == 2)
        #expect(region.stderr.contains("unknown region 'atlantis'"))
        let scenario = try run(["project", "--scenario", "utopia"])
        #expect(scenario.status == 2)
        #expect(scenario.stderr.contains("use one of: accelerated, baseline, policy"))
    }

    @Test func projectGivesPeaksForEveryProvinceAndTheDeltaUnderEveryScenario() throws {
        let result = try run(["project", "--json", "--decompose", "2020-2030", "--draws", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try object(result.stdout)
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["name"] as? String } == ["accelerated", "baseline", "policy"])
        for scenario in scenarios {
            let regions = try #require(scenario["regions"] as? [String: [String: Any]])
            #expect(Set(regions.keys) == ["shanghai", "jiangsu", "zhejiang", "anhui"])
            let delta = try #require(scenario["delta"] as? [String: Any])
            for entry in Array(regions.values) + [delta] {
                let peakYear = try #require(entry["peak_year"] as? Int)
                let peak = try #require(entry["peak_mt"] as? Double)
                let years = try #require(entry["years"] as? [[String: Any]])
                #expect((2017...2060).contains(peakYear))
                let highest = years.compactMap { $0["total_mt"] as? Double }.max()
                #expect(highest == peak)
                #expect(years.last?["year"] as? Int == 2060)
                // peak_year stays the highest year; the flag says when that is only the horizon.
                #expect(entry["peak_at_last_year"] as? Bool == (peakYear == 2060))
                let d = try #require(entry["decomposition"] as? [String: Double])
                let sum = d["population_mt"]! + d["gdp_per_capita_mt"]! + d["energy_intensity_mt"]! + d["carbon_intensity_mt"]!
                #expect(abs(sum - d["change_mt"]!) < 1e-5)
            }
            // The delta is the sum of the provinces.
            let deltaYears = try #require(delta["years"] as? [[String: Any]])
            let delta2030 = try #require(deltaYears.first { $0["year"] as? Int == 2030 }?["total_mt"] as? Double)
            let sum2030 = try regions.values.map { entry in
                try #require((entry["years"] as? [[String: Any]])?.first { $0["year"] as? Int == 2030 }?["total_mt"] as? Double)
            }.reduce(0, +)
            #expect(abs(delta2030 - sum2030) < 1e-4)
        }
        // The baseline (2020-2024 trends continued) does not peak by 2030; the accelerated transition does, everywhere.
        let baseline = try #require(scenarios.first { $0["name"] as? String == "baseline" }?["delta"] as? [String: Any])
        #expect(baseline["peaks_before_2030"] as? Bool == false)
        let accelerated = try #require(scenarios.first { $0["name"] as? String == "accelerated" }?["regions"] as? [String: [String: Any]])
        #expect(accelerated.values.allSatisfy { $0["peaks_before_2030"] as? Bool == true })
        let baselineRegions = try #require(scenarios.first { $0["name"] as? String == "baseline" }?["regions"] as? [String: [String: Any]])
        #expect(baselineRegions["shanghai"]?["peak_at_last_year"] as? Bool == true)
    }

    /// The table says "still rising in 2060" where the JSON has `peak_at_last_year: true`, never a peak year of 2060.
    @Test func projectTableSaysStillRisingAtTheHorizon() throws {
        let result = try run(["project", "--scenario", "baseline", "--draws", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasSuffix("  NO") || $0.hasSuffix("  yes") }
        #expect(rows.count == 5, "\(rows)")
        // Shanghai still rises in 2060 in the shipped baseline: its row says so and gives no peak value.
        let rising = rows.filter { $0.contains("still rising in 2060") }
        #expect(rows.first { $0.hasPrefix("Shanghai") }.map { rising.contains($0) } == true, "\(rows)")
        #expect(rising.allSatisfy { $0.contains("  –  ") }, "\(rows)")
        #expect(result.stdout.contains("no peak before the horizon"))
    }

    @Test func outputIsDeterministic() throws {
        let a = try run(["project", "--json", "--draws", "30", "--seed", "5"])
        let b = try run(["project", "--json", "--draws", "30", "--seed", "5"])
        #expect(a.stdout == b.stdout)
        #expect(!a.stdout.isEmpty)
    }

    /// With draws, every trajectory carries its peak distribution and the table puts it beside the verdict.
    @Test func projectReportsThePeakDistribution() throws {
        let result = try run(["project", "--scenario", "policy", "--json", "--draws", "40", "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try object(result.stdout)
        #expect(json["draws"] as? Int == 40)
        #expect(json["seed"] as? Int == 3)
        let scenario = try #require((json["scenarios"] as? [[String: Any]])?.first)
        let regions = try #require(scenario["regions"] as? [String: [String: Any]])
        for entry in Array(regions.values) + [try #require(scenario["delta"] as? [String: Any])] {
            let u = try #require(entry["uncertainty"] as? [String: Any])
            #expect(u["draws"] as? Int == 40)
            let p = try #require(u["p_peak_by_2030"] as? Double)
            #expect((0...1).contains(p))
            let bands = try #require(u["bands"] as? [[String: Double]])
            let years = try #require(entry["years"] as? [[String: Any]])
            #expect(bands.count == years.count)
            #expect(bands.allSatisfy { $0["p5_mt"]! <= $0["p50_mt"]! && $0["p50_mt"]! <= $0["p95_mt"]! })
            if let low = u["peak_year_p5"] as? Int, let high = u["peak_year_p95"] as? Int { #expect(low <= high) }
        }
        let table = try run(["project", "--scenario", "policy", "--draws", "40", "--seed", "3"])
        #expect(table.status == 0)
        let rows = table.stdout.split(separator: "\n").filter { $0.contains("P(≤2030) ") && !$0.hasPrefix("Draws") }
        #expect(rows.count == 5, "\(table.stdout)")
        #expect(table.stdout.contains("Draws: 40 (seed 3)"))
    }
}
