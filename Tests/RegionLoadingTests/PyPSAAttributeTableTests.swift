import Foundation
import RegionLoading
import Testing
import YrdplanTestSupport

/// The importer's attribute table covers PyPSA's own attribute lists (Fixtures/pypsa-component-attrs).
@Suite struct PyPSAAttributeTableTests {
    /// PyPSA's rows of one component: attribute, type, default, status (`Input (…)` or `Output`).
    static func upstream(_ component: String) throws -> [[String]] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/pypsa-component-attrs/\(component)", withExtension: "csv"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            // Defaults such as ["now"] are quoted; split outside quotes.
            var fields: [String] = []
            var field = ""
            var quoted = false
            for character in line {
                if character == "\"" {
                    quoted.toggle()
                    field.append(character)
                } else if character == "," && !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            return fields
        }
    }

    static let components = [
        ("networks", "network"), ("buses", "buses"), ("carriers", "carriers"), ("generators", "generators"), ("loads", "loads"),
        ("links", "links"), ("storage_units", "storage_units"), ("global_constraints", "global_constraints"), ("lines", "lines"),
        ("stores", "stores"), ("transformers", "transformers"),
    ]

    @Test(arguments: components) func everyPyPSAAttributeHasAStatus(_ component: (String, String)) throws {
        let schema = try #require(PyPSAImport.componentSchemas.first { $0.listName == component.1 })
        let rows = try Self.upstream(component.0)
        #expect(!rows.isEmpty)
        for row in rows {
            let name = row[0]
            guard let attribute = schema.attribute(named: name) else {
                Issue.record("PyPSA's \(component.0) attribute '\(name)' is neither modelled, refused nor output")
                continue
            }
            if row[3] == "Output" {
                #expect(attribute.status == .output, "\(component.0).\(name) is an output in PyPSA")
            } else {
                #expect(attribute.status != .output, "\(component.0).\(name) is an input in PyPSA")
            }
            let upstreamDefault =
                row[2].hasPrefix("\"") ? String(row[2].dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : row[2]
            #expect(attribute.defaultValue == upstreamDefault, "\(component.0).\(name)")
        }
        // Nothing in the table that PyPSA does not have, except the exporter's network.csv and snapshots.csv columns.
        let upstreamNames = Set(rows.map { $0[0] })
        for attribute in schema.attributes where !upstreamNames.contains(attribute.name) && !attribute.isExampleExtra {
            #expect(component.1 == "network" && attribute.name.first.map { $0 == "_" || $0 == "p" } == true, "\(attribute.name)")
        }
    }

    @Test func refusedFilesAndUnknownFiles() {
        #expect(PyPSAImport.fileStatus("generators.csv") == .read)
        #expect(PyPSAImport.fileStatus("generators-p_max_pu.csv") == .read)
        #expect(PyPSAImport.fileStatus("generators-p.csv") == .output)
        #expect(PyPSAImport.fileStatus("links-p2.csv") == .output)
        #expect(PyPSAImport.fileStatus("results.json") == nil)
        #expect(PyPSAImport.fileStatus("foo.csv") == nil)
        #expect(PyPSAImport.fileStatus("lines.csv") == .read)
        #expect(PyPSAImport.fileStatus("transformers.csv") == .read)
        if case .refused? = PyPSAImport.fileStatus("shunt_impedances.csv") {} else { Issue.record("shunt_impedances.csv must be refused") }
        if case .refused? = PyPSAImport.fileStatus("generators-marginal_cost-pw.csv") {} else { Issue.record("piecewise must be refused") }
    }
}

/// docs/pypsa-attributes.md is generated from the table (re-record with RECORD_SNAPSHOTS=1).
@Suite struct PyPSAAttributePageTests {
    @Test func theAttributePageIsCurrent() {
        let page = ProjectPaths.root.appendingPathComponent("docs/pypsa-attributes.md")
        if let mismatch = Golden.mismatch(PyPSAImport.markdownAttributeTable(), goldenFile: page) {
            Issue.record("\(mismatch)")
        }
    }
}
