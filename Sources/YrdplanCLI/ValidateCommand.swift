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
        let provenances = model.provinces.flatMap(\.allProvenances)
        let gridSummary = model.grid.map { "grid with \($0.overlays.count) scenario overlays" } ?? "no grid"
        print(
            "ok: \(model.provinces.count) provinces (\(model.provinces.map(\.id.rawValue).joined(separator: ", "))), "
                + "\(model.scenarios.count) scenarios, \(Self.numbersLine(provenances)), \(model.sources.count) sources; "
                + "\(gridSummary), \(model.agreements.count) agreements")
    }
}

extension ValidateCommand {
    /// "N numbers: S sourced (P %), E estimate (D derived, J judged), Y synthetic" — how much of the data is published.
    static func numbersLine(_ provenances: [Provenance]) -> String {
        let sourced = provenances.filter { $0.confidence == .sourced }.count
        let estimates = provenances.filter { $0.confidence == .estimate }
        let derived = estimates.filter { $0.derivation != nil }.count
        let judged = estimates.filter { $0.derivation == nil && $0.range != nil }.count
        let synthetic = provenances.filter { $0.confidence == .synthetic }.count
        let share = provenances.isEmpty ? 0 : Double(sourced) / Double(provenances.count) * 100
        return "\(provenances.count) numbers: \(sourced) sourced (\(String(format: "%.1f", share)) %), "
            + "\(estimates.count) estimate (\(derived) derived, \(judged) judged), \(synthetic) synthetic"
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
        all += statistics.values.flatMap { $0.points.map(\.provenance) }
        return all
    }
}
