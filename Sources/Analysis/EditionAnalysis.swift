import Diagnostics
import LinearProgramming
import ParallelWork
import Pathways
import PowerFlow
import RegionModel

/// Everything one edition of the site shows, computed from the model: the brief input (every figure with its
/// provenance) and the projections it came from (for the data downloads).
public struct Edition: Sendable {
    public var input: BriefInput
    public var outlooks: [RegionalOutlook]
}

/// Computes an edition from the `RegionalModel`: projections of every scenario, the dispatch of the headline
/// scenario's grid (labelled with that scenario's year), and the agreements — the dispatch and agreement solves
/// run beside the projections.
public enum EditionAnalysis {
    /// The scenario whose levers the announced plan (the headline scenario) moves toward in the actions' goal seek.
    public static let goalToward = "accelerated"
    /// The actions' goal: peak by this year …
    public static let goalYear = PeakVerdict.deadline
    /// … with at least this probability over the Monte Carlo.
    public static let goalProbability = 0.9

    /// The edition dated `editionDate` (from Reports/site.yaml or SOURCE_DATE_EPOCH, never the clock). Verdicts carry
    /// the peak-year spread over `draws` seeded draws (as `yrdplan project`), and the actions the goal seek over as many
    /// (`draws: 0` leaves both out).
    public static func make(
        model: RegionalModel, editionDate: String, draws: Int = UncertaintyAnalysis.defaultDraws, seed: UInt64 = 1
    ) throws(AnalysisFailure) -> Edition {
        let names = model.scenarios.map(\.name)
        let headline = names.contains(BriefInput.preferredHeadline) ? BriefInput.preferredHeadline : (names.first ?? "baseline")
        typealias Solved = (
            dispatch: Result<DispatchFigures?, AnalysisFailure>, observed: Result<DispatchFigures?, AnalysisFailure>,
            agreements: Result<AgreementFigures, AnalysisFailure>
        )
        // The grid's observed year (its base year, the overlay without changes) is dispatched too when the headline
        // scenario describes another year, so the briefs show the two apart.
        let observedScenario = model.grid.flatMap { grid in
            grid.overlays.first { $0.changes.isEmpty && grid.effectiveYear(scenario: $0.name) == grid.base.baseYear }?.name
        }
        let separateObserved =
            model.grid.map { grid in
                observedScenario != nil
                    && grid.effectiveYear(scenario: grid.overlay(headline) != nil ? headline : "baseline") != grid.base.baseYear
            } ?? false
        let (solved, projected) = ParallelMap.both(
            { () -> Solved in
                (
                    Result { () throws(AnalysisFailure) -> DispatchFigures? in try dispatchFigures(model, scenario: headline) },
                    Result { () throws(AnalysisFailure) -> DispatchFigures? in
                        guard separateObserved, let observedScenario else { return nil }
                        return try dispatchFigures(model, scenario: observedScenario)
                    },
                    Result { () throws(AnalysisFailure) -> AgreementFigures in try AgreementAnalysis.evaluate(model) }
                )
            },
            { Result { () throws(AnalysisFailure) -> [RegionalOutlook] in try ProjectionAnalysis.outlooks(model) } })
        var diagnostics = DiagnosticEngine()
        var outlooks: [RegionalOutlook] = []
        switch projected {
        case .success(let value): outlooks = value
        case .failure(let failure): diagnostics.absorb(failure.diagnostics)
        }
        var input = BriefInput.fromModel(model, outlooks: outlooks, editionDate: editionDate, regionsPath: model.displayRoot)
        switch solved.dispatch {
        case .success(let figures?):
            input.corridors = figures.corridors
            for index in input.provinces.indices {
                input.provinces[index].importFactor = figures.importFactors[input.provinces[index].id]
            }
        case .success(nil): break
        case .failure(let failure): diagnostics.absorb(failure.diagnostics)
        }
        switch solved.observed {
        case .success(let figures?): input.observedCorridors = figures.corridors
        case .success(nil): break
        case .failure(let failure): diagnostics.absorb(failure.diagnostics)
        }
        switch solved.agreements {
        case .success(let figures):
            input.allocation = figures.allocation
            input.fund = figures.fund
            input.relocations = figures.relocations.isEmpty ? nil : figures.relocations
            input.dealActions = figures.actions
            input.pooled = figures.pooled
        case .failure(let failure): diagnostics.absorb(failure.diagnostics)
        }
        do { try diagnostics.failIfErrors() } catch { throw .badInput(error) }
        if draws > 0 {
            let spreads = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: draws, seed: seed)
            input.attach(spreads)
            if let from = model.scenario(input.headlineScenario), let toward = model.scenario(goalToward), from.name != toward.name {
                input.goal = try GoalSeekAnalysis.run(
                    model, from: from, toward: toward, targetYear: goalYear, probability: goalProbability, draws: draws, seed: seed)
            }
        }
        return Edition(input: input, outlooks: outlooks)
    }

    /// The lines a grid scenario adds to the observed grid (`add_link`), by name, with the first year each is in
    /// service: they do not exist in the grid's base year, so the briefs mark them planned.
    public static func plannedLines(_ grid: GridModel, scenario: String) -> [String: Int] {
        var planned: [String: Int] = [:]
        for dated in grid.overlay(scenario)?.changes ?? [] {
            guard dated.from <= grid.effectiveYear(scenario: scenario) else { continue }
            let name: String
            switch dated.change {
            case .addLink(let link): name = link.name
            case .addLine(let line): name = line.name
            default: continue
            }
            planned[name] = min(planned[name] ?? dated.from, dated.from)
        }
        return planned
    }

    /// Corridor flows and imported-power intensities of one grid dispatch.
    public struct DispatchFigures: Sendable {
        public var corridors: [CorridorFlow]
        public var importFactors: [String: Figure]
    }

    /// The dispatch of the grid under `scenario` (or the baseline overlay when the grid has no overlay of that name),
    /// each figure labelled with the year of that scenario's grid; `nil` when the model has no grid.
    public static func dispatchFigures(_ model: RegionalModel, scenario: String) throws(AnalysisFailure) -> DispatchFigures? {
        guard let grid = model.grid else { return nil }
        let gridScenario = grid.overlay(scenario) != nil ? scenario : "baseline"
        let dispatch = try DispatchAnalysis.run(grid, scenario: gridScenario)
        return DispatchFigures(
            corridors: BriefInput.corridors(dispatch, gridPath: grid.displayRoot, plannedFrom: plannedLines(grid, scenario: gridScenario)),
            importFactors: BriefInput.importFactors(dispatch, gridPath: grid.displayRoot))
    }
}

extension BriefInput {
    /// Puts each scenario's peak-year spread beside the trajectory it belongs to (provinces and the delta).
    mutating func attach(_ uncertainty: [OutlookUncertainty]) {
        func spread(_ scenario: String, _ region: String) -> PeakSpread? {
            guard let u = uncertainty.first(where: { $0.scenario == scenario }), let d = u.distributions[region] else { return nil }
            return PeakSpread(
                draws: d.draws, seed: u.seed, p5: d.peakYearP5, median: d.peakYearMedian, p95: d.peakYearP95, pBy2030: d.pPeakBy2030,
                pNoPeak: d.pNoPeak)
        }
        for p in provinces.indices {
            for t in provinces[p].trajectories.indices {
                provinces[p].trajectories[t].spread = spread(provinces[p].trajectories[t].scenario, provinces[p].id)
            }
        }
        for t in regionTrajectories.indices {
            regionTrajectories[t].spread = spread(regionTrajectories[t].scenario, RegionalOutlook.deltaID.rawValue)
        }
    }
}
