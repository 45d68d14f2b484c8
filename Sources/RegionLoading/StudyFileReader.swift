import Diagnostics
import Foundation
import RegionModel
import Yams

/// Reads a study file (`Studies/*.yaml`) into a `StudyDefinition`, checking it against `StudySchema` and reporting
/// every problem at once as `file:line: what — fix`. Names are checked against the model when the study is planned.
public struct StudyFileReader {
    var reader: NodeReader

    init(file: YAMLFile) { reader = NodeReader(file: file) }

    /// Reads the study file at `url`; `displayPath` names it in messages.
    public static func read(contentsOf url: URL, displayPath: String) throws(DiagnosticsError) -> StudyDefinition {
        var diagnostics = DiagnosticEngine()
        let file = YAMLFile(url: url, displayPath: displayPath, diagnostics: &diagnostics)
        var studyReader = StudyFileReader(file: file)
        let definition = studyReader.read()
        diagnostics.absorb(studyReader.reader.diagnostics)
        try diagnostics.failIfErrors()
        guard let definition else {
            throw DiagnosticsError([.error(at: SourceLocation(file: displayPath), "the study file cannot be read", fix: nil)])
        }
        return definition
    }

    typealias Pairs = [(key: String, keyNode: Node, value: Node)]

    mutating func read() -> StudyDefinition? {
        guard let root = reader.file.root, let pairs = reader.mapping(root, what: "a study file") else { return nil }
        reader.rejectUnknownKeys(pairs, known: StudySchema.keys(under: []), in: "the study file")
        let top = reader.location(root)
        for field in StudySchema.fields where field.required && field.path.count == 1 && value(pairs, field.path[0]) == nil {
            reader.diagnostics.error(
                at: top, "missing field '\(field.dottedPath)' (\(field.meaning.lowercased()))",
                fix: "see docs/studies.md for the study format")
        }
        var locations: [String: SourceLocation] = [:]
        for pair in pairs { locations[pair.key] = reader.location(pair.keyNode) }

        let name = reader.string(value(pairs, "name"), what: "name")
        if let name, !RegionID.isValid(name) {
            reader.diagnostics.error(
                at: reader.location(value(pairs, "name")), "study name '\(name)' is not lowercase [a-z0-9-]",
                fix: "the name becomes the store's folder name")
        }
        let title = reader.string(value(pairs, "title"), what: "title") ?? ""
        let computations = readEnumList(value(pairs, "runs"), what: "runs", as: StudyComputation.self).map(\.value)

        let axes = section(pairs, "axes")
        let scenarios = readNames(value(axes, "scenarios"), what: "axes.scenarios")
        let variants = readNames(value(axes, "grid_variants"), what: "axes.grid_variants")
        let agreements = readNames(value(axes, "agreements"), what: "axes.agreements")
        var years: [Int] = []
        for node in sequence(value(axes, "years"), what: "axes.years") {
            guard let year = reader.integer(node, what: "a year of axes.years") else { continue }
            if !(2000...2100).contains(year) {
                reader.diagnostics.error(at: reader.location(node), "year \(year) is outside 2000–2100", fix: "write a year such as 2030")
            } else if years.contains(year) {
                reader.diagnostics.error(at: reader.location(node), "year \(year) is listed twice", fix: "list each year once")
            } else {
                years.append(year)
            }
        }

        let drawPairs = section(pairs, "draws")
        var draws = StudyDraws()
        if let count = integer(drawPairs, "count", what: "draws.count", in: 1...100_000) { draws.count = count }
        if let seedNode = value(drawPairs, "seed"), let text = reader.string(seedNode, what: "draws.seed") {
            if let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) {
                draws.seed = seed
            } else {
                reader.diagnostics.error(
                    at: reader.location(seedNode), "draws.seed '\(text)' is not a whole number ≥ 0", fix: "write e.g. seed: 42")
            }
        }
        draws.demandSpread = spread(drawPairs, "demand_spread") ?? 0
        draws.leverSpread = spread(drawPairs, "lever_spread") ?? 0
        draws.agreementSpread = spread(drawPairs, "agreement_spread") ?? 0

        let collected = readEnumList(value(pairs, "collect"), what: "collect", as: StudyTable.self)
        var tables = collected.map(\.value)
        if value(pairs, "collect") == nil {
            tables = StudyTable.allCases.filter { computations.contains($0.computation) }
        }
        for (table, node) in collected where !computations.contains(table.computation) {
            reader.diagnostics.error(
                at: reader.location(node), "collect lists '\(table.rawValue)', but runs has no \(table.computation.rawValue)",
                fix: "add \(table.computation.rawValue) to runs or drop the table")
        }
        let retries = integer(pairs, "retries", what: "retries", in: 0...10) ?? 2

        let slurmPairs = section(pairs, "slurm")
        var slurm = StudySlurmResources()
        slurm.partition = slurmText(slurmPairs, "partition", pattern: "^[A-Za-z0-9_.-]+$", example: "debug")
        slurm.cpusPerTask = integer(slurmPairs, "cpus", what: "slurm.cpus", in: 1...1024) ?? 1
        slurm.memory = slurmText(slurmPairs, "mem", pattern: "^[0-9]+[KMGT]?$", example: "1G")
        slurm.time = slurmText(slurmPairs, "time", pattern: "^([0-9]+-)?[0-9]+(:[0-9]{2}){0,2}$", example: "00:10:00")
        slurm.chunkSize = integer(slurmPairs, "chunk_size", what: "slurm.chunk_size", in: 1...100_000) ?? 10
        slurm.maxParallel = integer(slurmPairs, "max_parallel", what: "slurm.max_parallel", in: 1...100_000)

        checkAxes(computations, scenarios: scenarios, variants: variants, agreements: agreements, locations: locations, top: top)
        guard !reader.diagnostics.hasErrors, let name else { return nil }
        return StudyDefinition(
            name: name, title: title, scenarios: scenarios, years: years, gridVariants: variants, agreements: agreements,
            draws: draws, computations: computations, tables: tables, retries: retries, slurm: slurm, file: reader.file.displayPath,
            sectionLocations: locations)
    }

    /// Every run needs its axis: a dispatch its grid variants, a projection its scenarios, a check or game its agreements.
    private mutating func checkAxes(
        _ computations: [StudyComputation], scenarios: [StudyName], variants: [StudyName], agreements: [StudyName],
        locations: [String: SourceLocation], top: SourceLocation
    ) {
        let at = locations["runs"] ?? top
        if computations.contains(.dispatch) && variants.isEmpty {
            reader.diagnostics.error(at: at, "runs has dispatch, but axes.grid_variants is empty", fix: "list grid variants, e.g. [policy]")
        }
        if computations.contains(.projection) && scenarios.isEmpty {
            reader.diagnostics.error(at: at, "runs has projection, but axes.scenarios is empty", fix: "list scenarios, e.g. [baseline]")
        }
        for computation in [StudyComputation.check, .game] where computations.contains(computation) && agreements.isEmpty {
            reader.diagnostics.error(
                at: at, "runs has \(computation.rawValue), but axes.agreements is empty", fix: "list agreement ids, e.g. [joint-fund]")
        }
    }

    // MARK: Reading helpers

    private func value(_ pairs: Pairs, _ key: String) -> Node? { pairs.first { $0.key == key }?.value }

    /// The key/value pairs of a section, its keys checked against the schema (empty when absent).
    private mutating func section(_ pairs: Pairs, _ key: String) -> Pairs {
        guard let node = value(pairs, key), let section = reader.mapping(node, what: key) else { return [] }
        reader.rejectUnknownKeys(section, known: StudySchema.keys(under: [key]), in: key)
        return section
    }

    /// The items of a YAML list (`[a, b]` or `- a` lines); nothing when absent.
    private mutating func sequence(_ node: Node?, what: String) -> [Node] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            reader.diagnostics.error(
                at: reader.location(node), "\(what) must be a list", fix: "write it as [a, b] or one `- a` line per item")
            return []
        }
        return Array(items)
    }

    private mutating func readNames(_ node: Node?, what: String) -> [StudyName] {
        var names: [StudyName] = []
        for item in sequence(node, what: what) {
            guard let text = reader.string(item, what: "an item of \(what)") else { continue }
            if names.contains(where: { $0.value == text }) {
                reader.diagnostics.error(at: reader.location(item), "'\(text)' is listed twice in \(what)", fix: "list each name once")
                continue
            }
            names.append(StudyName(text, at: reader.location(item)))
        }
        return names
    }

    private mutating func readEnumList<E: RawRepresentable & CaseIterable & Equatable>(
        _ node: Node?, what: String, as type: E.Type
    ) -> [(value: E, node: Node)] where E.RawValue == String {
        var values: [(value: E, node: Node)] = []
        let known = E.allCases.map(\.rawValue)
        for item in sequence(node, what: what) {
            guard let text = reader.string(item, what: "an item of \(what)") else { continue }
            guard let value = E(rawValue: text) else {
                let suggestion = NodeReader.closest(to: text, in: known)
                reader.diagnostics.error(
                    at: reader.location(item), "unknown entry '\(text)' in \(what)",
                    fix: suggestion.map { "did you mean '\($0)'?" } ?? "use one of: \(known.joined(separator: ", "))")
                continue
            }
            if values.contains(where: { $0.value == value }) {
                reader.diagnostics.error(at: reader.location(item), "'\(text)' is listed twice in \(what)", fix: "list it once")
            } else {
                values.append((value, item))
            }
        }
        if let node, node.sequence?.isEmpty == true {
            reader.diagnostics.error(
                at: reader.location(node), "\(what) is empty", fix: "list at least one of: \(known.joined(separator: ", "))")
        }
        return values
    }

    private mutating func integer(_ pairs: Pairs, _ key: String, what: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = value(pairs, key), let number = reader.integer(node, what: what) else { return nil }
        guard range.contains(number) else {
            reader.diagnostics.error(
                at: reader.location(node), "\(what) = \(number) is outside \(range.lowerBound)…\(range.upperBound)",
                fix: "write a whole number in that range")
            return nil
        }
        return number
    }

    private mutating func spread(_ pairs: Pairs, _ key: String) -> Double? {
        guard let node = value(pairs, key), let number = reader.number(node, what: "draws.\(key)") else { return nil }
        guard (0...0.9).contains(number) else {
            reader.diagnostics.error(
                at: reader.location(node), "draws.\(key) = \(number) is outside 0…0.9",
                fix: "write a fraction: 0.05 perturbs by up to ±5%")
            return nil
        }
        return number
    }

    private mutating func slurmText(_ pairs: Pairs, _ key: String, pattern: String, example: String) -> String? {
        guard let node = value(pairs, key), let text = reader.string(node, what: "slurm.\(key)") else { return nil }
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            reader.diagnostics.error(
                at: reader.location(node), "slurm.\(key) '\(text)' is not as sbatch expects it", fix: "write it like \(example)")
            return nil
        }
        return text
    }
}
