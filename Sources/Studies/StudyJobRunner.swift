import Analysis
import BenefitSharing
import Diagnostics
import PowerFlow
import RegionModel

/// Computes one job on the loaded model through the analysis layer — the same code `yrdplan dispatch`, `project`,
/// `check` and the briefs use — and summarises it as a `JobResult`.
public enum StudyJobRunner {
    /// The result of `job` on `model`; bad input and solver stops are `AnalysisFailure`s, as in the CLI.
    public static func run(_ job: StudyJob, model: RegionalModel) throws(AnalysisFailure) -> JobResult {
        var result = JobResult(job: job, yrdplanVersion: YrdplanVersion.current)
        var draw = DrawPerturbation(seed: job.seed ?? 0, draw: job.draw, spread: job.spread ?? 0)
        switch job.kind {
        case .dispatch:
            guard let grid = model.grid, let variant = job.gridVariant else { throw missing("a grid variant", job) }
            var network: GridNetwork
            do { network = try grid.network(scenario: variant, year: job.year) } catch { throw .badInput(error) }
            if job.draw > 0 { network = draw.perturb(network) }
            let solved = try DispatchAnalysis.solve(network, file: "\(grid.displayRoot)/grid.yaml")
            result.dispatch = summary(network: network, solved.result)
        case .projection:
            guard let name = job.scenario, var scenario = model.scenario(name) else { throw missing("a scenario", job) }
            if job.draw > 0 { scenario = draw.perturb(scenario) }
            let outlooks = try ProjectionAnalysis.outlooks(model, scenarios: [scenario])
            result.projection = outlooks.flatMap { outlook in
                (outlook.provinces + [outlook.delta]).map { t in
                    RegionPeak(
                        region: t.region.rawValue, peakYear: t.peak.year, peakMt: rounded(t.peak.value.value, 6),
                        total2030Mt: t.year(2030).map { rounded($0.total.value, 6) },
                        total2060Mt: t.year(2060).map { rounded($0.total.value, 6) }, peaksBefore2030: t.peaksBy2030)
                }
            }
        case .check, .game:
            guard let id = job.agreement, let agreement = model.agreements.first(where: { $0.id == id }) else {
                throw missing("an agreement", job)
            }
            var checkable = try self.checkable(agreement, model: model)
            if job.draw > 0 { checkable = checkable.perturbed(by: draw.spread, using: &draw.stream) }
            if job.kind == .check {
                result.checks = RuleChecker.check(checkable).map {
                    PropertyOutcome(property: $0.property.description, held: $0.held, violation: rounded($0.violation, 6))
                }
            } else {
                result.game = try game(checkable, file: agreement.file)
            }
        }
        return result
    }

    /// The agreement as the checks evaluate it: a pooled-dispatch agreement on the grid dispatches every coalition.
    static func checkable(_ agreement: Agreement, model: RegionalModel) throws(AnalysisFailure) -> any CheckableAgreement {
        switch agreement {
        case .relocation(let relocation): return relocation
        case .jointFund(let fund): return fund
        case .pooledDispatch(let pooled):
            guard let scenario = pooled.dispatchScenario, let grid = model.grid else { return pooled }
            do { return GridPooledDispatch(agreement: pooled, network: try grid.network(scenario: scenario)) } catch {
                throw .badInput(error)
            }
        }
    }

    static func game(_ agreement: any CheckableAgreement, file: String) throws(AnalysisFailure) -> GameAllocation {
        do {
            let outcome = try agreement.evaluate()
            let rules = try AgreementAnalysis.ruleComparison(outcome)
            return GameAllocation(
                parties: outcome.parties, unit: outcome.unit,
                rules: rules.map { RuleValues(rule: $0.rule, values: $0.values.map { rounded($0, 6) }) })
        } catch {
            throw .badInput(
                DiagnosticsError([.error(at: SourceLocation(file: file), "the agreement cannot be evaluated: \(error)", fix: nil)]))
        }
    }

    static func summary(network: GridNetwork, _ result: DispatchResult) -> DispatchSummary {
        DispatchSummary(
            network: network.name, objectiveYuan: rounded(result.objective, 2), totalCo2T: rounded(result.totalCO2, 3),
            shedMwh: rounded(result.totalShedMWh, 3), demandMwh: rounded(result.buses.reduce(0) { $0 + $1.demandMWh }, 3),
            links: result.links.map {
                LinkSummary(name: $0.name, energyMwh: rounded($0.energySentMWh, 3), congestedHours: rounded($0.congestedHours, 3))
            },
            buses: result.buses.map {
                BusSummary(
                    name: $0.name, meanPrice: rounded($0.meanPrice, 6), importEmissionFactor: $0.importEmissionFactor.map { rounded($0, 6) }
                )
            })
    }

    static func missing(_ what: String, _ job: StudyJob) -> AnalysisFailure {
        .badInput(
            DiagnosticsError([.error(at: nil, "job \(job.hash) (\(job.label)) lacks \(what) the model has", fix: "plan the study again")]))
    }
}
