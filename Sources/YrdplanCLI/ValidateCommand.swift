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
        // The one loader reads and checks every part (provinces, scenarios, grid overlays, agreements) and
        // reports all problems at once.
        let model = try options.loadModel()
        var counts: [Confidence: Int] = [:]
        for province in model.provinces {
            for point in province.allProvenances { counts[point.confidence, default: 0] += 1 }
        }
        let numbers = counts.values.reduce(0, +)
        let breakdown = Confidence.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        let gridSummary = model.grid.map { "grid with \($0.overlays.count) scenario overlays" } ?? "no grid"
        print(
            "ok: \(model.provinces.count) provinces (\(model.provinces.map(\.id.rawValue).joined(separator: ", "))), "
                + "\(model.scenarios.count) scenarios, \(numbers) numbers (\(breakdown)), \(model.sources.count) sources; "
                + "\(gridSummary), \(model.agreements.count) agreements")
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
