import Diagnostics
import Foundation
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// AC lines in a `Regions/grid`-style folder: the reader's reactances and errors, Kirchhoff's flow split and loop
/// flow on the hand-solved ring of `Tests/Fixtures/grid-ring` (its grid.yaml gives the hand solution), corridor
/// expansion, and the delta's own grid with its lines.
@Suite struct GridLineTests {
    static let ring = ProjectPaths.fixtures.appendingPathComponent("grid-ring/grid")

    static func ringModel(_ directory: URL = ring) throws -> GridModel {
        try GridLoader.loadModel(directory: directory, displayRoot: "grid", sourceKeys: ["yrdplan-estimate"])
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    /// The three lines are written three ways (x_ohm_per_km × length_km, x_ohm, and per-km over two circuits) and
    /// all come to 30 Ω at 500 kV, 30 / 500² = 1.2e-4 per unit.
    @Test func reactancesComeFromOhmsLengthsAndCircuits() throws {
        let network = try Self.ringModel().network(scenario: "base")
        #expect(network.lines.map(\.name) == ["A-B", "B-C", "C-A"])
        for line in network.lines { #expect(Self.close(line.reactancePerUnit, 1.2e-4), "\(line.name)") }
        // Without --expand the candidate A-B keeps its given 40 MVA.
        #expect(network.lines[0].expansion == nil && network.lines[0].nominalPower == 40)
    }

    /// A-B at 40 MVA: A sends 30 MW and C 60; A-B 40, C→B 50, C→A 10 (against the price: a loop flow).
    /// Prices: A 10, C 50, B 90 (λ_B − 2μ/3 = 10, λ_B − μ/3 = 50).
    @Test func ringFlowsSplitByReactanceWithALoopFlow() throws {
        let network = try Self.ringModel().network(scenario: "base")
        let (result, _) = try PowerDispatch.run(network)
        let flows = result.lines.map { $0.hourlyFlow[0] }
        #expect(Self.close(flows[0], 40) && Self.close(flows[1], -50) && Self.close(flows[2], 10), "\(flows)")
        #expect(Self.close(result.objective, 30 * 10 + 60 * 50))
        let prices = Dictionary(uniqueKeysWithValues: result.buses.map { ($0.name, $0.prices[0]) })
        #expect(Self.close(prices["A"] ?? 0, 10) && Self.close(prices["B"] ?? 0, 90) && Self.close(prices["C"] ?? 0, 50))

        let summaries = LineFlowSummary.summaries(network: network, result: result)
        #expect(summaries.map(\.loopFlowMWh).map { ($0 * 1e6).rounded() / 1e6 } == [0, 0, 10])
        #expect(summaries[2].loopFlowHours == 1)
        #expect(summaries[0].hoursAtLimit == 1 && summaries[0].hoursAtLimitForward == 1)
        #expect(summaries[1].hoursAtLimit == 0 && Self.close(summaries[1].backwardMWh, 50) && summaries[1].forwardMWh == 0)
        #expect(Self.close(summaries[0].meanLoading, 1) && Self.close(summaries[1].meanLoading, 0.05))
    }

    /// --expand: each MVA on A-B saves 120 yuan and costs 100, so A-B grows from 40 to 60 MVA, where A serves all
    /// 90 MW (operating cost 900); the run without the candidate's new capacity costs 3,300.
    @Test func expansionBuildsTheHandComputedCapacity() throws {
        let model = try Self.ringModel()
        let network = try model.network(scenario: "base", expand: true)
        #expect(network.candidates == ["A-B"])
        let expansion = try #require(network.lines[0].expansion)
        #expect(Self.close(expansion.capitalCost, 100) && expansion.minimum == 40 && expansion.maximum == 100)
        let (result, _) = try PowerDispatch.run(network)
        let capacity = try #require(result.capacities.first { $0.name == "A-B" })
        #expect(Self.close(capacity.optimal, 60), "A-B optimal \(capacity.optimal)")
        #expect(Self.close(result.objective, 90 * 10 + 100 * 60))
        let (reference, _) = try PowerDispatch.run(network.withCandidatesAtMinimum())
        #expect(Self.close(reference.objective, 3300))
    }

    /// A candidate not yet built (0 MVA) is left out without --expand, so Kirchhoff's law round the ring is unchanged.
    @Test func anUnbuiltCandidateLineIsLeftOutWithoutExpand() throws {
        let model = try Self.ringModel()
        let fixed = try model.network(scenario: "build")
        #expect(fixed.lines.map(\.name) == ["A-B", "B-C", "C-A"])
        #expect(Self.close(try PowerDispatch.run(fixed).result.objective, 3300))
        let expandable = try model.network(scenario: "build", expand: true)
        #expect(expandable.lines.map(\.name) == ["A-B", "B-C", "C-A", "A-B new"])
        #expect(expandable.candidates == ["A-B", "A-B new"])
    }

    /// Every problem of a broken line at its line, all at once.
    @Test func lineErrorsAreReportedTogetherAtTheirLines() throws {
        let directory = try TemporaryDirectory(prefix: "grid-ring")
        let grid = directory.url.appendingPathComponent("grid")
        try FileManager.default.copyItem(at: Self.ring, to: grid)
        let file = grid.appendingPathComponent("grid.yaml")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        func edit(_ marker: String, _ old: String, _ new: String) throws -> Int {
            let index = try #require(lines.firstIndex { $0.contains(marker) })
            #expect(lines[index].contains(old))
            lines[index] = lines[index].replacingOccurrences(of: old, with: new)
            return index + 1
        }
        let both = try edit("name: A-B,", "x_ohm_per_km: 0.3", "x_ohm_per_km: 0.3, x_ohm: 30")
        let none = try edit("name: B-C,", "x_ohm: 30, ", "")
        let length = try edit("name: C-A,", "length_km: 200", "length_km: -200")
        let unknown = try edit("name: C-A,", "num_parallel: 2", "num_paralel: 2")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let overlay = grid.appendingPathComponent("scenarios/build.yaml")
        try String(contentsOf: overlay, encoding: .utf8)
            .replacingOccurrences(of: "s_nom_max_mva: 100, ", with: "")
            .write(to: overlay, atomically: true, encoding: .utf8)
        let overlayLine =
            try #require(
                try String(contentsOf: overlay, encoding: .utf8).components(separatedBy: "\n").firstIndex { $0.contains("add_line") }) + 1
        let base = grid.appendingPathComponent("scenarios/base.yaml")
        try
            "name: base\nchanges:\n  - {from: 2024, set_capacity: A-B, p_nom_mw: 50, capital_cost_yuan_per_mw_yr: 5, source: yrdplan-estimate, year: 2024, confidence: synthetic, note: x}\n"
            .write(to: base, atomically: true, encoding: .utf8)
        #expect {
            _ = try Self.ringModel(grid)
        } throws: { error in
            let messages = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
            let expected = [
                "grid/grid.yaml:\(both): line 'A-B' gives both x_ohm and x_ohm_per_km — keep one",
                "grid/grid.yaml:\(none): line 'B-C' has no reactance — add x_ohm, or x_ohm_per_km",
                "grid/grid.yaml:\(length):",
                "grid/grid.yaml:\(unknown):",
                "grid/scenarios/build.yaml:\(overlayLine): line 'A-B new' has no s_nom_max_mva",
                "grid/scenarios/base.yaml:3:",
            ]
            let missing = expected.filter { prefix in !messages.contains { $0.hasPrefix(prefix) } }
            if !missing.isEmpty { Issue.record("missing: \(missing)\nall:\n\(messages.joined(separator: "\n"))") }
            return missing.isEmpty && messages.contains { $0.contains("length_km of line 'C-A' is -200") }
                && messages.contains { $0.contains("unknown field 'num_paralel'") }
        }
    }

    /// The delta's grid: the 1000 kV ring and the 500 kV ties are five lines between the provinces' backbone buses,
    /// the UHV DC corridors stay links. Huainan-Zhebei: 0.26 Ω/km × 480.5 km / 2 circuits / 1000² = 6.2465e-5.
    @Test func theDeltaGridHasItsACBackboneAsLines() throws {
        let network = try GridLoader.load(directory: ProjectPaths.regions.appendingPathComponent("grid"))
        #expect(
            Set(network.lines.map(\.name)) == [
                "Huainan-Zhebei", "Zhebei-Shanghai", "Huainan-Nanjing", "Nanjing-Shanghai", "Jiangsu-Zhejiang 500kV",
            ])
        let huainanZhebei = try #require(network.lines.first { $0.name == "Huainan-Zhebei" })
        #expect(Self.close(huainanZhebei.reactancePerUnit, 0.26 * 480.5 / 2 / 1e6))
        let ties = try #require(network.lines.first { $0.name == "Jiangsu-Zhejiang 500kV" })
        #expect(Self.close(ties.reactancePerUnit, 0.28 * 150 / 4 / 250_000))
        #expect(network.links.filter { $0.carrier == "UHVDC" }.count == 9)
        #expect(!network.links.contains { $0.carrier.hasPrefix("AC1000") || $0.carrier.hasPrefix("AC500") })
    }
}
