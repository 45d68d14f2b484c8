import ArgumentParser
import Diagnostics
import Foundation
import RegionLoading
import RegionModel

/// `yrdplan validate`: checks every file in Regions/ and reports all problems at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check all data in Regions/ (provinces, scenarios, grid, agreements); exit 0, or 1 with file:line: messages.")

    @OptionGroup var options: RegionOptions

    func run() throws {
        // Every part is checked even when another has problems, so one run reports them all.
        var diagnostics = DiagnosticEngine()
        var model: RegionalModel?
        do { model = try options.loadModel() } catch CommandFailure.badInput(let error) { diagnostics.absorb(error) }
        let root = URL(fileURLWithPath: options.regionsPath)
        let grid = root.appendingPathComponent("grid")
        let gridScenarios = GridLoader.scenarioNames(directory: grid)
        var gridSummary = "no grid"
        if FileManager.default.fileExists(atPath: grid.appendingPathComponent("grid.yaml").path) {
            var reported = Set<Diagnostic>()
            for scenario in gridScenarios {
                do {
                    _ = try GridLoader.load(directory: grid, displayRoot: options.regionsPath + "/grid", scenario: scenario)
                } catch {
                    // Problems of the shared grid files repeat under every overlay: report each once.
                    for d in error.diagnostics where reported.insert(d).inserted { diagnostics.report(d) }
                }
            }
            gridSummary = "grid with \(gridScenarios.count) scenario overlays"
        }
        let agreementFolder = root.appendingPathComponent("agreements")
        let agreementFiles = RegionLoader.yamlFiles(in: agreementFolder)
        let provinceIDs = AgreementReader.provinceIDs(inRegionsFolder: root)
        let sourceKeys = AgreementReader.sourceKeys(inRegionsFolder: root)
        for name in agreementFiles {
            do {
                _ = try AgreementReader.read(
                    contentsOf: agreementFolder.appendingPathComponent(name), displayPath: options.regionsPath + "/agreements/" + name,
                    knownProvinces: provinceIDs, knownSources: sourceKeys)
            } catch {
                diagnostics.absorb(error)
            }
        }
        do { try diagnostics.failIfErrors() } catch { throw CommandFailure.badInput(error) }
        guard let model else { return }
        var counts: [Confidence: Int] = [:]
        for province in model.provinces {
            for point in province.allProvenances { counts[point.confidence, default: 0] += 1 }
        }
        let numbers = counts.values.reduce(0, +)
        let breakdown = Confidence.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        print(
            "ok: \(model.provinces.count) provinces (\(model.provinces.map(\.id.rawValue).joined(separator: ", "))), "
                + "\(model.scenarios.count) scenarios, \(numbers) numbers (\(breakdown)), \(model.sources.count) sources; "
                + "\(gridSummary), \(agreementFiles.count) agreements")
    }
}

extension Province {
    /// The provenance of every number in the province file.
    var allProvenances: [Provenance] {
        func p<U>(_ s: Series<U>) -> [Provenance] { s.observations.map(\.provenance) }
        var all = p(population) + p(gdp) + p(energyUse) + p(electricity.consumption) + p(electricity.imports) + p(electricity.exports)
        all += electricity.generation.values.flatMap { p($0) } + capacity.values.flatMap { p($0) }
        all += p(power.localThermal) + p(power.imported) + p(power.exported)
        all += sectors.values.flatMap { p($0.direct) + p($0.electricityShare) }
        return all
    }
}
