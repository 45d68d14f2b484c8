import Foundation
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// PyPSA's own example networks (Tests/Fixtures/cases/pypsa-examples) as published — AC and DC lines with
/// Kirchhoff's voltage law, bidirectional links, storage with inflow, standing loss and fixed states of charge,
/// snapshot weightings and capacity expansion — solved here and compared with PyPSA 1.4.0 + HiGHS
/// (`results-pypsa.json` beside each folder).
@Suite struct PyPSAExampleParityTests {
    struct Reference {
        var objective: Double
        var objectiveConstant: Double
        var totalCost: Double
        /// component → name → optimal capacity.
        var capacities: [String: [String: Double]]
        var meanPrices: [String: Double]
        /// PyPSA's dual of the CO2 limit (`mu`, ≤ 0), where the reference records it.
        var co2LimitDual: Double?
    }

    static func folder(_ name: String) -> URL {
        switch name {
        case "scigrid-like", "series": ProjectPaths.root.appendingPathComponent("Tests/Fixtures/cases/pypsa-\(name)")
        default: ProjectPaths.root.appendingPathComponent("Tests/Fixtures/cases/pypsa-examples/\(name)")
        }
    }

    static func reference(_ folder: URL) throws -> Reference {
        let data = try Data(contentsOf: folder.appendingPathComponent("results-pypsa.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let optimal = try #require(json["optimal_capacities"] as? [String: [String: [String: Double]]])
        var capacities: [String: [String: Double]] = [:]
        for (component, attributes) in optimal {
            for (_, values) in attributes { capacities[component, default: [:]].merge(values) { a, _ in a } }
        }
        return Reference(
            objective: try #require(json["objective"] as? Double),
            objectiveConstant: try #require(json["objective_constant"] as? Double),
            totalCost: try #require(json["objective_plus_constant"] as? Double), capacities: capacities,
            meanPrices: try #require(json["marginal_price_mean"] as? [String: Double]),
            co2LimitDual: json["co2_limit_mu"] as? Double)
    }

    /// PyPSA's two examples as published, a SciGrid-DE-like network (typed lines, transformers) PyPSA solved, and a
    /// network with a time series on every attribute PyPSA allows one on, set points and fixed capacities.
    static let cases = ["ac-dc-meshed", "storage-hvdc", "scigrid-like", "series"]

    /// Lines that name a standard type and transformers get PyPSA's per-unit reactance (x_pu_eff).
    @Test func typedLinesAndTransformersGetPyPSAsReactance() throws {
        let folder = Self.folder("scigrid-like")
        let data = try Data(contentsOf: folder.appendingPathComponent("results-pypsa.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let lines = try #require(json["line_x_pu_eff"] as? [String: Double])
        let transformers = try #require(json["transformer_x_pu_eff"] as? [String: Double])
        let network = try PyPSAImport.load(folder: folder)
        #expect(network.lines.count == lines.count + transformers.count)
        for line in network.lines {
            let expected = try #require((line.isTransformer ? transformers : lines)[line.name], "\(line.name)")
            #expect(abs(line.reactancePerUnit - expected) <= 1e-12 * expected, "\(line.name)")
        }
    }

    @Test(arguments: cases) func objectiveMatchesPyPSA(caseName: String) throws {
        let folder = Self.folder(caseName)
        let reference = try Self.reference(folder)
        let network = try PyPSAImport.load(folder: folder)
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        #expect(result.status == .optimal)
        let error = abs(result.objective - reference.totalCost) / abs(reference.totalCost)
        #expect(error < 1e-6, "total cost \(result.objective) vs PyPSA \(reference.totalCost): relative error \(error)")
        #expect(abs(result.existingCapacityCost - reference.objectiveConstant) <= 1e-9 * abs(reference.objectiveConstant))
        let reported = abs(result.pypsaObjective - reference.objective) / abs(reference.objective)
        #expect(reported < 1e-6, "objective \(result.pypsaObjective) vs PyPSA \(reference.objective)")
        if let mu = reference.co2LimitDual {
            let price = try #require(result.carbonPrice)
            #expect(abs(price + mu) <= 1e-4 * max(1, abs(mu)), "carbon price \(price) vs PyPSA's −mu \(-mu)")
        }
    }

    @Test(arguments: cases) func optimalCapacitiesMatchPyPSA(caseName: String) throws {
        let folder = Self.folder(caseName)
        let reference = try Self.reference(folder)
        let network = try PyPSAImport.load(folder: folder)
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        let expectedCount = reference.capacities.values.reduce(0) { $0 + $1.count }
        #expect(result.capacities.count == expectedCount)
        for capacity in result.capacities {
            let expected = try #require(reference.capacities[capacity.component]?[capacity.name], "\(capacity.name)")
            // 1e-4 relative, with 1e-3 MW absolute for capacities PyPSA sets to zero.
            #expect(
                abs(capacity.optimal - expected) <= max(1e-4 * abs(expected), 1e-3),
                "\(capacity.component) '\(capacity.name)': \(capacity.optimal) vs PyPSA \(expected)")
        }
    }

    @Test(arguments: cases) func meanPricesMatchPyPSA(caseName: String) throws {
        let folder = Self.folder(caseName)
        let reference = try Self.reference(folder)
        let network = try PyPSAImport.load(folder: folder)
        let (result, _) = try PowerDispatch.run(network, allowShedding: false)
        for bus in result.buses {
            let expected = try #require(reference.meanPrices[bus.name])
            #expect(abs(bus.meanPrice - expected) <= 1e-4 * max(1, abs(expected)), "\(bus.name): \(bus.meanPrice) vs PyPSA \(expected)")
        }
    }
}
