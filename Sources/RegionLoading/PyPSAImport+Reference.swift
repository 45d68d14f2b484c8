// MARK: - The attribute table as a page (docs/pypsa-attributes.md)

extension PyPSAImport {
    /// docs/pypsa-attributes.md: every file and every attribute of the components read, with its status.
    public static func markdownAttributeTable() -> String {
        var out = "# PyPSA attributes in `yrdplan dispatch --pypsa`\n\n"
        out += "Generated from `PyPSAImport.componentSchemas` (names and defaults from PyPSA v1.4.0's\n"
        out += "`pypsa/data/component_attrs`); `PyPSAAttributeTableTests` keeps this page current. A refused\n"
        out += "attribute is accepted when every value is PyPSA's default (an empty cell is the default).\n\n"
        out += "## Files\n\n| file | status |\n|---|---|\n"
        for schema in componentSchemas { out += "| `\(schema.listName).csv` and its series files | read, attribute by attribute |\n" }
        for (name, status) in otherFiles { out += "| `\(name)` | \(describe(status)) |\n" }
        out += "| any other `.csv` | refused |\n| files that are not CSV | not read (PyPSA's importer does not read them) |\n"
        for schema in componentSchemas {
            out += "\n## \(schema.listName)\n\n| attribute | PyPSA default | status |\n|---|---|---|\n"
            for attribute in schema.attributes {
                var status = describe(attribute.status)
                if attribute.seriesModelled { status += " (also as a time series)" }
                out += "| `\(attribute.name)` | `\(attribute.defaultValue)` | \(status) |\n"
            }
        }
        out += "\nMulti-port link columns (`bus2`, `efficiency2`, …) are modelled; `p2`, `p3`, … are outputs.\n"
        return out
    }

    static func describe(_ status: PyPSAAttributeStatus) -> String {
        switch status {
        case .modelled: "modelled"
        case .descriptive(let why): "accepted: \(why)"
        case .refused(let refusal): "refused unless default: \(refusal.reason)"
        case .output: "output, skipped"
        }
    }

    static func describe(_ status: PyPSAFileStatus) -> String {
        switch status {
        case .read: "read"
        case .descriptive(let why): "accepted: \(why)"
        case .refused(let refusal): "refused: \(refusal.reason)"
        case .output: "output, skipped"
        }
    }
}
