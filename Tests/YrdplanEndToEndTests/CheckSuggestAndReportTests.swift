import Foundation
import Testing
import YrdplanTestSupport

/// `yrdplan check --suggest`, `--json` and `--misreport` run as a user would run them.
///
/// The petrochemical relocation by hand from its file (20 years at 6%, end of year): A10 = Σ_{t=1..10} 1.06^−t
/// = 7.3601, A20 = 11.4699, years 11-20: 4.1098; carbon 42.85 元/t = 0.4285 亿元/Mt. Shanghai: (−11 tax + 0.4285 ×
/// 5.2 Mt + 3 land) × A20 − 12 × 0.4 / 1.06 + 0.5 × 10 × A10 = −66.20 − 4.53 + 36.80 = −33.93 亿元 NPV. Jiangsu:
/// 36.80 + 10 × 4.1098 − (0.4285 × 4.9 + 0.6) × A20 − 7.2 / 1.06 = 40.14. The move is worth 6.21 in all; not
/// moving is worth 0 to each. A point of Shanghai's tax share in years 1-10 is worth 10 × A10 = 73.60 to it, in
/// years 11-20 only 41.10, so the least change of shares gives Shanghai 0.5 + 33.93 / 73.60 = 0.961 of the tax
/// for the first ten years and leaves the later years to Jiangsu.
@Suite struct CheckSuggestAndReportTests {
    let petrochemical = ProjectPaths.regions.appendingPathComponent("agreements/relocation-petrochemical-shanghai-jiangsu.yaml")
    let jointFund = ProjectPaths.regions.appendingPathComponent("agreements/joint-fund.yaml")

    @Test func suggestedPetrochemicalSplitPassesWhenCheckedAgain() throws {
        let dir = try TemporaryDirectory()
        let amended = dir.url.appendingPathComponent("amended.yaml").path
        let regions = ProjectPaths.regions.path
        let result = try BinaryRunner.run(["check", petrochemical.path, "--suggest", "--suggest-out", amended, "--regions", regions])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("tax split, years 1-10: shanghai 0.5000 → 0.96"))

        let original = try String(contentsOf: petrochemical, encoding: .utf8).components(separatedBy: "\n")
        let written = try String(contentsOfFile: amended, encoding: .utf8).components(separatedBy: "\n")
        let changed = zip(original, written).filter { $0 != $1 }
        #expect(original.count == written.count && changed.count == 1, "only the first tax period's line changes")
        let line = try #require(changed.first?.1)
        #expect(line.hasPrefix("    - {years: 10, shares: {shanghai: 0.96"))
        let share = try #require(Double(line.split(separator: "shanghai: ")[1].prefix { $0 != "," }))
        #expect(abs(share - 0.961) < 0.001, "the hand estimate above")
        #expect(line.contains("confidence: estimate") && !line.contains("sourced") && !line.contains("ref:"))
        #expect(line.contains("designed by `yrdplan check --suggest` (objective closest) against individual-rationality, core, floor"))

        let again = try BinaryRunner.run(["check", amended, "--regions", regions])
        #expect(again.status == 0, "\(again.stdout)")
        #expect(again.stdout.hasSuffix("5 passed, 0 failed\n"))
    }

    @Test func jointFundHasNoSplitToChangeAndSaysWhatWouldCloseTheGap() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("fund.yaml").path
        let result = try BinaryRunner.run([
            "check", jointFund.path, "--suggest", "--suggest-out", out, "--regions", ProjectPaths.regions.path,
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("suggest  joint-fund: no split passes — the fund has no split schedule to change"))
        #expect(result.stdout.contains("least-core ε = -"), "the core is not empty")
        // By hand from the file: a project is worth (Mt × 0.4285 + other) × A20 (11.4699) − cost: hydrogen steel
        // 46.04 − 35, storage 25.89 − 20, smart grid 27.20 − 15 are positive, CCUS (18.68 − 30) and offshore wind
        // (32.61 − 40) are not, so the fund spends 70 of 100. Shanghai's GDP share is 44652.8 / 290288.4 = 0.1538:
        // it pays 10.77 and receives only spillovers, Σ benefit × spillover × 0.1538 / (1 − lead's share) = 8.90.
        // It needs 10.77 − 8.90 = 1.87 from the others, whom the fund leaves well above 0.
        #expect(result.stdout.contains("smallest side payment that closes the gap: 1.87 亿元 NPV (shanghai receives 1.87"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aFloorAboveWhatTheMoveIsWorthNeedsOutsideMoney() throws {
        let dir = try TemporaryDirectory()
        let text = try String(contentsOf: petrochemical, encoding: .utf8).replacingOccurrences(
            of: "floor: {shanghai: 0, jiangsu: 0}", with: "floor: {shanghai: 10, jiangsu: 0}")
        let file = dir.url.appendingPathComponent("petrochemical-floor.yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["check", file, "--suggest", "--regions", ProjectPaths.regions.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("no split passes — no tax split between shanghai and jiangsu with shares in [0, 1] passes every check"))
        // The move is worth 6.21 and Jiangsu must keep ≥ 0: 10 − 6.21 = 3.79 must come from outside.
        #expect(result.stdout.contains("3.79 亿元 NPV of it from outside the agreement"))
    }

    @Test func jsonReportsPassProbabilitiesBothLanguagesAndManipulation() throws {
        let result = try BinaryRunner.run([
            "check", petrochemical.path, jointFund.path, "--json", "--sample", "20", "--seed", "3", "--misreport", "0.1", "--regions",
            ProjectPaths.regions.path,
        ])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let agreements = try #require(object["agreements"] as? [[String: Any]])
        #expect(agreements.count == 2)
        for agreement in agreements {
            for check in try #require(agreement["checks"] as? [[String: Any]]) {
                let heldIn = try #require(check["held_in"] as? Double)
                #expect(check["samples"] as? Double == 20)
                #expect(abs((check["pass_probability"] as? Double ?? -1) - heldIn / 20) < 1e-9)
            }
        }
        let relocation = agreements[0]
        let checks = try #require(relocation["checks"] as? [[String: Any]])
        let ir = try #require(checks.first { $0["property"] as? String == "individual-rationality" })
        let example = try #require(ir["counterexample"] as? [String: Any])
        #expect(example["kind"] as? String == "below-stand-alone")
        #expect(example["parties"] as? [String] == ["shanghai"])
        #expect(example["en"] as? String == "Shanghai gets -33.93 亿元 NPV, less than the 0.00 亿元 NPV it has alone")
        #expect(example["zh-CN"] as? String == "上海净现值为 −33.93 亿元，低于单独行动时的 0.00 亿元")

        // Two players, v({i}) = 0, v(N) = 6.21: reporting v({i}) = +10% of 6.21 moves the Shapley value by half
        // of it, 0.31; equal split and the agreed tax split never look at v({i}).
        let manipulation = try #require(relocation["manipulation"] as? [String: Any])
        #expect(manipulation["immune_rules"] as? [String] == ["agreed", "equal"])
        let rules = try #require(manipulation["rules"] as? [[String: Any]])
        let shapley = try #require(rules.first { $0["rule"] as? String == "shapley" }?["gain"] as? [String: Double])
        #expect(abs(shapley["shanghai"]! - 0.3106) < 1e-3 && abs(shapley["jiangsu"]! - 0.3106) < 1e-3)
        #expect(rules.first { $0["rule"] as? String == "proportional" }?["defined"] as? Bool == false)
    }

    @Test func tableSummarisesManipulationWithoutChangingTheCheckLines() throws {
        let plain = try BinaryRunner.run(["check", petrochemical.path, "--regions", ProjectPaths.regions.path])
        let result = try BinaryRunner.run(["check", petrochemical.path, "--misreport", "0.1", "--regions", ProjectPaths.regions.path])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { !$0.hasPrefix("#") } == plain.stdout.split(separator: "\n").map(String.init))
        #expect(lines.contains("#   immune: agreed, equal"))
        #expect(lines.contains("#   shapley: shanghai +0.31 (δ = +0.10), jiangsu +0.31 (δ = +0.10) 亿元 NPV"))
        #expect(lines.last == "2 passed, 3 failed")
    }
}
