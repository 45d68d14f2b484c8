import Diagnostics
import LinearProgramming
import RegionModel

/// Why a dispatch could not produce results.
public enum DispatchFailure: Error, Equatable, Sendable {
    /// The network has problems; every one is listed.
    case invalidNetwork(DiagnosticsError)
    /// No dispatch satisfies the constraints even with load shedding (e.g. must-run output above
    /// demand and storage, or a CO2 cap below must-run emissions).
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

/// Runs the whole dispatch: validate the network and build the LP, solve it with Clp, read results back.
public enum PowerDispatch {
    /// Solves `network`; `progress` receives short phase messages (for standard error on long runs).
    public static func run(
        _ network: GridNetwork, options: ClpOptions = ClpOptions(), progress: (String) -> Void = { _ in }
    ) throws(DispatchFailure) -> (result: DispatchResult, timings: DispatchTimings) {
        let clock = ContinuousClock()
        var start = clock.now
        let problem = try DispatchProblem(network: network)
        let build = seconds(clock.now - start)
        progress(
            "built LP: \(problem.program.constraintCount) rows × \(problem.program.variableCount) columns, "
                + "\(problem.program.nonZeroCount) non-zeros in \(formatted(build)) s; solving with Clp \(ClpSolver.clpVersion)…")
        start = clock.now
        let solution = ClpSolver().solve(problem.program, options: options)
        let solve = seconds(clock.now - start)
        progress("Clp finished (\(solution.status)) after \(solution.iterations) iterations in \(formatted(solve)) s")
        switch solution.status {
        case .optimal: break
        case .infeasible:
            throw .infeasible(
                "no dispatch of grid '\(network.name)' meets every limit even when shedding load: check must-run "
                    + "output (p_min_pu) against demand and the CO2 cap against must-run emissions")
        default: throw .solverFailed(solution.status)
        }
        start = clock.now
        let result = problem.readBack(solution)
        let readBack = seconds(clock.now - start)
        return (result, DispatchTimings(build: build, solve: solve, readBack: readBack))
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
