import LinearProgramming
import PowerFlow
import RegionModel

/// A solved dispatch of the model's grid under one scenario, with the year it describes.
public struct ScenarioDispatch: Sendable {
    /// The grid scenario (overlay name).
    public var scenario: String
    /// The year of the scenario's grid (its overlay's `year`, else the grid's base year).
    public var year: Int
    public var network: GridNetwork
    public var result: DispatchResult
    public var timings: DispatchTimings
}

/// Runs the dispatch of the model's grid (or of any network) on Clp; the one place that turns a dispatch failure
/// into an `AnalysisFailure`, for `yrdplan dispatch`, the briefs and the pooled-dispatch agreement alike.
public enum DispatchAnalysis {
    /// Solves `network`; `file` names its data in messages (e.g. `Regions/grid/grid.yaml`). Without
    /// `allowShedding` load that supply cannot meet makes the network infeasible; `infeasibleFix` is then the advice.
    /// `timeBlocks` as in `PowerDispatch.run` (nil: automatic).
    public static func solve(
        _ network: GridNetwork, file: String?, options: ClpOptions = ClpOptions(algorithm: .dual), allowShedding: Bool = true,
        timeBlocks: Int? = nil, infeasibleFix: String? = nil, progress: (String) -> Void = { _ in }
    ) throws(AnalysisFailure) -> (result: DispatchResult, timings: DispatchTimings) {
        do {
            return try PowerDispatch.run(
                network, options: options, allowShedding: allowShedding, timeBlocks: timeBlocks, progress: progress)
        } catch {
            throw AnalysisFailure(error, network: network.name, file: file, infeasibleFix: infeasibleFix)
        }
    }

    /// The dispatch of `grid` under `scenario`, its changes applied up to `year` (default: the scenario's year).
    public static func run(
        _ grid: GridModel, scenario: String, year: Int? = nil, options: ClpOptions = ClpOptions(algorithm: .dual),
        progress: (String) -> Void = { _ in }
    ) throws(AnalysisFailure) -> ScenarioDispatch {
        let network: GridNetwork
        do { network = try grid.network(scenario: scenario, year: year) } catch { throw .badInput(error) }
        let (result, timings) = try solve(network, file: "\(grid.displayRoot)/grid.yaml", options: options, progress: progress)
        return ScenarioDispatch(
            scenario: scenario, year: grid.effectiveYear(scenario: scenario, year: year), network: network, result: result,
            timings: timings)
    }
}
