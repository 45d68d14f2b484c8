import Foundation
import Testing
import YrdplanTestSupport

/// `yrdplan backtest` and `project --base-year` run as the built binary, on the shipped Regions/ and on a fixture
/// whose errors are computed by hand.
@Suite struct BacktestCommandTests {
    func run(_ arguments: [String], regions: URL = ProjectPaths.regions) throws -> ProcessResult {
        try BinaryRunner.run(arguments + ["--regions", regions.path])
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The loader tests' minimal province (2019 and 2020 complete; 90 and 95 TWh; solar 5 TWh in 2019), with a 2021
    /// consumption record of 100 TWh, solar capacity 0.4 GW (2019) and 0.5 GW (2020), and a scenario growing demand
    /// 10 % a year.
    func fixture() throws -> (TemporaryDirectory, URL) {
        let temp = try TemporaryDirectory()
        let minimal = ProjectPaths.root.appendingPathComponent("Tests/RegionLoadingTests/Fixtures/minimal")
        let regions = try temp.copy(minimal, as: "Regions")
        let province = regions.appendingPathComponent("testland.yaml")
        var lines = try String(contentsOf: province, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasSuffix("#@consumption-2020") })
        lines.insert("      - {year: 2021, value: 1000, source: testbook, ref: tst-001, confidence: sourced}", at: index + 1)
        let capacity = try #require(lines.firstIndex { $0.hasSuffix("#@capcoal-2020") })
        lines.insert(
            contentsOf: [
                "  solar:", "    unit: 万千瓦", "    values:",
                "      - {year: 2019, value: 40, source: testbook, ref: tst-001, confidence: sourced}",
                "      - {year: 2020, value: 50, source: testbook, ref: tst-001, confidence: sourced}",
            ], at: capacity + 1)
        try lines.joined(separator: "\n").write(to: province, atomically: true, encoding: .utf8)
        let scenario = regions.appendingPathComponent("scenarios/steady.yaml")
        let text = try String(contentsOf: scenario, encoding: .utf8)
            .replacingOccurrences(
                of: "electricity_demand_growth: {unit: \"%/yr\", values: {2021: 0.0}",
                with: "electricity_demand_growth: {unit: \"%/yr\", values: {2021: 10.0}")
        try text.write(to: scenario, atomically: true, encoding: .utf8)
        return (temp, regions)
    }

    @Test func errorsOnAFixtureMatchTheHandComputation() throws {
        let (temp, regions) = try fixture()
        defer { _ = temp }
        let result = try run(["backtest", "--from", "2019", "--through", "2022", "--scenario", "steady", "--json"], regions: regions)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try object(result.stdout)
        #expect((json["base_years"] as? [String: Int])?["testland"] == 2019)
        let rows = try #require(json["rows"] as? [[String: Any]])
        func row(_ quantity: String, _ year: Int) -> [String: Any]? {
            rows.first { $0["quantity"] as? String == quantity && $0["year"] as? Int == year }
        }
        // 2020: 90 TWh × 1.1 = 99 against 95 recorded: +4.21 %. 2021: 90 × 1.1² = 108.9 against 100: +8.9 %.
        #expect(abs((row("electricity", 2020)?["projected"] as? Double ?? 0) - 99) < 1e-6)
        #expect(row("electricity", 2020)?["error_percent"] as? Double == 4.21)
        #expect(row("electricity", 2021)?["error_percent"] as? Double == 8.9)
        // Non-fossil capacity 2020: the share 5/90 of 99 TWh = 5.5 TWh at 0.4 GW per 5 TWh = 0.44 GW against 0.5: −12 %.
        #expect(abs((row("nonfossil_capacity", 2020)?["projected"] as? Double ?? 0) - 0.44) < 1e-6)
        #expect(row("nonfossil_capacity", 2020)?["error_percent"] as? Double == -12)
        // 2022 has no record, nor capacity after 2020; CO2 is recorded for 2020 only.
        #expect(row("electricity", 2022)?["recorded"] is NSNull)
        #expect(row("nonfossil_capacity", 2021)?["recorded"] is NSNull)
        #expect(row("emissions", 2020)?["error_percent"] is Double)
        #expect(row("emissions", 2021)?["recorded"] is NSNull)

        let table = try run(["backtest", "--from", "2019", "--through", "2022", "--scenario", "steady"], regions: regions)
        #expect(table.status == 0)
        #expect(table.stdout.contains("no record"))
        #expect(table.stdout.contains("Largest electricity error: 8.9 %"))
    }

    @Test func shippedDataIsBacktestedFrom2019() throws {
        let result = try run(["backtest", "--from", "2019", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try object(result.stdout)
        #expect(json["scenario"] as? String == "baseline")
        let bases = try #require(json["base_years"] as? [String: Int])
        #expect(Set(bases.keys) == ["shanghai", "jiangsu", "zhejiang", "anhui"])
        #expect(bases.values.allSatisfy { $0 <= 2019 })
        let rows = try #require(json["rows"] as? [[String: Any]])
        // Every province, quantity and year 2020-2024 has a row; a missing record is null, never a made-up value.
        #expect(rows.count == 4 * 3 * 5)
        for row in rows {
            let recorded = row["recorded"]
            #expect(recorded is Double || recorded is NSNull)
            #expect((row["error_percent"] is NSNull) == (recorded is NSNull || row["projected"] is NSNull))
        }
    }

    @Test func projectFromAnEarlierBaseYearIgnoresLaterHistory() throws {
        let result = try run(["project", "--scenario", "baseline", "--base-year", "2019", "--json", "--draws", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try object(result.stdout)
        let scenario = try #require((json["scenarios"] as? [[String: Any]])?.first)
        let regions = try #require(scenario["regions"] as? [String: [String: Any]])
        for entry in regions.values {
            #expect(entry["base_year"] as? Int == 2019)
            let years = try #require(entry["years"] as? [[String: Any]])
            let year2020 = try #require(years.first { $0["year"] as? Int == 2020 })
            #expect(year2020["observed"] as? Bool == false)
        }
    }

    @Test func aBaseYearBeforeTheDataIsBadInput() throws {
        let result = try run(["backtest", "--from", "2010"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no year up to 2010 with a complete account"))
    }
}
