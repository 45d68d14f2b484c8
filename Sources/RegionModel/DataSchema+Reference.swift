extension DataSchema {
    /// The data-reference page (docs/data-reference.md), generated from the schema tables so it cannot drift.
    public static func markdownReference() -> String {
        var out = """
            # Data reference (generated)

            Generated from `DataSchema` and `LeverSpec` in `Sources/RegionModel`; `make test` fails when this page is out of
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
        return out
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(value)
    }
}
