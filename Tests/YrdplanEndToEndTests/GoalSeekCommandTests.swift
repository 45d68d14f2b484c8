import Foundation
import Testing
import YrdplanTestSupport

/// `yrdplan project --target-peak`: the goal seek as a planner runs it, its JSON and its usage errors.
@Suite struct GoalSeekCommandTests {
    func run(_ arguments: [String]) throws -> ProcessResult {
        try BinaryRunner.run(arguments + ["--regions", ProjectPaths.regions.path])
    }

    @Test func theGoalSeekReportsEveryProvinceAndItsLeverGaps() throws {
        let result = try run(["project", "--target-peak", "2030", "--probability", "0.9", "--draws", "40", "--seed", "2", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["target_peak_year"] as? Int == 2030 && json["draws"] as? Int == 40 && json["from"] as? String == "policy")
        let regions = try #require(json["regions"] as? [String: [String: Any]])
        #expect(Set(regions.keys) == ["shanghai", "jiangsu", "zhejiang", "anhui"])
        for (id, goal) in regions {
            let status = try #require(goal["status"] as? String)
            let levers = try #require(goal["levers"] as? [[String: Any]])
            switch status {
            case "already-met": #expect(levers.isEmpty && (goal["p_announced"] as? Double ?? 0) >= 0.9, "\(id)")
            case "reachable":
                #expect((goal["p_required"] as? Double ?? 0) >= 0.9, "\(id)")
                #expect((goal["p_one_step_less"] as? Double ?? 1) < 0.9, "\(id)")
                for lever in levers {
                    let gap = try #require(lever["gap"] as? Double)
                    let announced = try #require(lever["announced"] as? Double)
                    let required = try #require(lever["required"] as? Double)
                    #expect(abs(required - announced - gap) < 1e-5)
                }
            default: #expect(status == "unreachable")
            }
        }
        let table = try run(["project", "--target-peak", "2030", "--draws", "40", "--seed", "2"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("Goal: peak by 2030 with P ≥ 0.90"))
        #expect(table.stdout.contains("Zhejiang 浙江"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try run(["project", "--target-peak", "2030", "--draws", "0"]).status == 2)
        #expect(try run(["project", "--target-peak", "2030", "--probability", "1.5"]).status == 2)
        let unknown = try run(["project", "--target-peak", "2030", "--toward", "utopia", "--draws", "5"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown scenario 'utopia'"), "\(unknown.stderr)")
    }
}
