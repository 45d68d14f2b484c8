import Diagnostics
import Foundation
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The delta's grid data (Regions/grid) and the loader's diagnostics on broken copies of it.
@Suite struct GridLoaderTests {
    /// A copy of Regions/grid and Regions/sources.yaml that a test may break.
    final class GridCopy {
        let directory: TemporaryDirectory
        var grid: URL { directory.url.appendingPathComponent("Regions/grid") }

        init() throws {
            directory = try TemporaryDirectory(prefix: "grid")
            try FileManager.default.createDirectory(
                at: directory.url.appendingPathComponent("Regions"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: ProjectPaths.regions.appendingPathComponent("grid"), to: grid)
            try FileManager.default.copyItem(
                at: ProjectPaths.regions.appendingPathComponent("sources.yaml"),
                to: directory.url.appendingPathComponent("Regions/sources.yaml"))
        }

        /// Replaces the first line containing `marker` by applying `old → new`; returns its 1-based number.
        @discardableResult
        func edit(_ file: String, containing marker: String, _ old: String, _ new: String) throws -> Int {
            let url = grid.appendingPathComponent(file)
            var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            let index = try #require(lines.firstIndex { $0.contains(marker) }, "no line with \(marker)")
            #expect(lines[index].contains(old))
            lines[index] = lines[index].replacingOccurrences(of: old, with: new)
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            return index + 1
        }
    }

    @Test(arguments: ["baseline", "policy", "accelerated"])
    func projectGridLoadsAndDispatchesWithoutShedding(scenario: String) throws {
        let network = try GridLoader.load(directory: ProjectPaths.regions.appendingPathComponent("grid"), scenario: scenario)
        #expect(network.snapshots.reduce(0) { $0 + $1.objectiveWeight } == 8760)
        // The provinces and each one's interprovincial AC backbone bus, where the lines meet.
        #expect(
            Set(network.buses.filter { !$0.isExternal }.map(\.name)) == ["SH", "JS", "ZJ", "AH", "SH_AC", "JS_AC", "ZJ_AC", "AH_AC"])
        let (result, _) = try PowerDispatch.run(network)
        #expect(result.totalShedMWh < 1e-6)
        let consumption = result.buses.reduce(0) { $0 + $1.consumptionCO2 }
        #expect(abs(consumption - result.totalCO2) <= 1e-6 * result.totalCO2)
    }

    /// Loads are profile shapes scaled to the annual energy in grid.yaml (Shanghai 184.9 TWh, eld-020).
    @Test func loadsAreScaledToTheirAnnualEnergy() throws {
        let network = try GridLoader.load(directory: ProjectPaths.regions.appendingPathComponent("grid"))
        let load = try #require(network.loads.first { $0.bus == "SH" })
        let energy = network.snapshots.indices.reduce(0.0) { $0 + network.snapshots[$1].generatorWeight * load.demand[$1] }
        #expect(abs(energy - 184.9e6) < 1)
    }

    @Test func reportsEveryProblemAtItsLine() throws {
        let copy = try GridCopy()
        let link = try copy.edit("grid.yaml", containing: "name: Xiangjiaba-Shanghai", "bus1: SH", "bus1: SHX")
        let generator = try copy.edit("grid.yaml", containing: "name: SH biomass,", "p_nom_mw: 700", "p_nom_mw: -700")
        let source = try copy.edit("grid.yaml", containing: "name: JS coal,", "source: yrdplan-estimate", "source: nowhere")
        let note = try copy.edit("grid.yaml", containing: "name: SH battery", #", note: "grid batteries, order of magnitude""#, "")
        let profile = try copy.edit("profiles.csv", containing: "M03-h05", "M03-h05,31,", "M03-h05,31,abc")
        let change = try copy.edit("scenarios/policy.yaml", containing: "set_capacity: JS offwind", "JS offwind", "JS offshore")
        #expect {
            _ = try GridLoader.load(directory: copy.grid, displayRoot: "grid", scenario: "policy")
        } throws: { error in
            let lines = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
            let expected = [
                "grid/grid.yaml:\(link): link 'Xiangjiaba-Shanghai' refers to unknown bus 'SHX'",
                "grid/grid.yaml:\(generator): generator 'SH biomass' has negative p_nom -700.0",
                "grid/grid.yaml:\(source): unknown source 'nowhere'",
                "grid/grid.yaml:\(note): storage unit 'SH battery' is estimate but has no note",
                "grid/profiles.csv:\(profile): 'abc",
                "grid/scenarios/policy.yaml:\(change): no generator, link, line or storage named 'JS offshore'",
            ]
            let missing = expected.filter { prefix in !lines.contains { $0.hasPrefix(prefix) } }
            if !missing.isEmpty { Issue.record("missing: \(missing)\nall:\n\(lines.joined(separator: "\n"))") }
            return missing.isEmpty
        }
    }

    @Test func sourcedNumbersNeedAFactSheetRow() throws {
        let copy = try GridCopy()
        let line = try copy.edit("grid.yaml", containing: "name: AH onwind", "ref: cap-004, ", "")
        #expect {
            _ = try GridLoader.load(directory: copy.grid, displayRoot: "grid")
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.contains {
                $0.description.hasPrefix("grid/grid.yaml:\(line): generator 'AH onwind' is marked sourced without a fact-sheet row")
            } == true
        }
    }
}
