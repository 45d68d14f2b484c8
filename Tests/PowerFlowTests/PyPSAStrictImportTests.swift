import Diagnostics
import Foundation
import PowerFlow
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// Nothing in a PyPSA folder is ignored: each unsupported file, column and series is refused at its
/// `file:line`, and what PyPSA's defaults or outputs make harmless is accepted.
@Suite struct PyPSAStrictImportTests {
    static let storage = "name,bus,p_nom,max_hours\nB battery,B,10,2\n"

    /// A change to the small valid folder and the start of the diagnostic it must give (after the folder path).
    struct Refusal: Sendable, CustomTestStringConvertible {
        let files: [String: String]
        let expected: String
        var testDescription: String { expected }
    }

    static let refusals: [Refusal] = [
        .init(
            files: ["lines.csv": "name,bus0,bus1,type,length,s_nom\nL1,A,B,Al/St 240/40 9-bundle 380.0,10,100\n"],
            expected: "lines.csv:2: line 'L1' has type 'Al/St 240/40 9-bundle 380.0', which is not one of PyPSA's standard"),
        .init(
            files: ["lines.csv": "name,bus0,bus1,x,s_nom,v_ang_max\nL1,A,B,0.1,100,30\n"],
            expected: "lines.csv:2: line 'L1' has v_ang_max = 30 (PyPSA's default: inf): limits on the voltage angle"),
        .init(
            files: ["lines.csv": "name,bus0,bus1,x,s_nom\nL1,A,B,0.1,100\n", "lines-x.csv": ",L1\n0,0.1\n1,0.2\n"],
            expected: "lines-x.csv:2: line 'L1' has x = 0.1 in snapshot '0' (PyPSA's default: 0): a time-varying value"),
        .init(
            files: [
                "generators.csv":
                    "name,bus,p_nom,carrier,p_nom_extendable,p_nom_set\nA coal,A,100,coal,False,150\nB solar,B,50,solar,False,\n"
            ],
            expected: "generators.csv:2: generator 'A coal' has p_nom_set = 150.0 but p_nom_extendable is False"),
        .init(
            files: [
                "generators.csv":
                    "name,bus,p_nom,carrier,p_nom_extendable,overnight_cost\nA coal,A,100,coal,True,1000\nB solar,B,50,solar,False,\n"
            ],
            expected: "generators.csv:2: generator 'A coal' has overnight_cost = 1000 (PyPSA's default: NaN): capacity costs"),
        .init(
            files: ["storage_units.csv": storage, "storage_units-marginal_cost_quadratic.csv": ",B battery\n0,0.01\n1,0.02\n"],
            expected:
                "storage_units-marginal_cost_quadratic.csv:2: storage unit 'B battery' has marginal_cost_quadratic = 0.01 in snapshot '0'"),
        .init(
            files: ["shunt_impedances.csv": "name,bus,g,b\nS1,A,0.1,0.2\n"],
            expected: "shunt_impedances.csv:2: shunt_impedances.csv (1 rows, first 'S1'): shunt impedances"),
        .init(
            files: ["stores.csv": "name,bus,e_nom,marginal_cost_quadratic\nS1,B,100,0.5\n"],
            expected: "stores.csv:2: store 'S1' has marginal_cost_quadratic = 0.5 (PyPSA's default: 0): quadratic costs"),
        .init(
            files: ["stores.csv": "name,bus,e_nom,sign\nS1,B,100,-1\n"],
            expected: "stores.csv:2: store 'S1' has sign = -1 (PyPSA's default: 1): a sign other"),
        .init(files: ["investment_periods.csv": ",objective,years\n2030,1,10\n"], expected: "investment_periods.csv:2:"),
        .init(files: ["extra.csv": "a,b\n1,2\n"], expected: "extra.csv: extra.csv is not a file of PyPSA's CSV format"),
        .init(
            files: ["links.csv": "name,bus0,bus1,p_nom,committable\nA-B,A,B,100,True\n"],
            expected: "links.csv:2: link 'A-B' has committable = True (PyPSA's default: False): unit commitment"),
        .init(
            files: ["links.csv": "name,bus0,bus1,p_nom\nA-B,A,B,100\n", "links-marginal_cost_quadratic.csv": ",A-B\n0,0.5\n1,0.5\n"],
            expected: "links-marginal_cost_quadratic.csv:2: link 'A-B' has marginal_cost_quadratic = 0.5 in snapshot '0'"),
        .init(
            files: ["links.csv": "name,bus0,bus1,p_nom,p_nom_extendable,fom_cost\nA-B,A,B,100,True,3\n"],
            expected: "links.csv:2: link 'A-B' has fom_cost = 3 (PyPSA's default: 0): capacity costs"),
        .init(
            files: [
                "generators.csv":
                    "name,bus,p_nom,carrier,marginal_cost,marginal_cost_quadratic\nA coal,A,100,coal,300,0.01\nB solar,B,50,solar,0,0\n"
            ],
            expected: "generators.csv:2: generator 'A coal' has marginal_cost_quadratic = 0.01"),
        .init(
            files: ["generators.csv": "name,bus,p_nom,carrier,marginal_cost,foo\nA coal,A,100,coal,300,1\nB solar,B,50,solar,0,1\n"],
            expected: "generators.csv:1: column 'foo' of generators.csv: it is not an attribute"),
        .init(
            files: ["generators-marginal_cost_quadratic.csv": ",A coal\n0,0\n1,0.2\n"],
            expected: "generators-marginal_cost_quadratic.csv:3: generator 'A coal' has marginal_cost_quadratic = 0.2 in snapshot '1'"),
        .init(
            files: [
                "generators.csv": "name,bus,p_nom,carrier,marginal_cost,sign\nA coal,A,100,coal,300,-1\nB solar,B,50,solar,0,1\n"
            ],
            expected: "generators.csv:2: generator 'A coal' has sign = -1"),
        .init(
            files: ["links.csv": "name,bus0,bus1,p_nom,delay\nA-B,A,B,100,2\n"],
            expected: "links.csv:2: link 'A-B' has delay = 2 (PyPSA's default: 0): delayed delivery"),
        .init(
            files: ["links.csv": "name,bus0,bus1,p_nom,p_nom_extendable,p_nom_mod\nA-B,A,B,100,True,50\n"],
            expected: "links.csv:2: link 'A-B' has p_nom_mod = 50 (PyPSA's default: 0): modular capacity"),
        .init(
            files: ["storage_units.csv": "name,bus,p_nom,max_hours,p_nom_extendable,p_nom_mod\nB battery,B,10,2,True,5\n"],
            expected: "storage_units.csv:2: storage unit 'B battery' has p_nom_mod = 5"),
        .init(
            files: ["transformers.csv": "name,bus0,bus1,x,s_nom,phase_shift\nT1,A,B,0.1,100,30\n"],
            expected: "transformers.csv:2: transformer 'T1' has phase_shift = 30 (PyPSA's default: 0): phase-shifting"),
        .init(
            files: ["storage_units.csv": "name,bus,p_nom,max_hours,sign\nB battery,B,10,2,-1\n"],
            expected: "storage_units.csv:2: storage unit 'B battery' has sign = -1"),
        .init(
            files: ["loads.csv": "name,bus,sign\nB load,B,1\n"],
            expected: "loads.csv:2: load 'B load' has sign = 1 (PyPSA's default: -1)"),
        .init(
            files: ["generators-p_max_pu.csv": ",B solar,Z wind\n0,0.5,1\n1,1.0,1\n"],
            expected: "generators-p_max_pu.csv:1: column 'Z wind' names nothing in generators.csv"),
        .init(files: ["network.csv": "name,_multi_invest\nmini,1\n"], expected: "network.csv:2: network 'mini' has _multi_invest = 1"),
    ]

    @Test(arguments: refusals) func refusesWithFileAndLine(_ refusal: Refusal) throws {
        let directory = try PyPSAImportTests.folder(PyPSAImportTests.valid.merging(refusal.files) { _, new in new })
        let diagnostics = Self.diagnostics(directory.url)
        let expected = directory.url.path + "/" + refusal.expected
        #expect(diagnostics.contains { $0.hasPrefix(expected) }, "\(diagnostics)")
    }

    /// Refusals never advise a change of model (switching a feature off, replacing lines by links, a storage unit for a
    /// store): only PyPSA itself, or the same model written another way.
    @Test func refusalsNeverAdviseAnotherModel() throws {
        for refusal in Self.refusals {
            let directory = try PyPSAImportTests.folder(PyPSAImportTests.valid.merging(refusal.files) { _, new in new })
            for diagnostic in Self.diagnostics(directory.url) {
                for advice in [
                    "False —", "use a storage unit", "two opposite links", "replacing lines", "remove the limit", "scale p_nom",
                    "give one value", "remove the set point",
                ] {
                    #expect(!diagnostic.contains(advice), "\(diagnostic)")
                }
            }
        }
    }

    /// Inactive components are left out, as PyPSA leaves them out of the optimisation.
    @Test func inactiveComponentsAreLeftOut() throws {
        var files = PyPSAImportTests.valid
        files["generators.csv"] =
            "name,bus,p_nom,carrier,marginal_cost,efficiency,active\nA coal,A,100,coal,300,0.34,True\nB solar,B,50,solar,0,1,False\n"
        files["lines.csv"] = "name,bus0,bus1,x,s_nom,active\nL1,A,B,10,100,False\n"
        let directory = try PyPSAImportTests.folder(files)
        let network = try PyPSAImport.load(folder: directory.url)
        #expect(network.generators.map(\.name) == ["A coal"])
        #expect(network.lines.isEmpty)
    }

    /// Unit commitment is a MILP: committable generators are refused, naming the integer variables.
    @Test func unitCommitmentIsRefusedAsInteger() throws {
        var files = PyPSAImportTests.valid
        files["generators.csv"] = "name,bus,p_nom,carrier,committable\nA coal,A,100,coal,True\nB solar,B,50,solar,False\n"
        let directory = try PyPSAImportTests.folder(files)
        let diagnostics = Self.diagnostics(directory.url)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.allSatisfy { $0.contains("committable = True") && $0.contains("integer variables") }, "\(diagnostics)")
    }

    /// A SciGrid-DE-like folder: lines by standard type take x and r from PyPSA's table (per km × length /
    /// num_parallel, per unit of v_nom² of bus0); a transformer that names a standard type is refused (its x would
    /// come from PyPSA's transformer-type table, which is not read), so it is never solved as something else.
    @Test func scigridLikeFolderWithTypedTransformerIsRefused() throws {
        var files = PyPSAImportTests.valid
        files["buses.csv"] = "name,v_nom,x,y,carrier\nA,380,9.0,50.1,AC\nB,380,9.2,50.3,AC\nC,220,9.1,50.2,AC\n"
        files["lines.csv"] =
            "name,bus0,bus1,type,length,num_parallel,s_nom,s_max_pu\n"
            + "1,A,B,Al/St 240/40 4-bundle 380.0,31.2,1.0,1698.1,0.7\n2,B,A,Al/St 240/40 4-bundle 380.0,12.0,2.0,3396.3,0.7\n"
        files["transformers.csv"] = "name,bus0,bus1,x,s_nom,type\nT1,C,A,0.1,600,Typ_x_380\n"
        let directory = try PyPSAImportTests.folder(files)
        let diagnostics = Self.diagnostics(directory.url)
        let path = directory.url.path
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.contains { $0.hasPrefix(path + "/transformers.csv:2: transformer 'T1' has type = Typ_x_380") })
        files["transformers.csv"] = nil
        let withoutTransformers = try PyPSAImportTests.folder(files)
        let network = try PyPSAImport.load(folder: withoutTransformers.url)
        // Al/St 240/40 4-bundle 380.0: r 0.03, x 0.246 ohm/km (PyPSA's line_types.csv).
        #expect(abs(network.lines[0].reactancePerUnit - 0.246 * 31.2 / (380 * 380)) < 1e-15)
        #expect(abs(network.lines[1].reactancePerUnit - 0.246 * 12.0 / 2 / (380 * 380)) < 1e-15)
        #expect(abs(network.lines[1].resistancePerUnit - 0.03 * 12.0 / 2 / (380 * 380)) < 1e-15)
    }

    /// Default-valued columns, output columns and series, empty carriers and files PyPSA does not read are accepted.
    @Test func acceptsDefaultsOutputsAndUnreadFiles() throws {
        var files = PyPSAImportTests.valid
        files["generators.csv"] =
            "name,bus,p_nom,carrier,marginal_cost,committable,ramp_limit_up,sign,active,p_nom_opt,capital_cost\n"
            + "A coal,A,100,,300,False,,1.0,True,100,5000\nB solar,B,50,solar,0,False,,1,True,50,0\n"
        files["generators-p.csv"] = ",A coal\n0,35\n1,0\n"
        files["buses-marginal_price.csv"] = ",A,B\n0,300,301\n1,0,0\n"
        files["links-efficiency.csv"] = ",A-B\n0,1\n1,1.0\n"
        files["meta.json"] = "{}"
        files["results-pypsa.json"] = "{}"
        let directory = try PyPSAImportTests.folder(files)
        let network = try PyPSAImport.load(folder: directory.url)
        #expect(network.generators.map(\.carrier) == [PyPSAImport.noCarrier, "solar"])
    }

    static func diagnostics(_ folder: URL) -> [String] {
        do {
            _ = try PyPSAImport.load(folder: folder)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}
