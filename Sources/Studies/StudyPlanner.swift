import Diagnostics
import Foundation
import Hashing
import RegionLoading
import RegionModel

/// The jobs of a study, in the order the study file implies (runs, then their axes, then draws).
public struct StudyPlan: Sendable {
    /// The study as read.
    public var definition: StudyDefinition
    /// Every job, each once.
    public var jobs: [StudyJob]

    /// The job with `hash`, if the plan has it.
    public func job(_ hash: String) -> StudyJob? { jobs.first { $0.hash == hash } }
}

/// Expands a study into independent jobs against a loaded model: checks every name against the model (each problem
/// at its `file:line`) and hashes the model files each job reads.
public enum StudyPlanner {
    /// The plan of `definition` on `model`, read from `regions`; throws every name the model lacks, all at once.
    public static func plan(_ definition: StudyDefinition, model: RegionalModel, regions: URL) throws(DiagnosticsError) -> StudyPlan {
        var diagnostics = DiagnosticEngine()
        var hasher = InputHasher(regions: regions)
        let scenarioNames = model.scenarios.map(\.name)
        for name in definition.scenarios where !scenarioNames.contains(name.value) {
            diagnostics.error(
                at: name.location, "there is no scenario '\(name.value)' in \(model.displayRoot)/scenarios",
                fix: "use one of: \(scenarioNames.joined(separator: ", "))")
        }
        let variantNames = model.grid?.overlays.map(\.name) ?? []
        for name in definition.gridVariants where !variantNames.contains(name.value) {
            diagnostics.error(
                at: name.location, "there is no grid variant '\(name.value)' in \(model.displayRoot)/grid/scenarios",
                fix: variantNames.isEmpty ? "add the grid to the model" : "use one of: \(variantNames.joined(separator: ", "))")
        }
        let agreementIDs = model.agreements.map(\.id)
        for name in definition.agreements where !agreementIDs.contains(name.value) {
            diagnostics.error(
                at: name.location, "there is no agreement '\(name.value)' in \(model.displayRoot)/agreements",
                fix: "use one of: \(agreementIDs.joined(separator: ", "))")
        }
        try diagnostics.failIfErrors()

        let draws = definition.draws
        var jobs: [StudyJob] = []
        for computation in StudyComputation.allCases where definition.computations.contains(computation) {
            switch computation {
            case .dispatch:
                guard let grid = model.grid else { continue }
                for variant in definition.gridVariants {
                    let years = definition.years.isEmpty ? [grid.effectiveYear(scenario: variant.value)] : definition.years
                    let inputs = hasher.inputs(gridFiles(grid) + ["grid/scenarios/\(variant.value).yaml"])
                    for year in years {
                        for draw in 0..<draws.count {
                            jobs.append(
                                StudyJob(
                                    computation: .dispatch, gridVariant: variant.value, year: year, draw: draw, seed: draws.seed,
                                    spread: draws.demandSpread, inputs: inputs))
                        }
                    }
                }
            case .projection:
                let provinces = RegionLoader.yamlFiles(in: regions).filter { $0 != "sources.yaml" }
                for scenario in definition.scenarios {
                    let inputs = hasher.inputs(provinces + ["scenarios/\(scenario.value).yaml"])
                    for draw in 0..<draws.count {
                        jobs.append(
                            StudyJob(
                                computation: .projection, scenario: scenario.value, draw: draw, seed: draws.seed,
                                spread: draws.leverSpread, inputs: inputs))
                    }
                }
            case .check, .game:
                for name in definition.agreements {
                    guard let agreement = model.agreements.first(where: { $0.id == name.value }) else { continue }
                    var files = [relativePath(agreement.file, root: model.displayRoot)]
                    if case .pooledDispatch(let pooled) = agreement, let scenario = pooled.dispatchScenario, let grid = model.grid {
                        files += gridFiles(grid) + ["grid/scenarios/\(scenario).yaml"]
                    }
                    let inputs = hasher.inputs(files)
                    for draw in 0..<draws.count {
                        jobs.append(
                            StudyJob(
                                computation: computation, agreement: name.value, draw: draw, seed: draws.seed,
                                spread: draws.agreementSpread, inputs: inputs))
                    }
                }
            }
        }
        try hasher.diagnostics.failIfErrors()
        return StudyPlan(definition: definition, jobs: jobs)
    }

    /// The grid files every dispatch reads: the base grid and its profiles.
    static func gridFiles(_ grid: GridModel) -> [String] { ["grid/grid.yaml", "grid/\(grid.base.profilesFile)"] }

    /// `path` relative to the regions folder as messages name it (`Regions/agreements/x.yaml` → `agreements/x.yaml`).
    static func relativePath(_ path: String, root: String) -> String {
        root.isEmpty || !path.hasPrefix(root + "/") ? path : String(path.dropFirst(root.count + 1))
    }
}

/// Hashes model files once each, by path relative to the regions folder.
struct InputHasher {
    let regions: URL
    var cache: [String: String] = [:]
    var diagnostics = DiagnosticEngine()

    init(regions: URL) { self.regions = regions }

    mutating func inputs(_ paths: [String]) -> [StudyInput] {
        paths.map { path in
            if let known = cache[path] { return StudyInput(path: path, sha256: known) }
            let digest: String
            if let data = FileManager.default.contents(atPath: regions.appendingPathComponent(path).path) {
                digest = SHA256.hex(bytes: [UInt8](data))
            } else {
                diagnostics.error(
                    at: SourceLocation(file: regions.appendingPathComponent(path).relativePath), "cannot read the file to hash it",
                    fix: "check that the regions folder is complete and readable")
                digest = ""
            }
            cache[path] = digest
            return StudyInput(path: path, sha256: digest)
        }
    }
}
