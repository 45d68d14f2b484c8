import Diagnostics
import LinearProgramming
import RegionModel

/// Why a dispatch could not produce results.
public enum DispatchFailure: Error, Equatable, Sendable {
    /// The network has problems; every one is listed.
    case invalidNetwork(DiagnosticsError)
    /// No dispatch satisfies the constraints (with shedding: e.g. must-run output above demand and
    /// storage, or a CO2 cap below must-run emissions; without: also load that supply cannot meet).
    case infeasible(String)
    /// The solver stopped without an optimum (limit reached, numerical failure); carries Clp's status.
    case solverFailed(LPStatus)
}

/// Seconds spent in each phase of a dispatch.
public struct DispatchTimings: Sendable, Hashable {
    public var build: Double
    public var solve: Double
    public var readBack: Double
}

/// A solved dispatch LP: the problem and Clp's optimal solution, including its basis for warm starts.
public struct SolvedDispatch: Sendable {
    public let problem: DispatchProblem
    public let solution: LPSolution
    /// The basis its time blocks gave (before the whole LP was solved), when it started from time blocks: a related
    /// dispatch's blocks start from it (`PowerDispatch.solve(_:warmStart:)`).
    public var blockStart: LPBasis? = nil
    /// The optimal cost (yuan over the network's period).
    public var objective: Double { solution.objective }
}

/// Runs the whole dispatch: validate the network and build the LP, solve it with Clp, read results back.
public enum PowerDispatch {
    /// Solves `network`; `progress` receives short phase messages (for standard error on long runs).
    /// Without `allowShedding` load is never shed: a network that cannot balance is infeasible, and the
    /// failure names the buses and snapshots found short by a second solve that may shed.
    /// `timeBlocks`: how many blocks of consecutive snapshots give the dual simplex its start (nil: `automaticTimeBlocks`,
    /// 0 or 1: none, Clp starts from its own crash basis); the optimum is the whole LP's either way.
    public static func run(
        _ network: GridNetwork, options: ClpOptions = ClpOptions(), allowShedding: Bool = true, timeBlocks: Int? = nil,
        progress: (String) -> Void = { _ in }
    ) throws(DispatchFailure) -> (result: DispatchResult, timings: DispatchTimings) {
        let clock = ContinuousClock()
        var start = clock.now
        let problem = try DispatchProblem(network: network, allowShedding: allowShedding)
        let build = seconds(clock.now - start)
        progress(
            "built LP: \(problem.program.constraintCount) rows × \(problem.program.variableCount) columns, "
                + "\(problem.program.nonZeroCount) non-zeros in \(formatted(build)) s; solving with Clp \(ClpSolver.clpVersion)…")
        start = clock.now
        let solution = solveProgram(of: problem, options: options, timeBlocks: timeBlocks, progress: progress)
        let solve = seconds(clock.now - start)
        progress("Clp finished (\(solution.status)) after \(solution.iterations) iterations in \(formatted(solve)) s")
        try requireOptimal(solution, network: network, options: options, allowShedding: allowShedding)
        start = clock.now
        let result = problem.readBack(solution)
        let readBack = seconds(clock.now - start)
        return (result, DispatchTimings(build: build, solve: solve, readBack: readBack))
    }

    /// Solves the dispatch LP of `network` and keeps it with its solution (objective, final basis), so a
    /// related network can start from it: with `warmStart`, the LP starts from the basis of that solved
    /// dispatch mapped onto this network (`DispatchProblem.startingBasis`). Failures as `run`.
    /// Without `warmStart` a long dispatch starts from time blocks as in `run`; with one that has a block start, each
    /// block starts from the same block of that dispatch.
    public static func solve(
        _ network: GridNetwork, options: ClpOptions = ClpOptions(), allowShedding: Bool = true,
        warmStart parent: SolvedDispatch? = nil, timeBlocks: Int? = nil
    ) throws(DispatchFailure) -> SolvedDispatch {
        let problem = try DispatchProblem(network: network, allowShedding: allowShedding)
        let (solution, blockStart) = solveStarted(problem, options: options, timeBlocks: timeBlocks, parent: parent)
        try requireOptimal(solution, network: network, options: options, allowShedding: allowShedding)
        var solved = SolvedDispatch(problem: problem, solution: solution)
        solved.blockStart = blockStart
        return solved
    }

    /// The number of time blocks used when the caller does not say: one per 365 snapshots (24 for a year of hours)
    /// from 1,000 snapshots on, none for shorter dispatches, where Clp alone is quick. Measured on yrd-8760 (release,
    /// 2 cores, quiet): 12 blocks 6.2 s, 24 blocks 5.4 s, 36 blocks 5.4 s, 48 blocks 6.4 s, none 19–22 s
    /// (docs/power-flow.md, "Time blocks").
    public static func automaticTimeBlocks(snapshots: Int) -> Int {
        snapshots < 1000 ? 0 : max(2, snapshots / 365)
    }

    /// Clp's solve of the dispatch LP, started from time blocks when there are at least two and the simplex is dual
    /// (a barrier ignores a starting basis); from Clp's own start when the blocks do not apply or fail.
    public static func solveProgram(
        of problem: DispatchProblem, options: ClpOptions, timeBlocks: Int?, progress: (String) -> Void
    ) -> LPSolution {
        solveStarted(problem, options: options, timeBlocks: timeBlocks, parent: nil, progress: progress).solution
    }

    /// The one place that chooses where Clp starts: time blocks (from a related dispatch's block start when `parent`
    /// has one), else `parent`'s final basis mapped onto this problem, else Clp's own start. Returns the solution and
    /// the block start it used, if any.
    static func solveStarted(
        _ problem: DispatchProblem, options: ClpOptions, timeBlocks: Int?, parent: SolvedDispatch?,
        progress: (String) -> Void = { _ in }
    ) -> (solution: LPSolution, blockStart: LPBasis?) {
        let blocks = options.algorithm == .dual ? timeBlocks ?? automaticTimeBlocks(snapshots: problem.snapshotCount) : 0
        var blockStart: TimeBlockStart?
        if blocks >= 2 {
            if let parent, let parentBlocks = parent.blockStart {
                // Each block starts from the same block of the related dispatch (its block bases, not its final
                // basis: those fit the blocks' rows one for one).
                let mapped = problem.startingBasis(from: parent.problem, basis: parentBlocks)
                blockStart = problem.timeBlockStart(blocks: blocks, options: options, startingFrom: mapped)
            } else if parent == nil {
                blockStart = problem.timeBlockStart(blocks: blocks, options: options)
            }
        }
        if let blockStart {
            progress(
                "\(blocks) time blocks solved in \(formatted(blockStart.seconds)) s (\(blockStart.iterations) iterations); "
                    + "the whole LP starts from their bases…")
            return (ClpSolver().solve(problem.program, startingFrom: blockStart.basis, options: options), blockStart.basis)
        }
        if let parent, !parent.solution.basis.columns.isEmpty {
            let start = problem.startingBasis(from: parent.problem, basis: parent.solution.basis)
            return (ClpSolver().solve(problem.program, startingFrom: start, options: options), nil)
        }
        return (ClpSolver().solve(problem.program, options: options), nil)
    }

    /// Throws the failure a non-optimal solve stands for.
    static func requireOptimal(
        _ solution: LPSolution, network: GridNetwork, options: ClpOptions, allowShedding: Bool
    ) throws(DispatchFailure) {
        switch solution.status {
        case .optimal: return
        case .infeasible where !allowShedding:
            throw .infeasible(unbalancedReport(network, options: options))
        case .infeasible:
            throw .infeasible(
                "no dispatch of grid '\(network.name)' meets every limit even when shedding load: check must-run "
                    + "output (p_min_pu) against demand and the CO2 cap against must-run emissions")
        default: throw .solverFailed(solution.status)
        }
    }

    /// Clp's verdict on a network without shedding, and where a solve that may shed finds it short.
    static func unbalancedReport(_ network: GridNetwork, options: ClpOptions) -> String {
        var text = "Clp found no dispatch of grid '\(network.name)' that balances every bus in every snapshot (infeasible)"
        guard let problem = try? DispatchProblem(network: network, allowShedding: true) else { return text }
        let solution = ClpSolver().solve(problem.program, options: options)
        guard solution.status == .optimal else {
            return text + "; even shedding load would not help (must-run output, storage or the CO2 cap)"
        }
        let events = problem.readBack(solution).shedEvents
        if events.isEmpty { return text }
        let listed = events.prefix(5).map { "\($0.bus) at \($0.snapshot) (\(formatted($0.megawatts)) MW short)" }
        text += "; a second solve that may shed load finds \(events.count) bus-snapshots short, first: "
        text += listed.joined(separator: ", ") + (events.count > 5 ? ", …" : "")
        return text
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    static func formatted(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        return "\(Int(hundredths) / 100).\(String(Int(hundredths) % 100).leftPadded(to: 2))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
