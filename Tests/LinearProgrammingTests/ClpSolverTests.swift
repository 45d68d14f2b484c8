import Testing
import YrdplanTestSupport

@testable import LinearProgramming

@Suite struct ClpSolverTests {
    /// min x + y  s.t.  x + 2y ≥ 4,  3x + y ≥ 6,  x, y ≥ 0  →  x = 1.6, y = 1.2, duals 0.4 and 0.2.
    @Test func minimisationWithDemandRows() {
        var lp = LinearProgram(sense: .minimize)
        let x = lp.addVariable(lower: 0, upper: .infinity, cost: 1)
        let y = lp.addVariable(lower: 0, upper: .infinity, cost: 1)
        let r1 = lp.addConstraint([(variable: x, coefficient: 1), (variable: y, coefficient: 2)], lower: 4, upper: .infinity)
        let r2 = lp.addConstraint([(variable: x, coefficient: 3), (variable: y, coefficient: 1)], lower: 6, upper: .infinity)
        let solution = ClpSolver().solve(lp)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 2.8) < 1e-9)
        #expect(abs(solution.primal[x] - 1.6) < 1e-9)
        #expect(abs(solution.primal[y] - 1.2) < 1e-9)
        #expect(abs(solution.rowDuals[r1] - 0.4) < 1e-9)
        #expect(abs(solution.rowDuals[r2] - 0.2) < 1e-9)
        #expect(abs(solution.rowActivities[r1] - 4) < 1e-9)
        #expect(solution.iterations >= 1)
    }

    /// The first program again, started from its own optimal basis: no iteration is left, same optimum;
    /// started from a basis that is not optimal (both rows' slacks basic), Clp still reaches it.
    @Test func aWarmStartFromTheOptimalBasisNeedsNoIteration() {
        var lp = LinearProgram(sense: .minimize)
        let x = lp.addVariable(lower: 0, upper: .infinity, cost: 1)
        let y = lp.addVariable(lower: 0, upper: .infinity, cost: 1)
        lp.addConstraint([LinearTerm(x, 1), LinearTerm(y, 2)], lower: 4, upper: .infinity)
        lp.addConstraint([LinearTerm(x, 3), LinearTerm(y, 1)], lower: 6, upper: .infinity)
        let cold = ClpSolver().solve(lp, options: ClpOptions(algorithm: .dual))
        #expect(cold.basis.columns == [LPBasis.basic, LPBasis.basic])
        let warm = ClpSolver().solve(lp, startingFrom: cold.basis)
        #expect(warm.status == .optimal)
        #expect(warm.iterations == 0)
        #expect(abs(warm.objective - 2.8) < 1e-9)
        let slack = LPBasis(columns: [LPBasis.atLowerBound, LPBasis.atLowerBound], rows: [LPBasis.basic, LPBasis.basic])
        let repaired = ClpSolver().solve(lp, startingFrom: slack)
        #expect(repaired.status == .optimal)
        #expect(abs(repaired.primal[y] - 1.2) < 1e-9)
    }

    /// max 3x + 2y  s.t.  x + y ≤ 4,  x + 3y ≤ 9,  0 ≤ x ≤ 3 (a column bound)  →  x = 3, y = 1,
    /// objective 11; the first row's dual is +2 (one more unit of rhs buys one more y), the second is
    /// slack (0), and x's upper bound is worth 3 − 2 = 1.
    @Test func maximisationDualsFollowTheObjective() {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(lower: 0, upper: 3, cost: 3)
        let y = lp.addVariable(lower: 0, upper: .infinity, cost: 2)
        let r1 = lp.addConstraint([LinearTerm(x, 1), LinearTerm(y, 1)], lower: -.infinity, upper: 4)
        let r2 = lp.addConstraint([LinearTerm(x, 1), LinearTerm(y, 3)], lower: -.infinity, upper: 9)
        #expect(lp.constraintCount == 2)
        let solution = ClpSolver().solve(lp)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 11) < 1e-9)
        #expect(abs(solution.primal[x] - 3) < 1e-9)
        #expect(abs(solution.primal[y] - 1) < 1e-9)
        #expect(abs(solution.rowDuals[r1] - 2) < 1e-9)
        #expect(abs(solution.rowDuals[r2]) < 1e-9)
        #expect(abs(solution.reducedCosts[x] - 1) < 1e-9)
    }

    /// min 2x + 3y + 4z  s.t.  x + y + z = 10,  x − y = 2,  0 ≤ x ≤ 5  →  x = 5, y = 3, z = 2,
    /// objective 27; duals 4 and 1 (checked by moving each rhs by one), x's bound is worth −3.
    @Test func equalityRowsAndColumnEntries() {
        var lp = LinearProgram()
        let sum = lp.addConstraint(lower: 10, upper: 10)
        let difference = lp.addConstraint(lower: 2, upper: 2)
        let x = lp.addVariable(lower: 0, upper: 5, cost: 2, entries: [LinearTerm(sum, 1), LinearTerm(difference, 1)])
        let y = lp.addVariable(lower: 0, upper: .infinity, cost: 3, entries: [LinearTerm(sum, 1), LinearTerm(difference, -1)])
        lp.appendColumnEntry(row: sum, coefficient: 1)
        let z = lp.addVariable(lower: 0, upper: .infinity, cost: 4)
        let solution = ClpSolver().solve(lp)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - 27) < 1e-9)
        #expect(abs(solution.primal[x] - 5) < 1e-9)
        #expect(abs(solution.primal[y] - 3) < 1e-9)
        #expect(abs(solution.primal[z] - 2) < 1e-9)
        #expect(abs(solution.rowDuals[sum] - 4) < 1e-9)
        #expect(abs(solution.rowDuals[difference] - 1) < 1e-9)
        #expect(abs(solution.reducedCosts[x] + 3) < 1e-9)

        var moved = lp
        moved.setBounds(ofConstraint: difference, lower: 3, upper: 3)
        let movedSolution = ClpSolver().solve(moved)
        #expect(abs(movedSolution.objective - 28) < 1e-9)
    }

    @Test func infeasibleProgramIsAResult() {
        var lp = LinearProgram()
        let x = lp.addVariable(cost: 1)
        let y = lp.addVariable(cost: 1)
        lp.addConstraint([LinearTerm(x, 1), LinearTerm(y, 1)], lower: -.infinity, upper: 1)
        lp.addConstraint([LinearTerm(x, 1), LinearTerm(y, 1)], lower: 2, upper: .infinity)
        for algorithm in SimplexAlgorithm.allCases {
            #expect(ClpSolver().solve(lp, options: ClpOptions(algorithm: algorithm)).status == .infeasible)
        }
    }

    @Test func unboundedProgramIsAResult() {
        var lp = LinearProgram()
        let x = lp.addVariable(cost: -1)
        let y = lp.addVariable(cost: 0)
        lp.addConstraint([LinearTerm(x, 1), LinearTerm(y, -1)], lower: -.infinity, upper: 1)
        #expect(ClpSolver().solve(lp, options: ClpOptions(algorithm: .primal)).status == .unbounded)
        let viaDual = ClpSolver().solve(lp, options: ClpOptions(algorithm: .dual)).status
        #expect(viaDual == .unbounded)
    }

    @Test func iterationLimitStopsTheSolver() {
        var random = SplitMix64(seed: 7)
        let lp = TransportProblem.random(suppliers: 25, consumers: 25, using: &random).program
        let solution = ClpSolver().solve(lp, options: ClpOptions(algorithm: .primal, iterationLimit: 1))
        #expect(solution.status == .stoppedOnLimit)
    }

    @Test func emptyProgramSolves() {
        let solution = ClpSolver().solve(LinearProgram())
        #expect(solution.status == .optimal)
        #expect(solution.objective == 0)
        #expect(solution.primal.isEmpty)
    }

    @Test func versionIsReported() {
        #expect(ClpSolver.clpVersion.first?.isNumber == true)
    }

    @Test func rowAndColumnEntriesMergeIntoOneMatrix() {
        var lp = LinearProgram()
        let r0 = lp.addConstraint(lower: 0, upper: 1)
        let a = lp.addVariable(entries: [LinearTerm(r0, 2)])
        let b = lp.addVariable()
        lp.addConstraint([LinearTerm(b, 5), LinearTerm(a, 3)], lower: 0, upper: 1)
        let matrix = lp.compressedColumns()
        #expect(matrix.starts == [0, 2, 3])
        #expect(matrix.rowIndices == [0, 1, 1])
        #expect(matrix.values == [2, 3, 5])
        #expect(lp.nonZeroCount == 3)
    }
}
