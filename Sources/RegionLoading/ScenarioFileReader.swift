import Diagnostics
import RegionModel
import Yams

/// Reads one `Regions/scenarios/<name>.yaml` scenario file.
struct ScenarioFileReader {
    var reader: NodeReader
    let sourceKeys: Set<String>
    let regionIDs: Set<String>
    let expectedName: String

    init(file: YAMLFile, sourceKeys: Set<String>, regionIDs: Set<String>, expectedName: String) {
        reader = NodeReader(file: file)
        self.sourceKeys = sourceKeys
        self.regionIDs = regionIDs
        self.expectedName = expectedName
    }

    var diagnostics: DiagnosticEngine { reader.diagnostics }

    mutating func read() -> Scenario? {
        guard let root = reader.file.root, let pairs = reader.mapping(root, what: "a scenario file") else { return nil }
        reader.rejectUnknownKeys(
            pairs, known: ["name", "title", "summary", "horizon", "levers", "provinces", "targets"], in: "the scenario file")
        func node(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
        let top = reader.location(root)
        for key in ["name", "title", "horizon", "levers"] where node(key) == nil {
            reader.diagnostics.error(at: top, "missing field '\(key)'", fix: "see docs/data.md for the scenario format")
        }
        let name = reader.string(node("name"), what: "name")
        if let name, name != expectedName {
            reader.diagnostics.error(
                at: reader.location(node("name")), "name '\(name)' does not match the file name '\(expectedName).yaml'",
                fix: "rename the file or set name: \(expectedName)")
        }
        if let name, !RegionID.isValid(name) {
            reader.diagnostics.error(
                at: reader.location(node("name")), "scenario name '\(name)' is not lowercase [a-z0-9-]",
                fix: "scenario names become file names")
        }
        let title = readLocalized(node("title"), what: "title")
        let summary = node("summary").flatMap { readLocalized($0, what: "summary") } ?? LocalizedName(en: "", zh: "")
        let horizon = reader.integer(node("horizon"), what: "horizon")
        if let horizon, !(2030...2100).contains(horizon) {
            reader.diagnostics.error(
                at: reader.location(node("horizon")), "horizon \(horizon) is outside 2030–2100", fix: "projections run to 2060 by default")
        }
        let levers = node("levers").map { readLevers($0, what: "levers") } ?? [:]
        var overrides: [RegionID: [Lever: LeverPath]] = [:]
        if let provincesNode = node("provinces"), let provincePairs = reader.mapping(provincesNode, what: "provinces") {
            for pair in provincePairs {
                guard let id = RegionID(rawValue: pair.key), regionIDs.contains(pair.key) else {
                    reader.diagnostics.error(
                        at: reader.location(pair.keyNode), "unknown province '\(pair.key)'",
                        fix: "use one of: \(regionIDs.sorted().joined(separator: ", "))")
                    continue
                }
                overrides[id] = readLevers(pair.value, what: "provinces.\(pair.key)")
            }
        }
        var targets: [RegionID: [NamedTarget]] = [:]
        if let targetsNode = node("targets"), let targetPairs = reader.mapping(targetsNode, what: "targets") {
            for pair in targetPairs {
                guard let id = RegionID(rawValue: pair.key), regionIDs.contains(pair.key) else {
                    reader.diagnostics.error(
                        at: reader.location(pair.keyNode), "unknown province '\(pair.key)'",
                        fix: "use one of: \(regionIDs.sorted().joined(separator: ", "))")
                    continue
                }
                targets[id] = readTargets(pair.value, what: "targets.\(pair.key)")
            }
        }
        guard !reader.diagnostics.hasErrors, let name, let title, let horizon else { return nil }
        var scenario = Scenario(name: name, title: title, summary: summary, horizon: horizon, levers: levers, overrides: overrides)
        scenario.targets = targets
        return scenario
    }

    /// A province's named targets: a list of `{en: …, zh: …, year: 2030, source: …, ref: …, confidence: …}`, each
    /// sourced like any figure.
    private mutating func readTargets(_ node: Node, what: String) -> [NamedTarget] {
        guard case .sequence(let items) = node else {
            reader.diagnostics.error(
                at: reader.location(node), "\(what) is not a list", fix: "write `- {en: …, zh: …, year: …, source: …, confidence: …}`")
            return []
        }
        var targets: [NamedTarget] = []
        for item in items {
            guard let pairs = reader.mapping(item, what: what) else { continue }
            reader.rejectUnknownKeys(pairs, known: ["en", "zh"] + ProvenanceReader.keys, in: what)
            let en = pairs.first { $0.key == "en" }.flatMap { reader.string($0.value, what: "\(what).en") }
            let zh = pairs.first { $0.key == "zh" }.flatMap { reader.string($0.value, what: "\(what).zh") }
            if en == nil || zh == nil {
                reader.diagnostics.error(
                    at: reader.location(item), "a target of \(what) needs both 'en' and 'zh'", fix: "write `{en: …, zh: …}`")
            }
            let provenance = ProvenanceReader(sourceKeys: sourceKeys, wording: .dataTable)
                .read(pairs, of: item, what: "a target of \(what)", year: .single, reader: &reader)
            if let en, let zh, let provenance { targets.append(NamedTarget(text: LocalizedName(en: en, zh: zh), provenance: provenance)) }
        }
        return targets
    }

    private mutating func readLocalized(_ node: Node?, what: String) -> LocalizedName? {
        guard let node, let pairs = reader.mapping(node, what: what) else { return nil }
        reader.rejectUnknownKeys(pairs, known: ["en", "zh"], in: what)
        let en = pairs.first { $0.key == "en" }.flatMap { reader.string($0.value, what: "\(what).en") }
        let zh = pairs.first { $0.key == "zh" }.flatMap { reader.string($0.value, what: "\(what).zh") }
        guard let en, let zh else {
            reader.diagnostics.error(at: reader.location(node), "\(what) needs both 'en' and 'zh'", fix: "write `\(what): {en: …, zh: …}`")
            return nil
        }
        return LocalizedName(en: en, zh: zh)
    }

    private mutating func readLevers(_ node: Node, what: String) -> [Lever: LeverPath] {
        guard let pairs = reader.mapping(node, what: what) else { return [:] }
        var levers: [Lever: LeverPath] = [:]
        for pair in pairs {
            guard let lever = Lever(rawValue: pair.key) else {
                reader.rejectUnknownKeys([pair], known: Lever.allCases.map(\.rawValue), in: what)
                continue
            }
            if let path = readPath(pair.value, lever: lever) { levers[lever] = path }
        }
        return levers
    }

    private mutating func readPath(_ pathNode: Node, lever: Lever) -> LeverPath? {
        let spec = lever.spec
        let what = "'\(lever.rawValue)'"
        guard let pairs = reader.mapping(pathNode, what: what) else { return nil }
        reader.rejectUnknownKeys(
            pairs, known: ["unit", "values", "band", "ranges"] + ProvenanceReader.keys.filter { $0 != "year" }, in: what)
        func node(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
        for key in ["unit", "values"] where node(key) == nil {
            reader.diagnostics.error(
                at: reader.location(pathNode), "\(what) lacks '\(key)'", fix: "every lever needs unit, values, source and confidence")
        }
        // A lever's years are the keys of its values, so its provenance has no `year` of its own.
        let provenance = ProvenanceReader(sourceKeys: sourceKeys, wording: .dataTable)
            .read(pairs, of: pathNode, what: what, year: .besideTheValues, reader: &reader)
        var factor: Double?
        if let unit = reader.string(node("unit"), what: "unit of \(what)") {
            factor = spec.factor(unit)
            if factor == nil {
                reader.diagnostics.error(
                    at: reader.location(node("unit")), "wrong unit '\(unit)' for \(what) (\(spec.meaning))",
                    fix: "write it in one of: \(spec.acceptedUnits.joined(separator: ", "))")
            }
        }
        var points: [(year: Int, value: Double)] = []
        if let valuesNode = node("values"), let valuePairs = reader.mapping(valuesNode, what: "values of \(what)") {
            for pair in valuePairs {
                let year = reader.integer(pair.keyNode, what: "year in \(what)")
                guard let value = reader.number(pair.value, what: "value of \(what)"), let year else { continue }
                if let factor {
                    let converted = value * factor
                    if !spec.range.contains(converted) {
                        reader.diagnostics.error(
                            at: reader.location(pair.value),
                            "\(what) = \(value) in \(year) is outside the admissible range \(spec.range.lowerBound)…\(spec.range.upperBound) \(spec.unitSymbol)",
                            fix: "check the unit (percent values need unit '%' or '%/yr')")
                    }
                    points.append((year, converted))
                }
            }
            if valuePairs.isEmpty {
                reader.diagnostics.error(
                    at: reader.location(valuesNode), "\(what) has no values", fix: "write `values: {2020: …, 2030: …}`")
            }
        }
        guard let provenance, !points.isEmpty, let factor else { return nil }
        let ranges = readUncertainty(band: node("band"), ranges: node("ranges"), points: points, factor: factor, lever: lever)
        return LeverPath(points: points, provenance: provenance, ranges: ranges)
    }

    /// A lever's uncertainty: `band: 0.2` puts every value in value × (1 ± 0.2); `ranges: {2030: [low, high]}` gives a
    /// year's range in the lever's unit (it must contain that year's value) and wins over the band for that year.
    /// Ranges are clipped to the lever's admissible range.
    private mutating func readUncertainty(
        band bandNode: Node?, ranges rangesNode: Node?, points: [(year: Int, value: Double)], factor: Double, lever: Lever
    ) -> [Int: ClosedRange<Double>] {
        let spec = lever.spec
        let what = "'\(lever.rawValue)'"
        func clipped(_ a: Double, _ b: Double) -> ClosedRange<Double> {
            let low = min(max(min(a, b), spec.range.lowerBound), spec.range.upperBound)
            let high = max(min(max(a, b), spec.range.upperBound), spec.range.lowerBound)
            return low...high
        }
        var result: [Int: ClosedRange<Double>] = [:]
        if let bandNode, let band = reader.number(bandNode, what: "band of \(what)") {
            if (0..<1).contains(band) {
                for point in points { result[point.year] = clipped(point.value * (1 - band), point.value * (1 + band)) }
            } else {
                reader.diagnostics.error(
                    at: reader.location(bandNode), "band of \(what) is \(band); it is a relative half-width from 0 to below 1",
                    fix: "write e.g. `band: 0.2` for ±20 % of every value")
            }
        }
        guard let rangesNode, let pairs = reader.mapping(rangesNode, what: "ranges of \(what)") else { return result }
        for pair in pairs {
            guard let year = reader.integer(pair.keyNode, what: "year in the ranges of \(what)") else { continue }
            guard let point = points.first(where: { $0.year == year }) else {
                reader.diagnostics.error(
                    at: reader.location(pair.keyNode), "ranges of \(what) give \(year), which has no value",
                    fix: "give ranges only for years under values: \(points.map { String($0.year) }.joined(separator: ", "))")
                continue
            }
            guard let bounds = pair.value.sequence, bounds.count == 2,
                let low = reader.number(bounds[0], what: "low end of \(what) in \(year)"),
                let high = reader.number(bounds[1], what: "high end of \(what) in \(year)")
            else {
                reader.diagnostics.error(
                    at: reader.location(pair.value), "the range of \(what) in \(year) must be two numbers [low, high]",
                    fix: "write e.g. `\(year): [0.08, 0.12]` in the lever's unit")
                continue
            }
            let range = (low * factor)...(max(low, high) * factor)
            guard low <= high, range.contains(point.value) || abs(range.lowerBound - point.value) < 1e-12 else {
                reader.diagnostics.error(
                    at: reader.location(pair.value), "the range [\(low), \(high)] of \(what) in \(year) does not contain its value",
                    fix: "write [low, high] with low ≤ value ≤ high, in the lever's unit")
                continue
            }
            result[year] = clipped(range.lowerBound, range.upperBound)
        }
        return result
    }
}
