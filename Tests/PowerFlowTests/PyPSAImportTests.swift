import Diagnostics
import Foundation
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// The PyPSA CSV-folder reader: a small valid folder, and bad folders whose errors name file:line.
@Suite struct PyPSAImportTests {
    static let valid: [String: String] = [
        "network.csv": "name,pypsa_version\nmini,1.4.0\n",
        "snapshots.csv": ",snapshot,objective,stores,generators\n0,2022-01-01 00:00,2.0,1.0,2.0\n1,2022-01-01 01:00,2.0,1.0,2.0\n",
        "buses.csv": "name,v_nom\nA,500\nB,500\n",
        "carriers.csv": "name,co2_emissions\ncoal,0.34\nsolar,0\n",
        "generators.csv": "name,bus,p_nom,p_min_pu,p_max_pu,carrier,marginal_cost,efficiency\n"
            + "A coal,A,100,0,1,coal,300,0.34\nB solar,B,50,0,1,solar,0,1\n",
        "generators-p_max_pu.csv": ",B solar\n0,0.5\n1,1.0\n",
        "loads.csv": "name,bus\nB load,B\n",
        "loads-p_set.csv": ",B load\n0,60\n1,40\n",
        "links.csv": "name,bus0,bus1,carrier,efficiency,p_nom,marginal_cost\nA-B,A,B,AC,1.0,100,1\n",
    ]

    static func folder(_ files: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "pypsa")
        for (name, text) in files { try directory.write(text, to: name) }
        return directory
    }

    /// e_sum_max of the solar plant (weighting 2): 2·(25 + 40) = 130 MWh available, 100 allowed; the 30 MWh it may
    /// not produce are covered by coal over the link at 301 per MWh.
    @Test func energySumLimitsTheGenerator() throws {
        var files = Self.valid
        files["generators.csv"] =
            "name,bus,p_nom,carrier,marginal_cost,efficiency,e_sum_max,e_sum_min\n"
            + "A coal,A,100,coal,300,0.34,inf,-inf\nB solar,B,50,solar,0,1,100,\n"
        let directory = try Self.folder(files)
        let network = try PyPSAImport.load(folder: directory.url)
        #expect(network.generators[0].maxEnergy == .infinity && network.generators[0].minEnergy == -.infinity)
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.objective - (2 * 35 * 301 + 30 * 301)) < 1e-6)
    }

    /// Hour 0: solar 25, A sends 35 (cost 2·(35·300 + 35·1)); hour 1: solar 40 covers all.
    @Test func readsAndSolvesAValidFolder() throws {
        let directory = try Self.folder(Self.valid)
        let network = try PyPSAImport.load(folder: directory.url)
        #expect(network.name == "mini")
        #expect(network.snapshots.map(\.objectiveWeight) == [2, 2])
        #expect(network.buses.map(\.isExternal) == [true, false])
        #expect(network.generators[1].maxPerUnit == .series([0.5, 1.0]))
        let (result, _) = try PowerDispatch.run(network)
        #expect(abs(result.objective - 2 * 35 * 301) < 1e-6)
        #expect(abs(result.totalCO2 - 2 * 35 * 1.0) < 1e-9)
    }

    @Test func reportsEveryProblemWithFileAndLine() throws {
        var files = Self.valid
        files["generators.csv"] =
            "name,bus,p_nom,p_min_pu,p_max_pu,carrier,marginal_cost,efficiency\n"
            + "A coal,A,-100,0,1,coal,300,0.34\nB solar,B,50,0,1,solar,zero,1\n"
        files["generators-p_max_pu.csv"] = ",B solar\n0,abc\n1,1.0\n"
        files["links.csv"] = "name,bus0,bus1,carrier,efficiency,p_nom,marginal_cost\nA-C,A,C,AC,1.0,100,1\n"
        files["loads-p_set.csv"] = ",B load\n0,60\n"
        let directory = try Self.folder(files)
        let path = directory.url.path
        #expect {
            _ = try PyPSAImport.load(folder: directory.url)
        } throws: { error in
            let lines = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
            let expected = [
                "\(path)/generators.csv:2: generator 'A coal' has negative p_nom -100.0",
                "\(path)/generators.csv:3: 'zero' in column 'marginal_cost' is not a number",
                "\(path)/generators-p_max_pu.csv:2: 'abc' for 'B solar' is not a finite number",
                "\(path)/links.csv:2: link 'A-C' refers to unknown bus 'C'",
                "\(path)/loads-p_set.csv: 1 of 2 snapshots have no row (first: snapshot 1)",
            ]
            return expected.allSatisfy { prefix in lines.contains { $0.hasPrefix(prefix) } }
        }
    }

    /// A series file overrides the static column for the components it names; the others keep their static value.
    /// Set points are read where a value is given (an empty cell is no set point), and *_nom_set fixes the capacity.
    @Test func seriesOverrideStaticValuesAndSetPointsAreRead() throws {
        var files = Self.valid
        files["generators.csv"] =
            "name,bus,p_nom,carrier,marginal_cost,efficiency,p_set,p_nom_extendable,p_nom_set\n"
            + "A coal,A,100,coal,300,0.34,,True,120\nB solar,B,50,solar,0,1,20,False,\n"
        files["generators-marginal_cost.csv"] = ",A coal\n0,300\n1,310\n"
        files["links-efficiency.csv"] = ",A-B\n0,0.9\n1,0.95\n"
        files["links-p_set.csv"] = ",A-B\n0,\n1,15\n"
        files["storage_units.csv"] = "name,bus,p_nom,max_hours,p_min_pu,p_max_pu\nB battery,B,10,2,-0.5,0.8\n"
        files["storage_units-standing_loss.csv"] = ",B battery\n0,0.01\n1,0.02\n"
        let directory = try Self.folder(files)
        let network = try PyPSAImport.load(folder: directory.url)
        #expect(network.generators[0].marginalCost == .series([300, 310]))
        #expect(network.generators[1].marginalCost == .constant(0))
        #expect(network.generators[0].fixedOutput.isEmpty && network.generators[1].fixedOutput == [0: 20, 1: 20])
        #expect(network.generators[0].expansion?.fixed == 120)
        #expect(network.links[0].efficiency == .series([0.9, 0.95]) && network.links[0].fixedFlow == [1: 15])
        let unit = try #require(network.storageUnits.first)
        #expect(unit.standingLoss == .series([0.01, 0.02]))
        #expect(unit.maxPerUnit == .constant(0.8) && unit.minPerUnit == .constant(-0.5))
    }

    /// Bidirectional, extendable and multi-port links, lines with their per-unit reactance, and storage with inflow,
    /// standing loss and fixed states of charge are read with PyPSA's defaults for what the folder leaves out.
    @Test func readsLinesExpansionAndStorageDetails() throws {
        var files = Self.valid
        files["links.csv"] =
            "name,bus0,bus1,bus2,efficiency,efficiency2,p_nom,p_min_pu,p_nom_extendable,p_nom_max,capital_cost\n"
            + "A-B,A,B,,1.0,,100,-1,True,inf,7\nA-B-A,A,B,A,0.5,0.25,10,,False,,\n"
        files["lines.csv"] = "name,bus0,bus1,x,r,s_nom,s_nom_extendable,s_nom_min\nL1,A,B,25,5,300,True,50\n"
        files["storage_units.csv"] = "name,bus,p_nom,max_hours,standing_loss,inflow\nB hydro,B,10,2,0.01,3\n"
        files["storage_units-state_of_charge_set.csv"] = ",B hydro\n0,\n1,4\n"
        let directory = try Self.folder(files)
        let network = try PyPSAImport.load(folder: directory.url)
        #expect(network.links[0].minPerUnit == -1)
        #expect(network.links[0].expansion == GridExpansion(capitalCost: 7, minimum: 0, maximum: .infinity))
        #expect(network.links[0].extraPorts.isEmpty)
        #expect(network.links[1].extraPorts == [GridLinkPort(bus: "A", efficiency: 0.25)])
        #expect(network.links[1].expansion == nil)
        let line = try #require(network.lines.first)
        #expect(abs(line.reactancePerUnit - 25.0 / (500 * 500)) < 1e-15)
        #expect(abs(line.resistancePerUnit - 5.0 / (500 * 500)) < 1e-15)
        #expect(line.expansion == GridExpansion(capitalCost: 0, minimum: 50, maximum: .infinity))
        let unit = try #require(network.storageUnits.first)
        #expect(unit.standingLoss == 0.01)
        #expect(unit.inflow == .constant(3))
        #expect(unit.fixedStateOfCharge == [1: 4])
        #expect(unit.cyclicStateOfCharge == false)
    }

    @Test func missingFolderIsBadInput() {
        #expect(throws: DiagnosticsError.self) {
            _ = try PyPSAImport.load(folder: URL(fileURLWithPath: "/nonexistent/pypsa-case"))
        }
    }
}
