import Foundation
import LinearProgramming
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The PyPSA reference cases (Tests/Fixtures/cases), solved here and compared with PyPSA + HiGHS (results-pypsa.json).
@Suite struct PyPSAParityTests {
    struct Reference {
        var objective: Double
        var linkFlows: [String: Double]
        var emissions: Double
        var meanPrices: [String: Double]
        var carbonPrice: Double?
    }

    static func reference(_ folder: URL) throws -> Reference {
        let data = try Data(contentsOf: folder.appendingPathComponent("results-pypsa.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let links = try #require(json["links"] as? [String: [String: Any]])
        let prices = json["marginal_price_yuan_per_MWh"] as? [String: [String: Any]] ?? [:]
        let constraints = json["global_constraints"] as? [String: [String: Any]]
        return Reference(
            objective: try #require(json["objective"] as? Double),
            linkFlows: links.compactMapValues { $0["flow_p0_MWh"] as? Double },
            emissions: try #require(json["emissions_total_t"] as? Double),
            meanPrices: prices.compactMapValues { $0["mean_weighted"] as? Double },
            carbonPrice: (constraints?["CO2Limit"]?["mu"] as? Double).map { -$0 })
    }

    @Test(arguments: ["yrd-typical-days", "yrd-typical-days-co2cap", "yrd-8760"])
    func objectiveAndFlowsMatchPyPSA(caseName: String) throws {
        let folder = ProjectPaths.referenceCase(caseName)
        try #require(FileManager.default.fileExists(atPath: folder.path), "reference case \(folder.path) is missing")
        let reference = try Self.reference(folder)
        let network = try PyPSAImport.load(folder: folder)
        let (result, _) = try PowerDispatch.run(network)
        #expect(result.status == .optimal)
        let relativeError = abs(result.objective - reference.objective) / abs(reference.objective)
        #expect(relativeError < 1e-6, "objective \(result.objective) vs PyPSA \(reference.objective): rel. error \(relativeError)")
        #expect(Set(result.links.map(\.name)) == Set(reference.linkFlows.keys))
        let hours = network.snapshots.reduce(0) { $0 + $1.objectiveWeight }
        for link in result.links {
            let expected = try #require(reference.linkFlows[link.name])
            let tolerance = max(1, 1e-6 * link.nominalPower * hours, 1e-3 * abs(expected))
            #expect(abs(link.energySentMWh - expected) <= tolerance, "\(link.name): \(link.energySentMWh) vs PyPSA \(expected)")
        }
        // Hourly prices of the four provinces agree between solvers to about 0.01 yuan/MWh (README).
        for bus in ["SH", "JS", "ZJ", "AH"] {
            let expected = try #require(reference.meanPrices[bus])
            let ours = try #require(result.buses.first { $0.name == bus }).meanPrice
            #expect(abs(ours - expected) < 0.01, "\(bus) mean price \(ours) vs PyPSA \(expected)")
        }
        if let carbonPrice = reference.carbonPrice {
            #expect(abs((result.carbonPrice ?? 0) - carbonPrice) < 1e-6 * carbonPrice)
        }
        // Emissions are unique only up to degeneracy between equal-cost coal units; compare loosely.
        #expect(abs(result.totalCO2 - reference.emissions) <= 1e-3 * reference.emissions)
        // Consumption-based emissions redistribute, never create or lose, production emissions.
        let consumption = result.buses.reduce(0) { $0 + $1.consumptionCO2 }
        #expect(abs(consumption - result.totalCO2) <= 1e-6 * result.totalCO2)
    }

    @Test func co2CapIsBindingWithAPositiveCarbonPrice() throws {
        let folder = ProjectPaths.referenceCase("yrd-typical-days-co2cap")
        let network = try PyPSAImport.load(folder: folder)
        let cap = try #require(network.co2Cap)
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.totalCO2 - cap) <= 1e-6 * cap)
        #expect((result.carbonPrice ?? 0) > 0)
    }

    /// An iteration limit surfaces Clp's status as a solver failure, not as results.
    @Test func solverLimitIsAFailureWithClpStatus() throws {
        let network = try PyPSAImport.load(folder: ProjectPaths.referenceCase("yrd-typical-days"))
        #expect(throws: DispatchFailure.solverFailed(.stoppedOnLimit)) {
            _ = try PowerDispatch.run(network, options: ClpOptions(algorithm: .dual, iterationLimit: 5))
        }
    }
}
