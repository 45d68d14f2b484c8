import Foundation
import LinearProgramming
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// Time blocks only choose where Clp's dual simplex starts: the optimum must be PyPSA's (results-pypsa.json of the
/// reference cases, solved by PyPSA 1.4.0 + HiGHS), and the start must be close to it.
@Suite struct TimeBlockTests {
    static func pypsaObjective(_ caseName: String) throws -> Double {
        let data = try Data(contentsOf: ProjectPaths.referenceCase(caseName).appendingPathComponent("results-pypsa.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["objective"] as? Double)
    }

    /// Blocks forced on the 96 snapshots of the typical days (storage cycles across block ends; with the CO2 cap, a row
    /// over the whole period that no block has): the whole LP still reaches PyPSA's optimum and carbon price.
    @Test(arguments: [("yrd-typical-days", 4), ("yrd-typical-days", 7), ("yrd-typical-days-co2cap", 4)])
    func blocksReachPyPSAsOptimum(caseName: String, blocks: Int) throws {
        let network = try PyPSAImport.load(folder: ProjectPaths.referenceCase(caseName))
        let problem = try DispatchProblem(network: network)
        #expect(problem.timeBlockStart(blocks: blocks) != nil)
        let (result, _) = try PowerDispatch.run(network, timeBlocks: blocks)
        let expected = try Self.pypsaObjective(caseName)
        #expect(abs(result.objective - expected) <= 1e-9 * expected, "\(result.objective) vs PyPSA \(expected)")
        if let cap = network.co2Cap {
            #expect(abs(result.totalCO2 - cap) <= 1e-6 * cap)
            #expect((result.carbonPrice ?? 0) > 0)
        }
    }

    /// On a year of hours the blocks' bases are nearly the optimum: the whole LP needs a small fraction of the
    /// iterations the blocks took (with a wrongly assembled basis it would need about as many as from scratch).
    @Test func aYearStartsNearTheOptimum() throws {
        let network = try PyPSAImport.load(folder: ProjectPaths.referenceCase("yrd-8760"))
        let problem = try DispatchProblem(network: network)
        let blocks = PowerDispatch.automaticTimeBlocks(snapshots: network.snapshots.count)
        #expect(blocks == 24)
        let start = try #require(problem.timeBlockStart(blocks: blocks))
        let solution = ClpSolver().solve(problem.program, startingFrom: start.basis)
        #expect(solution.status == .optimal)
        let expected = try Self.pypsaObjective("yrd-8760")
        #expect(abs(solution.objective - expected) <= 1e-9 * expected)
        #expect(solution.iterations * 4 < start.iterations, "\(solution.iterations) after blocks that took \(start.iterations)")
    }

    /// A network whose capacities are chosen by the LP does not split by time: no blocks, Clp's own start.
    @Test func expansionHasNoTimeBlocks() throws {
        let network = try PyPSAImport.load(folder: ProjectPaths.referenceCase("pypsa-examples/ac-dc-meshed"))
        let problem = try DispatchProblem(network: network)
        #expect(network.generators.contains { $0.expansion != nil })
        #expect(problem.timeBlockStart(blocks: 2) == nil)
    }

    @Test func shortDispatchesHaveNoAutomaticBlocks() {
        #expect(PowerDispatch.automaticTimeBlocks(snapshots: 288) == 0)
        #expect(PowerDispatch.automaticTimeBlocks(snapshots: 999) == 0)
        #expect(PowerDispatch.automaticTimeBlocks(snapshots: 1000) == 2)
    }
}
