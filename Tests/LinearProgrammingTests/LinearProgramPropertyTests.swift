import Testing
import YrdplanTestSupport

@testable import LinearProgramming

/// A balanced transportation problem: ship from suppliers (≤ supply) to consumers (≥ demand).
struct TransportProblem {
    var supply: [Double]
    var demand: [Double]
    var unitCost: [[Double]]
    var program: LinearProgram

    static func random(suppliers: Int, consumers: Int, using random: inout SplitMix64) -> TransportProblem {
        let supply = (0..<suppliers).map { _ in Double(Int.random(in: 10...100, using: &random)) }
        var demand = (0..<consumers).map { _ in Double(Int.random(in: 5...60, using: &random)) }
        let scale = 0.9 * supply.reduce(0, +) / demand.reduce(0, +)
        demand = demand.map { ($0 * scale).rounded(.down) }
        let unitCost = (0..<suppliers).map { _ in (0..<consumers).map { _ in Double.random(in: 1...20, using: &random) } }
        var lp = LinearProgram()
        let supplyRows = supply.map { lp.addConstraint(lower: -.infinity, upper: $0) }
        let demandRows = demand.map { lp.addConstraint(lower: $0, upper: .infinity) }
        for i in 0..<suppliers {
            for j in 0..<consumers {
                lp.addVariable(cost: unitCost[i][j], entries: [LinearTerm(supplyRows[i], 1), LinearTerm(demandRows[j], 1)])
            }
        }
        return TransportProblem(supply: supply, demand: demand, unitCost: unitCost, program: lp)
    }
}

@Suite struct LinearProgramPropertyTests {
    /// Over seeded random transport problems: the solution is feasible, reduced costs equal
    /// c − Aᵀy, duals respect complementary slackness with the documented sign convention, and
    /// the objective equals the dual objective (strong duality).
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func transportProblemsSatisfyDuality(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let problem = TransportProblem.random(
            suppliers: Int.random(in: 2...8, using: &random), consumers: Int.random(in: 2...8, using: &random),
            using: &random)
        let lp = problem.program
        let solution = ClpSolver().solve(lp, options: ClpOptions(algorithm: seed % 2 == 0 ? .dual : .primal))
        #expect(solution.status == .optimal)
        let matrix = lp.compressedColumns()
        let tolerance = 1e-7
        for row in 0..<lp.constraintCount {
            let activity = solution.rowActivities[row]
            #expect(activity >= lp.rowLower[row] - tolerance && activity <= lp.rowUpper[row] + tolerance)
            let dual = solution.rowDuals[row]
            if dual > tolerance { #expect(abs(activity - lp.rowLower[row]) < 1e-6) }
            if dual < -tolerance { #expect(abs(activity - lp.rowUpper[row]) < 1e-6) }
        }
        var dualObjective = 0.0
        for row in 0..<lp.constraintCount {
            let dual = solution.rowDuals[row]
            if dual > 0 { dualObjective += dual * lp.rowLower[row] } else if dual < 0 { dualObjective += dual * lp.rowUpper[row] }
        }
        for column in 0..<lp.variableCount {
            #expect(solution.primal[column] >= -tolerance)
            var reduced = lp.cost[column]
            for k in Int(matrix.starts[column])..<Int(matrix.starts[column + 1]) {
                reduced -= matrix.values[k] * solution.rowDuals[Int(matrix.rowIndices[k])]
            }
            #expect(abs(reduced - solution.reducedCosts[column]) < 1e-6)
            #expect(solution.reducedCosts[column] >= -1e-6)
        }
        #expect(abs(dualObjective - solution.objective) < 1e-6 * max(1, abs(solution.objective)))
    }
}
