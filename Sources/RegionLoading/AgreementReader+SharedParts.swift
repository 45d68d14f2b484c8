import Diagnostics
import RegionModel
import Yams

// Parts every kind of agreement uses: figures with their provenance, party lists, per-party figures, shares.

extension AgreementReader {
    /// The figure under `key` of the mapping `c` (reporting its absence), in a unit that `table` admits for it.
    static func figure(_ c: inout YAMLMappingCursor, _ key: String, in table: SchemaTable, _ d: inout DiagnosticEngine)
        -> AgreementFigure?
    {
        guard let node = c.value(key, &d) else { return nil }
        return figure(node, file: c.file, field: key, units: table[key].figureUnits, &d)
    }

    /// A number with its unit and provenance: `{value, unit, source, ref?, year, confidence, note?}`, the provenance
    /// read by `ProvenanceReader` (the source key is checked against the catalogue by `read`).
    static func figure(_ node: Node, file: String, field: String, units: [AgreementUnit], _ d: inout DiagnosticEngine)
        -> AgreementFigure?
    {
        guard node.mapping != nil else {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: file), "`\(field)` must be a mapping with value, unit, source and confidence",
                fix: "write `\(field): {value: …, unit: \(units[0].symbol), source: …, year: …, confidence: sourced|estimate|synthetic}`")
            return nil
        }
        var c = YAMLMappingCursor(node, file: file)
        let valueNode = c.value("value", &d)
        let value = valueNode.flatMap { YAMLMappingCursor.number($0, file: file, what: "`\(field).value`", &d) }
        var unit: AgreementUnit?
        if let text = c.string("unit", &d) {
            unit = AgreementUnit(rawValue: text).flatMap { units.contains($0) ? $0 : nil }
            if unit == nil {
                d.error(
                    at: c.location, "`\(field)` has unit `\(text)`",
                    fix: "write it in \(units.map { "`\($0.symbol)`" }.joined(separator: " or "))")
            }
        }
        var reader = NodeReader(file: YAMLFile(displayPath: file, root: node))
        let pairs = reader.mapping(node, what: "`\(field)`") ?? []
        let provenance = ProvenanceReader(sourceKeys: nil, wording: .agreement)
            .read(pairs, of: node, what: "`\(field)`", year: .singleOrSpan, reader: &reader)
        d.absorb(reader.diagnostics)
        c.markRead(DataSchema.provenanceKeys)
        c.reportUnknownKeys(allowedBy: DataSchema.agreementFigure, &d)
        guard let value, let unit, let provenance else { return nil }
        return AgreementFigure(value: value, unit: unit, provenance: provenance)
    }

    /// Checks the provenance of a term of the agreement (a split period) when it gives one; a term describes no year.
    static func readTermProvenance(_ node: Node, file: String, what: String, _ d: inout DiagnosticEngine) {
        var reader = NodeReader(file: YAMLFile(displayPath: file, root: node))
        guard let pairs = reader.mapping(node, what: what), pairs.contains(where: { ["source", "confidence"].contains($0.key) }) else {
            return
        }
        _ = ProvenanceReader(sourceKeys: nil, wording: .agreement).read(
            pairs, of: node, what: what, year: .describesNoYear, reader: &reader)
        d.absorb(reader.diagnostics)
    }

    /// Reads `parties:`, a non-empty list of distinct known province ids.
    static func partyList(_ c: inout YAMLMappingCursor, _ known: Set<String>, _ d: inout DiagnosticEngine) -> [String] {
        guard let node = c.value("parties", &d) else { return [] }
        guard let list = node.sequence, !list.isEmpty else {
            d.error(at: YAMLMappingCursor.location(of: node, in: c.file), "`parties` must be a non-empty list of province ids")
            return []
        }
        var out: [String] = []
        for item in list {
            guard let id = YAMLMappingCursor.province(item, file: c.file, known: known, &d) else { continue }
            if out.contains(id) {
                d.error(at: YAMLMappingCursor.location(of: item, in: c.file), "`\(id)` is listed twice", fix: "list each party once")
            } else {
                out.append(id)
            }
        }
        return out
    }

    /// `{province: figure}` with every party present.
    static func perParty(
        _ node: Node, field: String, parties: [String], units: [AgreementUnit], file: String, _ known: Set<String>,
        _ d: inout DiagnosticEngine
    ) -> [String: AgreementFigure] {
        var out: [String: AgreementFigure] = [:]
        guard let mapping = node.mapping else {
            d.error(at: YAMLMappingCursor.location(of: node, in: file), "`\(field)` must map each party to a figure")
            return out
        }
        for (key, value) in mapping {
            guard let id = YAMLMappingCursor.province(key, file: file, known: known, &d) else { continue }
            if !parties.contains(id) {
                d.error(
                    at: YAMLMappingCursor.location(of: key, in: file), "`\(id)` in `\(field)` is not a party",
                    fix: "add it to `parties` or remove it")
            }
            if let f = figure(value, file: file, field: "\(field).\(id)", units: units, &d) { out[id] = f }
        }
        for p in parties where mapping[p] == nil {
            d.error(
                at: YAMLMappingCursor.location(of: node, in: file), "`\(field)` has no entry for `\(p)`", fix: "add `\(p): {value: …}`")
        }
        return out
    }

    /// `{province: share}` whose shares are non-negative and sum to 1.
    static func shares(_ node: Node, field: String, parties: [String], file: String, _ known: Set<String>, _ d: inout DiagnosticEngine)
        -> [String: Double]
    {
        var out: [String: Double] = [:]
        let at = YAMLMappingCursor.location(of: node, in: file)
        guard let mapping = node.mapping else {
            d.error(at: at, "`\(field)` must map parties to shares")
            return out
        }
        for (key, value) in mapping {
            guard let id = YAMLMappingCursor.province(key, file: file, known: known, &d) else { continue }
            if !parties.contains(id) {
                d.error(
                    at: YAMLMappingCursor.location(of: key, in: file), "`\(id)` in `\(field)` is not a party of this agreement",
                    fix: "use \(parties.joined(separator: " or "))")
                continue
            }
            if let x = YAMLMappingCursor.number(value, file: file, what: "the share of \(id)", &d) {
                if x < 0 || x > 1 { d.error(at: YAMLMappingCursor.location(of: value, in: file), "share \(x) of \(id) is outside 0…1") }
                out[id] = x
            }
        }
        let total = out.values.reduce(0, +)
        if !out.isEmpty, abs(total - 1) > 1e-9 {
            d.error(at: at, "`\(field)` shares sum to \(total)", fix: "make them sum to 1")
        }
        return out
    }
}
