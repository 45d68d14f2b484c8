import Foundation
import Testing
import YrdplanTestSupport

/// `yrdplan game solve` and `yrdplan check` run as a user would run them.
@Suite struct GameAndCheckCommandTests {
    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func solvesTheIssueExampleAsJSON() throws {
        let dir = try TemporaryDirectory()
        let file = try write(
            #"{"players": ["A","B","C"], "values": {"": 0, "A": 1, "B": 1, "C": 1, "A,B": 3, "A,C": 3, "B,C": 3, "A,B,C": 6}}"#, "g.json",
            in: dir.url)
        let result = try BinaryRunner.run(["game", "solve", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["shapley"] as? [String: Double]) == ["A": 2, "B": 2, "C": 2])
        #expect((object["nucleolus"] as? [String: Double]) == ["A": 2, "B": 2, "C": 2])
        #expect((object["prenucleolus"] as? [String: Double]) == ["A": 2, "B": 2, "C": 2])
        #expect((object["banzhaf_normalized"] as? [String: Double]) == ["A": 2, "B": 2, "C": 2])
        #expect(object["core_nonempty"] as? Bool == true)
        #expect(object["convex"] as? Bool == true)
    }

    /// Majority of three with A linked to both others and the bloc {A, B}: the values are derived by hand
    /// in Tests/BenefitSharingTests/Fixtures/reference/myerson-communication.json and owen-a-priori-unions.json.
    @Test func solvesWithEdgesAndUnionsAsJSON() throws {
        let dir = try TemporaryDirectory()
        let majority = #""players": ["A","B","C"], "values": {"": 0, "A": 0, "B": 0, "C": 0, "A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1}"#
        let file = try write(
            "{\(majority),\n \"edges\": [[\"A\",\"B\"], [\"A\",\"C\"]],\n \"unions\": [[\"A\",\"B\"], [\"C\"]]}", "g.json", in: dir.url)
        let result = try BinaryRunner.run(["game", "solve", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let myerson = try #require(object["myerson"] as? [String: Double])
        #expect(abs(myerson["A"]! - 2.0 / 3) < 1e-8 && abs(myerson["B"]! - 1.0 / 6) < 1e-8 && abs(myerson["C"]! - 1.0 / 6) < 1e-8)
        #expect((object["owen"] as? [String: Double]) == ["A": 0.5, "B": 0.5, "C": 0])
        // The majority game is neither quasi-balanced nor has a Gately point: the keys are there, as null.
        #expect(object["tau"] is NSNull)
        #expect(object["gately"] is NSNull)
        let point = try #require(object["least_core_point"] as? [String: Double])
        #expect(point == (object["prenucleolus"] as? [String: Double]))

        let table = try BinaryRunner.run(["game", "solve", file])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Myerson") && table.stdout.contains("Owen"))

        let plain = try write("{\(majority), \"edges\": []}", "plain.json", in: dir.url)
        let alone = try BinaryRunner.run(["game", "solve", plain, "--json"])
        let aloneObject = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        #expect((aloneObject["myerson"] as? [String: Double]) == ["A": 0, "B": 0, "C": 0], "no links: stand-alone worths")
        #expect(aloneObject["owen"] == nil, "owen only with unions")
    }

    @Test func gatelyAndTauOfGately1974AsJSON() throws {
        let dir = try TemporaryDirectory()
        let file = try write(
            #"{"players": ["1","2","3"], "values": {"": 0, "1": 0, "2": 0, "3": 0, "1,2": 1170, "1,3": 770, "2,3": 210, "1,2,3": 1530}}"#,
            "g.json", in: dir.url)
        let result = try BinaryRunner.run(["game", "solve", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // Gately (1974) as printed in CoopGame's gatelyValue documentation: 827.7049, 476.5574, 225.7377.
        let gately = try #require(object["gately"] as? [String: Double])
        for (player, expected) in [("1", 827.7049), ("2", 476.5574), ("3", 225.7377)] {
            #expect(abs(gately[player]! - expected) < 1e-4)
        }
        #expect(object["tau"] as? [String: Double] != nil)
        #expect(object["myerson"] == nil && object["owen"] == nil)
    }

    @Test func unionsThatAreNotAPartitionExitOneWithFileLine() throws {
        let dir = try TemporaryDirectory()
        let file = try write(
            "{\"players\": [\"A\",\"B\"], \"values\": {\"\": 0, \"A\": 1, \"B\": 1, \"A,B\": 3},\n \"unions\": [[\"A\"]]}", "bad.json",
            in: dir.url)
        let result = try BinaryRunner.run(["game", "solve", file, "--json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):2: `B` is in no union"))
        #expect(result.stdout.isEmpty)
    }

    @Test func sampledShapleyIsReproducibleAndWithinItsErrorBound() throws {
        let dir = try TemporaryDirectory()
        let file = try write(
            #"{"players": ["A","B","C"], "values": {"": 0, "A": 0, "B": 1, "C": 2, "A,B": 4, "A,C": 3, "B,C": 5, "A,B,C": 9}}"#, "g.json",
            in: dir.url)
        let first = try BinaryRunner.run(["game", "solve", file, "--json", "--samples", "2000", "--seed", "9"])
        let second = try BinaryRunner.run(["game", "solve", file, "--json", "--samples", "2000", "--seed", "9"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let exact = try #require(object["shapley"] as? [String: Double])
        let sampled = try #require(object["shapley_sampled"] as? [String: Any])
        let estimate = try #require(sampled["estimate"] as? [String: Double])
        let error = try #require(sampled["standard_error"] as? [String: Double])
        for player in ["A", "B", "C"] {
            #expect(abs(estimate[player]! - exact[player]!) <= 5 * error[player]!)
        }
    }

    @Test func nucleolusIsNullWithoutImputations() throws {
        let dir = try TemporaryDirectory()
        let file = try write(#"{"players": ["A","B"], "values": {"": 0, "A": 2, "B": 2, "A,B": 3}}"#, "g.json", in: dir.url)
        let result = try BinaryRunner.run(["game", "solve", file, "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""nucleolus": null"#))
        #expect(result.stdout.contains(#""core_nonempty": false"#))
    }

    @Test func bankruptcyGivesTheFourRules() throws {
        let dir = try TemporaryDirectory()
        let file = try write(#"{"bankruptcy": {"estate": 200, "claims": {"A": 100, "B": 200, "C": 300}}}"#, "b.json", in: dir.url)
        let result = try BinaryRunner.run(["game", "solve", file, "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Double]])
        #expect(object["talmud"] == ["A": 50, "B": 75, "C": 75])
        #expect(object["cel"] == ["A": 0, "B": 50, "C": 150])
        #expect(Set(object.keys) == ["proportional", "cea", "cel", "talmud"])
    }

    @Test func badGameFileExitsOneWithFileLine() throws {
        let dir = try TemporaryDirectory()
        let file = try write("{\"players\": [\"A\",\"B\"],\n \"values\": {\"\": 0, \"A\": 1, \"A,B\": 3}}", "bad.json", in: dir.url)
        let result = try BinaryRunner.run(["game", "solve", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):2: 1 coalition is missing"))
        #expect(result.stdout.isEmpty)
    }

    @Test func checkReportsFailuresWithCounterexamplesAndExitsOne() throws {
        let fixtures = ProjectPaths.root.appendingPathComponent("Tests/BenefitSharingTests/Fixtures/agreements")
        let result = try BinaryRunner.run([
            "check", fixtures.appendingPathComponent("relocation-steel-no-lasting-share.yaml").path,
            fixtures.appendingPathComponent("pooled-dispatch-by-load.yaml").path,
        ])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "4 passed, 4 failed")
        #expect(
            lines.contains(
                "FAIL  relocation-steel-no-lasting-share  individual-rationality: shanghai gets -2.24 亿元 NPV, less than the 0.00 亿元 NPV it has alone"
            ))
        #expect(lines.contains { $0.hasPrefix("FAIL  pooled-dispatch-by-load  core: coalition {shanghai, anhui}") })
    }

    @Test func checkOverShippedAgreements() throws {
        let regions = ProjectPaths.root.appendingPathComponent("Regions").path
        let result = try BinaryRunner.run(["check", "--regions", regions])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let closing = try #require(lines.last)
        #expect(closing.range(of: #"^\d+ passed, \d+ failed$"#, options: .regularExpression) != nil)
        #expect(lines.dropLast().count == 22, "one line per check of the four shipped agreements")
        // With the AC ring under Kirchhoff's law a coalition without Jiangsu keeps only a radial part of the ring, free
        // of the loop constraint, so the Shapley shares may leave the core (docs/power-flow.md); the check must say which.
        #expect(lines.contains("PASS  pooled-dispatch  efficiency") && lines.contains("PASS  pooled-dispatch  individual-rationality"))
        #expect(lines.contains { $0.hasPrefix("PASS  pooled-dispatch  core") || $0.hasPrefix("FAIL  pooled-dispatch  core: coalition {") })
        let failed = Int(closing.split(separator: " ")[2])!
        #expect(result.status == (failed > 0 ? 1 : 0))
    }

    @Test func perturbedChecksAreReproducibleFromTheSeed() throws {
        let regions = ProjectPaths.root.appendingPathComponent("Regions")
        let fixtures = ProjectPaths.root.appendingPathComponent("Tests/BenefitSharingTests/Fixtures/agreements")
        let files = [
            regions.appendingPathComponent("agreements/relocation-steel-shanghai-anhui.yaml").path,
            regions.appendingPathComponent("agreements/joint-fund.yaml").path,
            fixtures.appendingPathComponent("pooled-dispatch-table.yaml").path,
        ]
        let arguments = ["check"] + files + ["--regions", regions.path, "--sample", "20", "--perturb", "0.2", "--seed", "3"]
        let first = try BinaryRunner.run(arguments)
        let second = try BinaryRunner.run(arguments)
        #expect(first.stdout == second.stdout, "same seed, same report")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("PASS  relocation-steel-shanghai-anhui  monotonicity  (held in 20/20 samples") })
        #expect(lines.contains { $0.hasPrefix("FAIL  joint-fund  individual-rationality  (held in ") && $0.contains("worst, sample") })
        #expect(lines.last?.range(of: #"^\d+ passed, \d+ failed$"#, options: .regularExpression) != nil)
    }

    @Test func pooledDispatchOnTheGridIsRedispatchedPerSample() throws {
        let regions = ProjectPaths.root.appendingPathComponent("Regions")
        let file = regions.appendingPathComponent("agreements/pooled-dispatch.yaml").path
        let result = try BinaryRunner.run(["check", file, "--regions", regions.path, "--sample", "2", "--seed", "1"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines.contains { $0.hasPrefix("PASS  pooled-dispatch  efficiency  (held in 2/2 samples") })
    }

    @Test func unknownProvinceInAnAgreementIsBadInput() throws {
        let dir = try TemporaryDirectory()
        let source = ProjectPaths.root.appendingPathComponent("Regions/agreements/relocation-steel-shanghai-anhui.yaml")
        let text = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(
            of: "destination: anhui", with: "destination: fujian")
        let file = try write(text, "relocation-bad.yaml", in: dir.url)
        let result = try BinaryRunner.run(["check", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):8: unknown province `fujian`"))
    }

    @Test func unknownSourceKeyIsBadInput() throws {
        let dir = try TemporaryDirectory()
        let source = ProjectPaths.root.appendingPathComponent("Regions/agreements/relocation-steel-shanghai-anhui.yaml")
        let text = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(of: "source: ets_p1", with: "source: ets-p1")
        let file = try write(text, "relocation-bad-source.yaml", in: dir.url)
        let result = try BinaryRunner.run(["check", file, "--regions", ProjectPaths.regions.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):11: unknown source key `ets-p1`"))
        #expect(result.stdout.isEmpty)
    }
}
