import Diagnostics
import ParallelWork
import Pathways
import RegionModel

/// Projects scenarios of the model, each on its own core, in the order given; the projections that
/// `yrdplan project`, the briefs and their downloads all show.
public enum ProjectionAnalysis {
    /// One outlook per scenario of `scenarios` (default: every scenario of the model), in that order, each province
    /// projected from its latest complete year up to `baseYear` (default: its latest complete year).
    public static func outlooks(_ model: RegionalModel, scenarios: [Scenario]? = nil, baseYear: Int? = nil) throws(AnalysisFailure)
        -> [RegionalOutlook]
    {
        let scenarios = scenarios ?? model.scenarios
        let results = ParallelMap.map(scenarios) { scenario in
            Result { () throws(ProjectionError) -> RegionalOutlook in
                try RegionalOutlook(model: model, scenario: scenario, baseYear: baseYear)
            }
        }
        var outlooks: [RegionalOutlook] = []
        var diagnostics = DiagnosticEngine()
        for (scenario, result) in zip(scenarios, results) {
            switch result {
            case .success(let outlook): outlooks.append(outlook)
            case .failure(let error):
                diagnostics.error(
                    at: SourceLocation(file: "\(model.displayRoot)/scenarios/\(scenario.name).yaml"), "\(error)",
                    fix: "complete the base data of that province")
            }
        }
        do { try diagnostics.failIfErrors() } catch { throw .badInput(error) }
        return outlooks
    }
}
