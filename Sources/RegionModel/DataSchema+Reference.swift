extension DataSchema {
    /// The data-reference page (docs/data-reference.md), generated from the schema tables so it cannot drift.
    public static func markdownReference() -> String {
        var out = """
            # Data reference (generated)

            Generated from `DataSchema` (province fields, grid and agreement tables) and `LeverSpec` in `Sources/RegionModel`; `make test` fails when this page is out of
            date (re-record with `RECORD_SNAPSHOTS=1 swift test --filter DataReferenceTests`). See docs/data.md for the
            file layout and the accounting.

            ## Province files (`Regions/<id>.yaml`)

            Every series is `{unit: …, values: [{year, value, source, ref?, confidence, note?}, …]}`. Required series need
            values for \(requiredYears.map(String.init).joined(separator: " and ")). Values must be finite, zero or more, and below the
            plausible maximum (in the canonical unit).

            | field | unit | accepted spellings | required | plausible maximum | meaning |
            |---|---|---|---|---|---|

            """
        for field in provinceFields {
            out +=
                "| `\(field.dottedPath)` | \(field.unitSymbol) | \(field.acceptedUnits.joined(separator: ", ")) | \(field.required ? "yes" : "no") | \(format(field.plausibleMaximum)) | \(field.meaning) |\n"
        }
        out += """

            ## Scenario levers (`Regions/scenarios/<name>.yaml`)

            Each lever is `{unit, values: {YEAR: VALUE, …}, source, ref?, confidence, note?}`, interpolated linearly between
            years and held flat outside them; `levers:` apply to every province, `provinces: {id: {lever: …}}` override them.

            | lever | unit | accepted spellings | admissible range | meaning |
            |---|---|---|---|---|

            """
        for lever in Lever.allCases {
            let spec = lever.spec
            out +=
                "| `\(lever.rawValue)` | \(spec.unitSymbol) | \(spec.acceptedUnits.joined(separator: ", ")) | \(format(spec.range.lowerBound))…\(format(spec.range.upperBound)) | \(spec.meaning) |\n"
        }
        out += """

            ## Provenance (every file)

            Every number says where it comes from, checked by the same rules in every file: `source` is a key of
            `Regions/sources.yaml`; `confidence` is sourced, estimate or synthetic; a sourced number names its fact-sheet row
            in `ref`; a number that is not sourced explains itself in a non-blank `note`; and every number has the `year` it
            describes (a series entry's own `year`; a lever's years are the keys of its values; an agreement figure's `year`
            may be a span such as "2020-2022"; a split period of an agreement is a term and has no year).

            ## Sources (`Regions/sources.yaml`)
            """
        out += "\n" + reference(sourceEntry)
        out += """

            ## The grid (`Regions/grid/grid.yaml`, `Regions/grid/scenarios/<name>.yaml`)

            Tables that say "Provenance on the entry" take `source, ref, year, confidence, note` for all their numbers; a
            single number may instead be written `{value: …, source: …, year: …, confidence: …}` with its own.
            An overlay change names exactly one kind (`\(gridChangeKinds.map(\.key).joined(separator: "`, `"))`).

            """
        for table in gridTables { out += reference(table) }
        out += """

            ## Agreements (`Regions/agreements/*.yaml`)

            Every number is a figure `{value, unit, source, ref?, year, confidence, note?}` in one of the units its field
            admits.

            """
        for table in agreementTables { out += reference(table) }
        return out
    }

    /// One schema table as a section of the reference page.
    static func reference(_ table: SchemaTable) -> String {
        let provenance =
            switch table.provenance {
            case .none: ""
            case .onEntry: " Provenance on the entry."
            case .withoutYear: " Provenance on the entry, without a year."
            }
        var out = """

            ### `\(table.name)`

            \(table.meaning)\(provenance)

            | field | unit | required | meaning |
            |---|---|---|---|

            """
        for field in table.fields {
            out += "| `\(field.key)` | \(field.unit) | \(field.presence.label) | \(field.meaning) |\n"
        }
        return out
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(value)
    }
}
