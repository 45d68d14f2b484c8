import Diagnostics
import Foundation
import RegionModel
import Yams

/// Reads one `Regions/<id>.yaml` province file, driven by `DataSchema.provinceFields`.
struct ProvinceFileReader {
    var reader: NodeReader
    let sourceKeys: Set<String>
    let expectedID: String
    private var series: [[String]: RawSeries] = [:]
    /// Where each series starts, and the years its entries name (even entries with other errors).
    private var seriesLocations: [[String]: SourceLocation] = [:]
    private var attemptedYears: [[String]: Set<Int>] = [:]
    /// Every number as written (before unit conversion), for the derivations: its value, digits and derivation.
    private var rows: [RowReference: WrittenRow] = [:]
    /// The id the file declares (set even when the file has other errors), for duplicate checks.
    private(set) var declaredID: RegionID?

    init(file: YAMLFile, sourceKeys: Set<String>, expectedID: String) {
        self.reader = NodeReader(file: file)
        self.sourceKeys = sourceKeys
        self.expectedID = expectedID
    }

    var diagnostics: DiagnosticEngine { reader.diagnostics }

    /// The province, or `nil` when the file has errors (all of them are in `diagnostics`).
    mutating func read() -> Province? {
        guard let root = reader.file.root,
            let pairs = reader.mapping(root, what: "a province file")
        else { return nil }
        var id: RegionID?
        var code: String?
        var divisionCode: Int?
        var name: LocalizedName?
        for pair in pairs {
            switch pair.key {
            case "id":
                guard let text = reader.string(pair.value, what: "id") else { continue }
                if let valid = RegionID(rawValue: text) {
                    id = valid
                    declaredID = valid
                    if text != expectedID {
                        reader.diagnostics.error(
                            at: reader.location(pair.value), "id '\(text)' does not match the file name '\(expectedID).yaml'",
                            fix: "rename the file to \(text).yaml or set id: \(expectedID)")
                    }
                } else {
                    reader.diagnostics.error(
                        at: reader.location(pair.value), "id '\(text)' is not a valid region id",
                        fix: "use lowercase letters, digits and '-' only (ids become file names), e.g. '\(Self.suggestedID(text))'")
                }
            case "code":
                code = reader.string(pair.value, what: "code")
            case "division_code":
                divisionCode = reader.integer(pair.value, what: "division_code")
                if let value = divisionCode, !(110_000...829_999).contains(value) || value % 10_000 != 0 {
                    reader.diagnostics.error(
                        at: reader.location(pair.value), "division_code \(value) is not a province-level GB/T 2260 code",
                        fix: "write the six-digit code ending in 0000, e.g. 310000 for Shanghai")
                }
            case "name":
                name = readName(pair.value)
            default:
                walk(path: [pair.key], keyNode: pair.keyNode, node: pair.value)
            }
        }
        let top = reader.location(root)
        if id == nil && !pairs.contains(where: { $0.key == "id" }) {
            reader.diagnostics.error(at: top, "missing field 'id'", fix: "add `id: \(expectedID)` at the top")
        }
        if code == nil && !pairs.contains(where: { $0.key == "code" }) {
            reader.diagnostics.error(at: top, "missing field 'code'", fix: "add the short code, e.g. `code: SH`")
        }
        if name == nil && !pairs.contains(where: { $0.key == "name" }) {
            reader.diagnostics.error(at: top, "missing field 'name'", fix: "add `name: {en: …, zh: …}`")
        }
        checkRequiredFields(at: top)
        checkElectricityShares(at: top)
        checkDerivations()
        guard !reader.diagnostics.hasErrors, let id, let code, let name else { return nil }
        return assemble(id: id, code: code, divisionCode: divisionCode, name: name)
    }

    // MARK: - Walking the schema

    private mutating func walk(path: [String], keyNode: Node, node: Node) {
        if let field = DataSchema.field(at: path) {
            seriesLocations[path] = reader.location(keyNode)
            if let raw = readSeries(node, field: field) { series[path] = raw }
        } else if DataSchema.isGroup(path) {
            guard let pairs = reader.mapping(node, what: "'\(path.joined(separator: "."))'") else { return }
            let known = DataSchema.keys(under: path)
            for pair in pairs {
                if known.contains(pair.key) {
                    walk(path: path + [pair.key], keyNode: pair.keyNode, node: pair.value)
                } else {
                    reader.rejectUnknownKeys([pair], known: known, in: "'\(path.joined(separator: "."))'")
                }
            }
        } else {
            let known = DataSchema.identityKeys + DataSchema.keys(under: [])
            reader.rejectUnknownKeys([(key: path.last ?? "", keyNode: keyNode, value: node)], known: known, in: "the province file")
        }
    }

    private mutating func readName(_ node: Node) -> LocalizedName? {
        guard let pairs = reader.mapping(node, what: "name") else { return nil }
        reader.rejectUnknownKeys(pairs, known: ["en", "zh"], in: "name")
        let en = pairs.first { $0.key == "en" }.flatMap { reader.string($0.value, what: "name.en") }
        let zh = pairs.first { $0.key == "zh" }.flatMap { reader.string($0.value, what: "name.zh") }
        guard let en, let zh else {
            reader.diagnostics.error(
                at: reader.location(node), "name needs both 'en' and 'zh'", fix: "write `name: {en: Shanghai, zh: 上海}`")
            return nil
        }
        return LocalizedName(en: en, zh: zh)
    }

    private mutating func readSeries(_ node: Node, field: FieldSpec) -> RawSeries? {
        let what = "'\(field.dottedPath)'"
        guard let pairs = reader.mapping(node, what: what) else { return nil }
        reader.rejectUnknownKeys(pairs, known: ["unit", "values"], in: what)
        guard let unitPair = pairs.first(where: { $0.key == "unit" }) else {
            reader.diagnostics.error(at: reader.location(node), "\(what) has no unit", fix: "add `unit: \(field.unitSymbol)`")
            return nil
        }
        guard let unit = reader.string(unitPair.value, what: "unit of \(what)") else { return nil }
        guard let factor = field.factor(unit) else {
            reader.diagnostics.error(
                at: reader.location(unitPair.value), "wrong unit '\(unit)' for \(what)",
                fix: "write it in one of: \(field.acceptedUnits.joined(separator: ", "))")
            return nil
        }
        guard let valuesPair = pairs.first(where: { $0.key == "values" }) else {
            reader.diagnostics.error(at: reader.location(node), "\(what) has no values", fix: "add `values:` with one entry per year")
            return nil
        }
        guard let entries = valuesPair.value.sequence else {
            reader.diagnostics.error(
                at: reader.location(valuesPair.value), "values of \(what) must be a list",
                fix: "write one `- {year: …, value: …, source: …, confidence: …}` per year")
            return nil
        }
        var points: [RawSeries.Point] = []
        var seenYears: [Int: Int] = [:]
        for entry in entries {
            if let yearNode = entry.mapping?.first(where: { $0.key.string == "year" })?.value, let year = Int(yearNode.string ?? "") {
                attemptedYears[field.path, default: []].insert(year)
            }
            guard let point = readPoint(entry, field: field, unitFactor: factor) else { continue }
            let line = entry.mark?.line ?? 0
            if let first = seenYears[point.year] {
                reader.diagnostics.error(
                    at: reader.location(entry), "year \(point.year) of \(what) is given twice (first on line \(first))",
                    fix: "keep one value per year")
                continue
            }
            seenYears[point.year] = line
            points.append(point)
        }
        return RawSeries(points: points)
    }

    private mutating func readPoint(_ entry: Node, field: FieldSpec, unitFactor: Double) -> RawSeries.Point? {
        let what = "'\(field.dottedPath)'"
        guard let pairs = reader.mapping(entry, what: "a value of \(what)") else { return nil }
        reader.rejectUnknownKeys(pairs, known: DataSchema.valueKeys, in: "a value of \(what)")
        func node(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
        let namedYear = node("year")?.string.flatMap { Int($0) }.flatMap { ProvenanceReader.admissibleYears.contains($0) ? $0 : nil }
        let entryName = namedYear.map { "the \($0) value of \(what)" } ?? "a value of \(what)"
        if node("value") == nil {
            reader.diagnostics.error(
                at: reader.location(entry), "\(entryName) lacks value", fix: "every entry needs year, value, source and confidence")
        }
        // The entry's `year` is both the year of the series and the year its provenance describes.
        var provenanceReader = ProvenanceReader(sourceKeys: sourceKeys, wording: .dataTable)
        provenanceReader.enforcesKindsOfEstimate = true
        let provenance = provenanceReader.read(pairs, of: entry, what: entryName, year: .single, reader: &reader)
        var value = reader.number(node("value"), what: "value of \(what)")
        if let raw = value {
            let converted = raw * unitFactor
            if raw < 0 {
                reader.diagnostics.error(
                    at: reader.location(node("value")), "value of \(what) is negative (\(Self.format(raw)))",
                    fix: "write a value of zero or more; flows out of the province go under 'exports'")
                value = nil
            } else if converted > field.plausibleMaximum {
                reader.diagnostics.error(
                    at: reader.location(node("value")),
                    "value of \(what) is implausibly large: \(Self.format(converted)) \(field.unitSymbol) (limit \(Self.format(field.plausibleMaximum)))",
                    fix: "check the unit and the digits")
                value = nil
            } else {
                value = converted
            }
        }
        guard var provenance, let year = provenance.years?.lowerBound, let value, let written = reader.number(node("value"), what: "value")
        else { return nil }
        provenance.location = reader.location(node("value"))
        if let range = provenance.range {
            if !range.contains(written) {
                reader.diagnostics.error(
                    at: reader.location(node("range")),
                    "the \(year) value of \(what) (\(Self.format(written))) lies outside its range [\(Self.format(range.lowerBound)), \(Self.format(range.upperBound))]",
                    fix: "a judgement's value lies in its range: correct the value or widen the range")
            }
            provenance.range = (range.lowerBound * unitFactor)...(range.upperBound * unitFactor)
        }
        rows[RowReference(path: field.path, year: year)] = WrittenRow(
            value: written, decimals: Self.decimals(node("value")?.string ?? ""), derivation: provenance.derivation,
            location: reader.location(node("value")), formulaLocation: node("derived").map { reader.location($0) })
        return RawSeries.Point(year: year, value: value, provenance: provenance)
    }

    // MARK: - Whole-file checks

    private mutating func checkRequiredFields(at location: SourceLocation) {
        for field in DataSchema.provinceFields where field.required {
            guard let raw = series[field.path] else {
                // Written but unreadable: that problem is already reported at its line.
                if seriesLocations[field.path] == nil {
                    reader.diagnostics.error(
                        at: location, "missing field '\(field.dottedPath)' (\(field.meaning))",
                        fix: "add it with values for \(DataSchema.requiredYears.map(String.init).joined(separator: " and "))")
                }
                continue
            }
            let years = Set(raw.points.map(\.year)).union(attemptedYears[field.path] ?? [])
            let absent = DataSchema.requiredYears.filter { !years.contains($0) }
            if !absent.isEmpty {
                reader.diagnostics.error(
                    at: seriesLocations[field.path] ?? location,
                    "'\(field.dottedPath)' has no value for \(absent.map(String.init).joined(separator: ", "))",
                    fix: "add them (an estimate with a note is fine when no source has the number)")
            }
        }
    }

    private mutating func checkElectricityShares(at location: SourceLocation) {
        var sums: [Int: (sum: Double, count: Int, location: SourceLocation?)] = [:]
        for sector in EndUseSector.allCases {
            for point in series[["emissions", sector.rawValue, "electricity_share"]]?.points ?? [] {
                var entry = sums[point.year] ?? (0, 0, point.provenance.location)
                entry.sum += point.value
                entry.count += 1
                sums[point.year] = entry
            }
        }
        for (year, entry) in sums.sorted(by: { $0.key < $1.key }) {
            if entry.count == EndUseSector.allCases.count && abs(entry.sum - 1) > 1e-3 {
                reader.diagnostics.error(
                    at: entry.location ?? location,
                    "the electricity shares of the six end-use sectors sum to \(Self.format(entry.sum)) in \(year), not 1",
                    fix: "adjust emissions.*.electricity_share for \(year) so that they add up to 1")
            } else if entry.count < EndUseSector.allCases.count {
                reader.diagnostics.error(
                    at: entry.location ?? location,
                    "only \(entry.count) of the \(EndUseSector.allCases.count) end-use sectors give an electricity share for \(year)",
                    fix: "give every sector's electricity_share for \(year) (they must sum to 1)")
            }
        }
    }

    /// Recomputes every derivation from the values written in the file: unknown rows, cycles and stored values
    /// that differ from their formula beyond the tolerance (`Derivation.agrees`) are reported at the value's line.
    private mutating func checkDerivations() {
        let derived = rows.filter { $0.value.derivation != nil }
        let dependencies = derived.mapValues { $0.derivation?.expression.references ?? [] }
        var inCycle: Set<RowReference> = []
        for cycle in Derivation.cycles(dependencies) {
            inCycle.formUnion(cycle)
            let row = derived[cycle[0]]
            reader.diagnostics.error(
                at: row?.formulaLocation ?? row?.location ?? reader.location(nil),
                "\(DerivationError.cycle(cycle))", fix: "derive at least one of these rows from published numbers or make it a judgement")
        }
        for (reference, row) in derived.sorted(by: { $0.key < $1.key }) where !inCycle.contains(reference) {
            guard let derivation = row.derivation else { continue }
            let computed: Double
            do {
                computed = try derivation.expression.evaluate { rows[$0]?.value }
            } catch {
                let known = error == .divisionByZero ? nil : DataSchema.field(at: Self.unknownPath(error) ?? [])
                reader.diagnostics.error(
                    at: row.formulaLocation ?? row.location, "the formula of \(reference) cannot be computed: \(error)",
                    fix: known == nil && error != .divisionByZero
                        ? "use a field of the schema (docs/data-reference.md), e.g. emissions.steel.direct[2019]"
                        : "add that value to the file or change the formula")
                continue
            }
            if !Derivation.agrees(stored: row.value, decimals: row.decimals, computed: computed) {
                let share = row.value == 0 ? "" : String(format: " (%+.2f %%)", (row.value - computed) / computed * 100)
                reader.diagnostics.error(
                    at: row.location,
                    "\(reference) is \(Self.format(row.value)) but its formula '\(derivation.formula)' gives \(String(format: "%.6g", computed))\(share)",
                    fix:
                        "store the computed value (tolerance: relative \(Derivation.relativeTolerance) or the rounding of the stored digits) or correct the formula"
                )
            }
        }
    }

    private static func unknownPath(_ error: DerivationError) -> [String]? {
        if case .unknownRow(let row) = error { return row.path }
        return nil
    }

    /// Digits after the decimal point in a number as written (`12.30` → 2).
    static func decimals(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: "."), !text.lowercased().contains("e") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    private func assemble(id: RegionID, code: String, divisionCode: Int?, name: LocalizedName) -> Province {
        func raw(_ path: String...) -> RawSeries? { series[path] }
        var generation: [Fuel: Series<TWh>] = [:]
        var capacity: [Fuel: Series<GW>] = [:]
        for fuel in Fuel.allCases {
            if let s = raw("electricity", "generation", fuel.rawValue) { generation[fuel] = Series(s) }
            if let s = raw("capacity", fuel.rawValue) { capacity[fuel] = Series(s) }
        }
        var sectors: [EndUseSector: EndUseEmissions] = [:]
        for sector in EndUseSector.allCases {
            sectors[sector] = EndUseEmissions(
                direct: Series(raw("emissions", sector.rawValue, "direct")),
                electricityShare: Series(raw("emissions", sector.rawValue, "electricity_share")))
        }
        return Province(
            id: id, code: code, name: name,
            population: Series(raw("population")), gdp: Series(raw("gdp")), energyUse: Series(raw("energy_use")),
            electricity: ElectricityBalance(
                consumption: Series(raw("electricity", "consumption")), generation: generation,
                imports: Series(raw("electricity", "imports")), exports: Series(raw("electricity", "exports"))),
            capacity: capacity,
            power: PowerSectorEmissions(
                localThermal: Series(raw("emissions", "power", "local_thermal")),
                imported: Series(raw("emissions", "power", "imported")),
                exported: Series(raw("emissions", "power", "exported"))),
            sectors: sectors, divisionCode: divisionCode,
            statistics: Dictionary(
                uniqueKeysWithValues: series.filter { $0.key.first == "statistics" }.map { ($0.key.joined(separator: "."), $0.value) }))
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    }

    static func suggestedID(_ text: String) -> String {
        let lowered = text.lowercased().map { c -> Character in
            (c.isLetter && c.isASCII) || (c.isNumber && c.isASCII) ? c : "-"
        }
        let id = String(lowered).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return id.isEmpty ? "region-1" : id
    }
}

/// One number of a province file as written: the checks of derivations work in the file's own units.
private struct WrittenRow {
    var value: Double
    var decimals: Int
    var derivation: Derivation?
    var location: SourceLocation
    var formulaLocation: SourceLocation?
}
