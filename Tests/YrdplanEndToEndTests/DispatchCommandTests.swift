import Foundation
import Testing
import YrdplanTestSupport

/// `yrdplan dispatch` run as a user would: exit codes, stdout/stderr, the --json contract.
@Suite struct DispatchCommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func pypsaCaseAsJSONMatchesPyPSAsObjective() throws {
        let folder = ProjectPaths.referenceCase("yrd-typical-days").path
        let result = try BinaryRunner.run(["dispatch", "--pypsa", folder, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try Self.json(result.stdout)
        #expect(document["status"] as? String == "optimal")
        let objective = try #require(document["objective"] as? Double)
        #expect(abs(objective - 348_092_716_895.84564) / 348_092_716_895.84564 < 1e-6)
        #expect(document["snapshots"] as? Int == 96)
        let links = try #require(document["links"] as? [String: [String: Any]])
        #expect(links.count == 21)
        #expect(links["Xiangjiaba-Shanghai"]?["energy_mwh"] is Double)
        #expect(links["Xiangjiaba-Shanghai"]?["congested_hours"] != nil)
        let buses = try #require(document["buses"] as? [String: [String: Any]])
        #expect(buses["SH"]?["mean_price"] is Double)
        #expect(buses["SH"]?["shed_mwh"] != nil)
        let emissions = try #require(document["emissions_t"] as? [String: Any])
        let production = try #require(emissions["production"] as? [String: Double])
        let consumption = try #require(emissions["consumption"] as? [String: Double])
        let total = production.values.reduce(0, +)
        #expect(abs(consumption.values.reduce(0, +) - total) < 1e-6 * total)
        let timings = try #require(document["timings_s"] as? [String: Double])
        #expect(Set(timings.keys).isSuperset(of: ["load", "build", "solve", "total"]))
        #expect(result.stderr.contains("[dispatch]"))
    }

    /// `--time-blocks` changes where Clp starts, never the answer: four blocks of the 96 typical-day snapshots reach
    /// PyPSA's objective, and the progress says how the start was made; a negative count is a usage error.
    @Test func timeBlocksReachPyPSAsObjective() throws {
        let folder = ProjectPaths.referenceCase("yrd-typical-days").path
        let result = try BinaryRunner.run(["dispatch", "--pypsa", folder, "--json", "--time-blocks", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        let objective = try #require(try Self.json(result.stdout)["objective"] as? Double)
        #expect(abs(objective - 348_092_716_895.84564) / 348_092_716_895.84564 < 1e-9)
        #expect(result.stderr.contains("4 time blocks solved"), "\(result.stderr)")
        let negative = try BinaryRunner.run(["dispatch", "--pypsa", folder, "--time-blocks=-1"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--time-blocks needs 0"), "\(negative.stderr)")
        #expect(negative.stdout.isEmpty)
    }

    /// A folder with a line of a type PyPSA does not have is refused at lines.csv, exit 1, and nothing reaches stdout.
    @Test func pypsaFolderWithUnknownLineTypeIsRefused() throws {
        let directory = try TemporaryDirectory(prefix: "pypsa-lines")
        let source = ProjectPaths.referenceCase("yrd-typical-days")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".csv") {
            try directory.write(String(contentsOf: source.appendingPathComponent(name), encoding: .utf8), to: name)
        }
        try directory.write("name,bus0,bus1,type,length,s_nom\nSH-JS,SH,JS,Al/St 240/40 9-bundle 380.0,100,5000\n", to: "lines.csv")
        let result = try BinaryRunner.run(["dispatch", "--pypsa", directory.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains("lines.csv:2: line 'SH-JS' has type 'Al/St 240/40 9-bundle 380.0', which is not"), "\(result.stderr)")
    }

    /// PyPSA's ac-dc-meshed example: the JSON states PyPSA's objective, the constant it leaves out, the optimal
    /// capacities and the line flows (values from results-pypsa.json).
    @Test func pypsaExampleReportsCapacitiesAndObjectiveConstant() throws {
        let folder = ProjectPaths.root.appendingPathComponent("Tests/Fixtures/cases/pypsa-examples/ac-dc-meshed")
        let result = try BinaryRunner.run(["dispatch", "--pypsa", folder.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let pypsa = try #require(document["pypsa_objective"] as? [String: Any])
        #expect(abs((pypsa["objective"] as? Double ?? 0) - -3474256.0405499237) < 1e-6 * 3474256.04)
        #expect(abs((pypsa["objective_constant"] as? Double ?? 0) - 21915277.518279143) < 0.01)
        let capacities = try #require(document["optimal_capacities"] as? [String: [String: [String: Double]]])
        let wind = try #require(capacities["generators"]?["p_nom_opt"]?["Manchester Wind"])
        #expect(abs(wind - 4090.8097783497533) < 1e-4 * 4090.81)
        let line = try #require(capacities["lines"]?["s_nom_opt"]?["1"])
        #expect(abs(line - 1497.2754709623562) < 1e-4 * 1497.28)
        let lines = try #require(document["lines"] as? [String: [String: Any]])
        #expect(lines.count == 7)
        #expect(lines["1"]?["hourly_p0_mw"] != nil)
        let table = try BinaryRunner.run(["dispatch", "--pypsa", folder.path])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Optimal capacities"), "\(table.stdout)")
        #expect(table.stdout.contains("PyPSA objective"), "\(table.stdout)")
    }

    /// Without --allow-shedding a PyPSA folder that cannot balance exits 1 naming where it is short;
    /// with it the shedding is stated first and in the JSON.
    @Test func pypsaSheddingIsOnlyByRequest() throws {
        let directory = try TemporaryDirectory(prefix: "pypsa-short")
        try directory.write("name\nmini\n", to: "network.csv")
        try directory.write(",snapshot\n0,h0\n1,h1\n", to: "snapshots.csv")
        try directory.write("name\nA\n", to: "buses.csv")
        try directory.write("name,bus,p_nom,marginal_cost\nA gas,A,50,40\n", to: "generators.csv")
        try directory.write("name,bus\nA load,A\n", to: "loads.csv")
        try directory.write(",A load\n0,40\n1,60\n", to: "loads-p_set.csv")
        let refused = try BinaryRunner.run(["dispatch", "--pypsa", directory.url.path])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("(infeasible)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("A at h1 (10.00 MW short)"), "\(refused.stderr)")
        let shed = try BinaryRunner.run(["dispatch", "--pypsa", directory.url.path, "--allow-shedding", "3000", "--currency", "EUR"])
        #expect(shed.status == 0, "\(shed.stderr)")
        let lines = shed.stdout.split(separator: "\n")
        #expect(lines.first?.contains("bn EUR") == true)
        #expect(lines.dropFirst().first?.hasPrefix("Load shedding: allowed at 3000 EUR/MWh; 10 MWh shed") == true, "\(shed.stdout)")
        let json = try Self.json(
            BinaryRunner.run(["dispatch", "--pypsa", directory.url.path, "--allow-shedding", "3000", "--json"]).stdout)
        #expect(json["shedding_allowed"] as? Bool == true)
        #expect(json["currency"] is NSNull)
        #expect(json["shed_mwh"] as? Double == 10)
    }

    /// Hourly prices of the four provinces equal PyPSA's (hourly-pypsa.csv.gz) within 0.01 yuan/MWh;
    /// hourly flows may differ where the optimum is degenerate, so only their annual sums are compared.
    @Test(arguments: ["yrd-typical-days", "yrd-typical-days-co2cap"])
    func hourlyPricesMatchPyPSA(caseName: String) throws {
        let folder = ProjectPaths.referenceCase(caseName)
        let output = try TemporaryDirectory(prefix: "hourly")
        let csv = output.url.appendingPathComponent("hourly.csv")
        let result = try BinaryRunner.run(["dispatch", "--pypsa", folder.path, "--hourly", csv.path])
        #expect(result.status == 0, "\(result.stderr)")
        let ours = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }

        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gunzip.arguments = ["gzip", "-dc", folder.appendingPathComponent("hourly-pypsa.csv.gz").path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        let reference = String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let kinds = reference[0]
        let names = reference[1]
        let referenceRows = Array(reference.dropFirst(3))
        #expect(referenceRows.count == ours.count - 1)
        var compared = 0
        for province in ["SH", "JS", "ZJ", "AH"] {
            let theirs = try #require(kinds.indices.first { kinds[$0] == "marginal_price" && names[$0] == Substring(province) })
            let mine = try #require(ours[0].firstIndex(of: Substring("price_yuan_per_mwh:\(province)")))
            for (row, referenceRow) in referenceRows.enumerated() {
                let expected = try #require(Double(referenceRow[theirs]))
                let actual = try #require(Double(ours[row + 1][mine]))
                #expect(abs(actual - expected) < 0.01, "\(province) snapshot \(row): \(actual) vs PyPSA \(expected)")
                compared += 1
            }
        }
        #expect(compared == 4 * 96)
    }

    @Test(arguments: ["baseline", "policy", "accelerated"])
    func everyGridScenarioDispatches(scenario: String) throws {
        let result = try BinaryRunner.run(["dispatch", "--scenario", scenario, "--json", "--regions", ProjectPaths.regions.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try Self.json(result.stdout)
        #expect(document["status"] as? String == "optimal")
        let links = try #require(document["links"] as? [String: [String: Any]])
        #expect(links["Xiangjiaba-Shanghai"] != nil)
        let buses = try #require(document["buses"] as? [String: [String: Any]])
        for province in ["SH", "JS", "ZJ", "AH"] {
            #expect((buses[province]?["mean_price"] as? Double ?? 0) > 0)
            #expect(buses[province]?["shed_mwh"] as? Double == 0)
        }
    }

    /// Same inputs, same output — apart from the wall-clock `timings_s`.
    @Test func jsonIsDeterministicApartFromTimings() throws {
        let arguments = ["dispatch", "--scenario", "policy", "--json", "--regions", ProjectPaths.regions.path]
        let first = try BinaryRunner.run(arguments)
        let second = try BinaryRunner.run(arguments)
        #expect(first.status == 0 && second.status == 0)
        func withoutTimings(_ text: String) throws -> Data {
            var document = try Self.json(text)
            #expect(document.removeValue(forKey: "timings_s") != nil)
            return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        }
        #expect(try withoutTimings(first.stdout) == withoutTimings(second.stdout))
    }

    @Test func humanSummaryShowsCorridorsPricesAndEmissions() throws {
        let result = try BinaryRunner.run(["dispatch", "--regions", ProjectPaths.regions.path])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["Corridors", "Xiangjiaba-Shanghai", "congested h", "price yuan/MWh", "consumption MtCO2", "No load was shed."] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }

    /// The policy scenario's Mengxi-Shanghai line is a candidate: without --expand it keeps its 8 GW and the output
    /// says so; with --expand the LP sizes it within 0-8 GW and the report's figures add up (saving = cost without
    /// the candidate − operating cost; net benefit = saving − capital cost; capital = 255,000 yuan/MW/yr × built).
    @Test func expandSizesTheCandidateAndReportsItsCostAndSaving() throws {
        let arguments = ["dispatch", "--scenario", "policy", "--json", "--regions", ProjectPaths.regions.path]
        let fixed = try BinaryRunner.run(arguments)
        let expanded = try BinaryRunner.run(arguments + ["--expand"])
        #expect(fixed.status == 0 && expanded.status == 0, "\(expanded.stderr)")
        let held = try #require(try Self.json(fixed.stdout)["expansion"] as? [String: Any])
        #expect(held["expanded"] as? Bool == false && held["candidates"] as? [String] == ["Mengxi-Shanghai"])
        let links = try #require(try Self.json(fixed.stdout)["links"] as? [String: [String: Any]])
        #expect(links["Mengxi-Shanghai"]?["p_nom_mw"] as? Double == 8000)

        let document = try Self.json(expanded.stdout)
        let expansion = try #require(document["expansion"] as? [String: Any])
        let built = try #require((expansion["built"] as? [String: [String: Any]])?["Mengxi-Shanghai"])
        let megawatts = try #require(built["built"] as? Double)
        #expect(megawatts > 0 && megawatts <= 8000 && built["given"] as? Double == 0)
        let capital = try #require(expansion["capital_cost"] as? Double)
        #expect(abs(capital - 255_000 * megawatts) <= 1e-6 * capital + 1)
        let saving = try #require(expansion["operating_saving"] as? Double)
        let without = try #require(expansion["operating_cost_without_candidates"] as? Double)
        let operating = try #require(expansion["operating_cost"] as? Double)
        #expect(abs(saving - (without - operating)) < 1)
        #expect(abs((expansion["net_benefit"] as? Double ?? 0) - (saving - capital)) < 1)
        let lines = try #require(document["lines"] as? [String: [String: Any]])
        #expect(lines.count == 5 && lines.values.allSatisfy { $0["loop_flow_mwh"] is Double })

        let refused = try BinaryRunner.run(["dispatch", "--pypsa", "Tests/Fixtures/cases/yrd-typical-days", "--expand"])
        #expect(refused.status == 2 && refused.stderr.contains("--expand applies to the delta's grid"))
    }

    @Test func scenarioChangesApplyFromTheirYear() throws {
        let before = try BinaryRunner.run([
            "dispatch", "--scenario", "policy", "--year", "2024", "--json", "--regions", ProjectPaths.regions.path,
        ])
        let after = try BinaryRunner.run([
            "dispatch", "--scenario", "policy", "--year", "2030", "--json", "--regions", ProjectPaths.regions.path,
        ])
        #expect(before.status == 0 && after.status == 0)
        let linksBefore = try #require(try Self.json(before.stdout)["links"] as? [String: Any])
        let linksAfter = try #require(try Self.json(after.stdout)["links"] as? [String: Any])
        #expect(linksBefore["Mengxi-Shanghai"] == nil)
        #expect(linksAfter["Mengxi-Shanghai"] != nil)
    }

    /// With --allow-shedding, demand above all supply is shed at that value of lost load and reported with bus and hour.
    @Test func loadAboveSupplyIsShedAndReported() throws {
        let directory = try TemporaryDirectory(prefix: "pypsa-short")
        try directory.write(",snapshot,objective\n0,h0,1\n1,h1,1\n", to: "snapshots.csv")
        try directory.write("name\nA\n", to: "buses.csv")
        try directory.write("name,bus,p_nom,carrier,marginal_cost\nA gas,A,100,gas,500\n", to: "generators.csv")
        try directory.write("name,bus\nA load,A\n", to: "loads.csv")
        try directory.write(",A load\n0,80\n1,130\n", to: "loads-p_set.csv")
        let result = try BinaryRunner.run(["dispatch", "--pypsa", directory.url.path, "--allow-shedding", "100000"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Unserved energy: 30 MWh in 1 bus-hours"))
        #expect(result.stdout.contains("A at h1: 30.0 MW"))
        let json = try BinaryRunner.run(["dispatch", "--pypsa", directory.url.path, "--json", "--allow-shedding", "100000"])
        let shed = try #require(try Self.json(json.stdout)["shed"] as? [String: Any])
        #expect(shed["total_mwh"] as? Double == 30)
    }

    @Test func badPyPSAInputExitsWithOneAndFileLine() throws {
        let directory = try TemporaryDirectory(prefix: "pypsa-bad")
        try directory.write(",snapshot,objective\n0,h0,1\n", to: "snapshots.csv")
        try directory.write("name\nA\n", to: "buses.csv")
        try directory.write("name,bus,p_nom,carrier,marginal_cost\nA gas,A,-100,gas,500\nB gas,B,10,gas,nan\n", to: "generators.csv")
        let result = try BinaryRunner.run(["dispatch", "--pypsa", directory.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("generators.csv:2: generator 'A gas' has negative p_nom -100.0"))
        #expect(result.stderr.contains("generators.csv:3: generator 'B gas' refers to unknown bus 'B'"))
        #expect(result.stderr.contains("generators.csv:3: column 'marginal_cost' is nan"))
    }

    @Test func solverStoppedEarlyExitsWithThreeAndClpStatus() throws {
        let folder = ProjectPaths.referenceCase("yrd-typical-days").path
        let result = try BinaryRunner.run(["dispatch", "--pypsa", folder, "--algorithm", "dual", "--iteration-limit", "3"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("Clp did not reach an optimum"))
        #expect(result.stderr.contains("stopped on iteration or time limit"))
    }

    @Test func unknownScenarioIsBadInput() throws {
        let result = try BinaryRunner.run(["dispatch", "--scenario", "nope", "--regions", ProjectPaths.regions.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("there is no grid scenario 'nope'"))
        #expect(result.stderr.contains("accelerated, baseline, policy"))
    }

    @Test func scenarioAndPyPSATogetherIsAUsageError() throws {
        let result = try BinaryRunner.run(["dispatch", "--scenario", "baseline", "--pypsa", "x"])
        #expect(result.status == 2)
    }
}
