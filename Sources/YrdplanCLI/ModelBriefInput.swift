import Briefs
import Diagnostics
import Foundation
import LinearProgramming
import Pathways
import PowerFlow
import RegionLoading
import RegionModel
import Site

/// Fills a `BriefInput` from the shared model: loads `Regions/`, projects every scenario and attaches the
/// model's results as downloads (the same JSON `yrdplan emissions --json` and `yrdplan project --json` print).
public enum ModelBriefInput {
    /// The input of an edition dated `editionDate` (from Reports/site.yaml or SOURCE_DATE_EPOCH).
    public static func make(regions: String, editionDate: String?) throws(DiagnosticsError) -> BriefInput {
        let model = try RegionLoader.load(from: URL(fileURLWithPath: regions), displayRoot: regions)
        guard let editionDate else {
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: "Reports/site.yaml"), "the edition has no date",
                    fix: "set editionDate: YYYY-MM-DD in Reports/site.yaml or export SOURCE_DATE_EPOCH")
            ])
        }
        // The dispatch and the agreements (16 Clp solves) run beside the projections: the work is independent.
        let names = model.scenarios.map(\.name)
        let headline = names.contains(BriefInput.preferredHeadline) ? BriefInput.preferredHeadline : (names.first ?? "baseline")
        typealias DispatchFigures = (corridors: [CorridorFlow], importFactors: [String: Figure])?
        typealias AgreementFigures = (allocation: AllocationComparison?, fund: [FundPosition], relocations: [RelocationDeal])
        let dispatchSlot = Slots<Result<DispatchFigures, DiagnosticsError>>(count: 1)
        let agreementSlot = Slots<Result<AgreementFigures, DiagnosticsError>>(count: 1)
        let solves = DispatchGroup()
        DispatchQueue.global().async(group: solves) {
            dispatchSlot.store(
                Result { () throws(DiagnosticsError) -> DispatchFigures in try dispatch(regions: regions, scenario: headline) }, at: 0)
            agreementSlot.store(
                Result { () throws(DiagnosticsError) -> AgreementFigures in try agreements(regions: regions) }, at: 0)
        }
        // Scenarios are independent: project them on every core, keep the model's order.
        let scenarios = model.scenarios
        let slots = Slots<Result<RegionalOutlook, ProjectionError>>(count: scenarios.count)
        DispatchQueue.concurrentPerform(iterations: scenarios.count) { index in
            slots.store(
                Result { () throws(ProjectionError) -> RegionalOutlook in try RegionalOutlook(model: model, scenario: scenarios[index]) },
                at: index)
        }
        var outlooks: [RegionalOutlook] = []
        var engine = DiagnosticEngine()
        for (scenario, result) in zip(scenarios, slots.values) {
            switch result {
            case .success(let outlook): outlooks.append(outlook)
            case .failure(let error):
                engine.error(
                    at: SourceLocation(file: "\(regions)/scenarios/\(scenario.name).yaml"), "\(error)",
                    fix: "complete the base data of that province")
            }
        }
        let projectionJSON = Slots<String>(count: 1)
        let group = DispatchGroup()
        if !engine.hasErrors {
            let finished = outlooks
            DispatchQueue.global().async(group: group) {
                projectionJSON.store(ProjectionReport.json(finished, decompose: nil).rendered(), at: 0)
            }
        }
        var input = BriefInput.fromModel(model, outlooks: outlooks, editionDate: editionDate, regionsPath: regions)
        solves.wait()
        switch dispatchSlot.values[0] {
        case .success(let figures?):
            input.corridors = figures.corridors
            for index in input.provinces.indices {
                input.provinces[index].importFactor = figures.importFactors[input.provinces[index].id]
            }
        case .success(nil): break
        case .failure(let error): engine.absorb(error)
        }
        switch agreementSlot.values[0] {
        case .success(let figures):
            input.allocation = figures.allocation
            input.fund = figures.fund
            input.relocations = figures.relocations.isEmpty ? nil : figures.relocations
        case .failure(let error): engine.absorb(error)
        }
        group.wait()
        try engine.failIfErrors()
        let others = downloads(model: model, outlooks: outlooks)
        group.wait()
        input.downloads = [Download(fileName: "projections.json", contents: projectionJSON.values[0])] + others
        return input
    }

    /// Corridor flows and the provinces' imported-power CO2 intensity from the dispatch of `Regions/grid` under the
    /// headline scenario (the same run as `yrdplan dispatch --scenario NAME`); `nil` when the model has no grid.
    static func dispatch(
        regions: String, scenario: String
    ) throws(DiagnosticsError) -> (corridors: [CorridorFlow], importFactors: [String: Figure])? {
        let gridPath = regions + "/grid"
        let gridFile = URL(fileURLWithPath: gridPath).appendingPathComponent("grid.yaml")
        guard FileManager.default.fileExists(atPath: gridFile.path) else { return nil }
        let hasOverlay = FileManager.default.fileExists(atPath: "\(gridPath)/scenarios/\(scenario).yaml")
        let gridScenario = hasOverlay ? scenario : "baseline"
        let network = try GridLoader.load(directory: URL(fileURLWithPath: gridPath), displayRoot: gridPath, scenario: gridScenario)
        let result: DispatchResult
        do {
            result = try PowerDispatch.run(network, options: ClpOptions(algorithm: .dual)).result
        } catch {
            switch error {
            case .invalidNetwork(let diagnostics): throw diagnostics
            case .infeasible(let message): throw DiagnosticsError([.error(at: SourceLocation(file: gridFile.path), message)])
            case .solverFailed(let status):
                throw DiagnosticsError([
                    .error(at: SourceLocation(file: gridFile.path), "Clp did not reach an optimum: \(status)", fix: "run yrdplan dispatch")
                ])
            }
        }
        let text = (try? String(contentsOf: gridFile, encoding: .utf8)) ?? ""
        let year =
            text.split(separator: "\n").first { $0.hasPrefix("base_year:") }
            .flatMap { Int($0.dropFirst("base_year:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return (
            BriefInput.corridors(network: network, result: result, scenario: gridScenario, gridPath: gridPath, year: year),
            BriefInput.importFactors(network: network, result: result, scenario: gridScenario, gridPath: gridPath, year: year)
        )
    }

    /// The model's results offered on the data page besides `projections.json`: projections as CSV and the
    /// accounts of every accounted year per province (JSON, as `yrdplan emissions --json`).
    static func downloads(model: RegionalModel, outlooks: [RegionalOutlook]) -> [Download] {
        var files: [Download] = []
        var csv = "scenario,region,year,observed,total_mt\n"
        for outlook in outlooks {
            for t in outlook.provinces + [outlook.delta] {
                for y in t.years {
                    csv +=
                        "\(outlook.scenario.name),\(t.region.rawValue),\(y.year),\(y.isObserved),\(NumberFormat.machine(y.total.value))\n"
                }
            }
        }
        files.append(Download(fileName: "projections.csv", contents: csv))
        for province in model.provinces {
            let accounts = EmissionAccounting.accounts(
                province, years: (province.accountedYears.first ?? 0)...(province.accountedYears.last ?? 0))
            guard !accounts.isEmpty else { continue }
            files.append(
                Download(
                    fileName: "emissions-\(province.id.rawValue).json",
                    contents: EmissionsCommand.json(region: province.id, accounts).rendered()))
        }
        return files
    }
}

/// One result slot per concurrent iteration, each written once.
private final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) { lock.withLock { slots[index] = value } }

    var values: [Value] { lock.withLock { slots.map { $0! } } }
}
