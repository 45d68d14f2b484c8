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
    /// The Monte Carlo figures the briefs took (`nil` without draws), computed or given to `make`.
    public var monteCarlo: EditionMonteCarlo? = nil
}

/// The Monte Carlo figures an edition shows: each verdict's peak-year spread and the actions' goal seek. They are most
/// of an edition's computing time and depend only on the model, the draws, the seed and the goal, so `yrdplan
/// publish` keeps them between runs (Codable; JSON round-trips every value exactly).
public struct EditionMonteCarlo: Hashable, Sendable, Codable {
    /// The peak-year spread by scenario name, then by province id (`yrd` for the delta).
    public var spreads: [String: [String: PeakSpread]]
    /// The goal seek of the headline scenario toward `EditionAnalysis.goalToward` (`nil` when there is none).
    public var goal: GoalSeekResult?

    public init(spreads: [String: [String: PeakSpread]], goal: GoalSeekResult?) {
        self.spreads = spreads
        self.goal = goal
    }
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
    /// (`draws: 0` leaves both out). `monteCarlo`, the figures of an earlier run with the same model, draws, seed and
    /// goal (`yrdplan publish`'s cache), is taken instead of drawing them again.
    public static func make(
        model: RegionalModel, editionDate: String, draws: Int = UncertaintyAnalysis.defaultDraws, seed: UInt64 = 1,
        monteCarlo cached: EditionMonteCarlo? = nil
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
        var figures: EditionMonteCarlo?
        if draws > 0 {
            let computed: EditionMonteCarlo
            if let cached {
                computed = cached
            } else {
                computed = try monteCarlo(model, headline: input.headlineScenario, draws: draws, seed: seed)
            }
            input.attach(computed.spreads)
            input.goal = computed.goal
            figures = computed
        }
        return Edition(input: input, outlooks: outlooks, monteCarlo: figures)
    }

    /// The Monte Carlo figures of an edition whose headline scenario is `headline`: every scenario's peak-year spread
    /// and the goal seek, over `draws` draws from `seed` whose province bases are drawn once for both.
    public static func monteCarlo(
        _ model: RegionalModel, headline: String, draws: Int, seed: UInt64
    ) throws(AnalysisFailure) -> EditionMonteCarlo {
        let bases = MonteCarloBases(model, draws: draws, seed: seed)
        let uncertainty = try UncertaintyAnalysis.run(model, scenarios: model.scenarios, draws: draws, seed: seed, bases: bases)
        var goal: GoalSeekResult?
        if let from = model.scenario(headline), let toward = model.scenario(goalToward), from.name != toward.name {
            goal = try GoalSeekAnalysis.run(
                model, from: from, toward: toward, targetYear: goalYear, probability: goalProbability, draws: draws, seed: seed,
                bases: bases, announced: uncertainty.first { $0.scenario == from.name })
        }
        return EditionMonteCarlo(spreads: BriefInput.spreads(uncertainty), goal: goal)
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
    /// Each scenario's peak-year spread by region (provinces and the delta), as the briefs show it.
    static func spreads(_ uncertainty: [OutlookUncertainty]) -> [String: [String: PeakSpread]] {
        var spreads: [String: [String: PeakSpread]] = [:]
        for u in uncertainty where spreads[u.scenario] == nil {
            spreads[u.scenario] = u.distributions.mapValues { d in
                PeakSpread(
                    draws: d.draws, seed: u.seed, p5: d.peakYearP5, median: d.peakYearMedian, p95: d.peakYearP95, pBy2030: d.pPeakBy2030,
                    pNoPeak: d.pNoPeak)
            }
        }
        return spreads
    }

    /// Puts each scenario's peak-year spread beside the trajectory it belongs to (provinces and the delta).
    mutating func attach(_ spreads: [String: [String: PeakSpread]]) {
        for p in provinces.indices {
            for t in provinces[p].trajectories.indices {
                provinces[p].trajectories[t].spread = spreads[provinces[p].trajectories[t].scenario]?[provinces[p].id]
            }
        }
        for t in regionTrajectories.indices {
            regionTrajectories[t].spread = spreads[regionTrajectories[t].scenario]?[RegionalOutlook.deltaID.rawValue]
        }
    }
}
