import Diagnostics
import Foundation
import RegionModel
import Yams

/// Reads the provenance of a number — `source`, `ref`, `year`, `confidence`, `note` — from a YAML mapping, with
/// one rule set for every file of `Regions/` (province series, scenario levers, the grid, the agreements):
///
/// - `source` is a key of `Regions/sources.yaml`;
/// - `confidence` is sourced, estimate or synthetic;
/// - a sourced number names its fact-sheet row in `ref`;
/// - a number that is not sourced says in a non-blank `note` how it was made;
/// - every number has a `year` (the year it describes), unless its years are written beside the values;
/// - a judgement's `range: [low, high]` is ordered, and only a number that is not sourced has one;
/// - where kinds of estimate are enforced (province files), an estimate is either a derivation
///   (`derived: {formula, inputs}`, recomputed by the province reader) or a judgement with a `range`.
///
/// Problems go into the `NodeReader`'s diagnostics at the line of the offending key.
struct ProvenanceReader {
    /// The keys of a provenance block, for the readers' lists of known keys.
    static let keys = DataSchema.provenanceKeys
    /// Years a number may describe.
    static let admissibleYears = 1950...2100

    /// How a kind of file gives the year a number describes.
    enum YearRule: Equatable {
        /// `year: 2022` in the same mapping (a series entry, a grid entry).
        case single
        /// `year: "2022"` or a span `year: "2020-2022"` (an agreement figure).
        case singleOrSpan
        /// The years are the keys of the values (a scenario lever); no `year` field is read.
        case besideTheValues
        /// The number is a term of an agreement (a split), which describes no year; no `year` field is read.
        case describesNoYear

        /// Whether a `year` field is read (and required).
        var readsYear: Bool { self == .single || self == .singleOrSpan }
    }

    /// How messages quote names: the tables of `Regions/` write 'name', agreement and game files `name`
    /// (the wording of each family is pinned by the command-line tests, so it is kept).
    enum Wording {
        case dataTable
        case agreement
    }

    /// The keys of `Regions/sources.yaml`; `nil` when the catalogue is not at hand (the source is then checked later).
    let sourceKeys: Set<String>?
    let wording: Wording
    /// Whether an estimate must say which kind it is: a derivation (`derived:`) or a judgement (`range:`).
    var enforcesKindsOfEstimate = false

    /// Reads the provenance written among `pairs`, the fields of the mapping `node`. `what` names the number in
    /// messages. Returns `nil` when a part is missing or wrong (every problem is reported).
    func read(
        _ pairs: [(key: String, keyNode: Node, value: Node)], of node: Node, what: String, year rule: YearRule,
        reader: inout NodeReader
    ) -> Provenance? {
        func field(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
        let required = ["source", "confidence"] + (rule.readsYear ? ["year"] : [])
        let missing = required.filter { field($0) == nil }
        if !missing.isEmpty { reportMissing(missing, what: what, at: node, reader: &reader) }

        let source = reader.string(field("source"), what: "source of \(what)")
        if let source, let sourceKeys, !sourceKeys.contains(source) {
            reportUnknownSource(source, at: field("source"), known: sourceKeys, reader: &reader)
        }
        let reference = reader.string(field("ref"), what: "ref of \(what)").flatMap(Self.nonBlank)
        let note = reader.string(field("note"), what: "note of \(what)").flatMap(Self.nonBlank)
        let years = !rule.readsYear ? nil : readYears(field("year"), rule: rule, what: what, reader: &reader)
        let range = field("range").flatMap { readRange($0, what: what, reader: &reader) }
        let derivation = field("derived").flatMap { readDerivation($0, what: what, reader: &reader) }

        var confidence: Confidence?
        if let text = reader.string(field("confidence"), what: "confidence of \(what)") {
            confidence = Confidence(rawValue: text)
            if confidence == nil {
                reader.diagnostics.error(
                    at: reader.location(field("confidence")),
                    "confidence \(quote(text)) of \(what) is not one of sourced, estimate, synthetic",
                    fix: "use sourced for published numbers, estimate for derived ones, synthetic for made-up ones")
            }
        }
        if let confidence, confidence != .sourced, note == nil {
            reader.diagnostics.error(
                at: reader.location(field("confidence")), "\(what) is \(confidence.rawValue) but has no note",
                fix: "add `note:` with the reasoning behind the number")
        }
        if confidence == .sourced, reference == nil {
            reportSourcedWithoutRow(what: what, at: field("confidence"), reader: &reader)
        }
        checkKind(
            confidence, what: what, at: field("confidence"), range: field("range"), derived: field("derived"), reader: &reader)
        let sourceIsKnown = source.map { sourceKeys?.contains($0) ?? true } ?? false
        guard let source, sourceIsKnown, let confidence, missing.isEmpty,
            confidence == .sourced ? reference != nil : note != nil,
            !rule.readsYear || years != nil
        else { return nil }
        return Provenance(
            source: source, reference: reference, confidence: confidence, note: note, years: years, range: range,
            derivation: derivation, location: reader.location(node))
    }

    /// `text` unless it is empty or only white space.
    static func nonBlank(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }

    /// Parses `2022` or `2020-2022` (also with an en dash); `nil` when it is neither.
    static func parseYears(_ text: String, allowSpan: Bool) -> ClosedRange<Int>? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "–", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        switch numbers.count {
        case 1: return numbers[0]...numbers[0]
        case 2 where allowSpan && numbers[0] <= numbers[1]: return numbers[0]...numbers[1]
        default: return nil
        }
    }

    // MARK: - Parts

    /// `range: [low, high]`, two finite numbers in order.
    private func readRange(_ node: Node, what: String, reader: inout NodeReader) -> ClosedRange<Double>? {
        let numbers = node.sequence?.compactMap { reader.number($0, what: "range of \(what)") }
        guard let numbers, numbers.count == 2, node.sequence?.count == 2, numbers[0] <= numbers[1] else {
            reader.diagnostics.error(
                at: reader.location(node), "the range of \(what) is not [low, high]",
                fix: "write the judgement's range as two numbers in order, e.g. `range: [90, 110]`, in the number's unit")
            return nil
        }
        return numbers[0]...numbers[1]
    }

    /// `derived: {formula: "…", inputs: [...]}`; a formula that does not parse is reported at its line.
    private func readDerivation(_ node: Node, what: String, reader: inout NodeReader) -> Derivation? {
        guard let pairs = reader.mapping(node, what: "derivation of \(what)") else { return nil }
        reader.rejectUnknownKeys(pairs, known: ["formula", "inputs"], in: "the derivation of \(what)")
        let formulaNode = pairs.first { $0.key == "formula" }?.value
        guard let formula = reader.string(formulaNode, what: "formula of \(what)") else {
            reader.diagnostics.error(
                at: reader.location(node), "the derivation of \(what) has no formula",
                fix: "write `formula:` over rows of this file, e.g. \"electricity.generation.coal[2020] * 0.95\"")
            return nil
        }
        var inputs: [String] = []
        if let inputsNode = pairs.first(where: { $0.key == "inputs" })?.value {
            if let items = inputsNode.sequence {
                inputs = items.compactMap { reader.string($0, what: "input of \(what)") }
            } else {
                reader.diagnostics.error(
                    at: reader.location(inputsNode), "the inputs of \(what) must be a list",
                    fix: "list the references of the published constants in the formula, e.g. [co2-034, ser-3-ah-wind-2020]")
            }
        }
        do {
            return Derivation(formula: formula, expression: try Expression.parse(formula), inputs: inputs)
        } catch {
            reader.diagnostics.error(
                at: reader.location(formulaNode), "the formula of \(what) cannot be read: \(error)",
                fix: "use numbers, rows such as emissions.steel.direct[2019], + - * / and parentheses (docs/data.md)")
            return nil
        }
    }

    /// A sourced number is neither derived nor judged; where enforced, an estimate is exactly one of the two.
    private func checkKind(
        _ confidence: Confidence?, what: String, at node: Node?, range: Node?, derived: Node?, reader: inout NodeReader
    ) {
        guard let confidence else { return }
        if confidence == .sourced, range != nil || derived != nil {
            reader.diagnostics.error(
                at: reader.location(node), "\(what) is sourced but also has a \(derived != nil ? "derivation" : "range")",
                fix: "a published number is used as published: remove `\(derived != nil ? "derived" : "range")`, or mark it estimate")
        }
        guard enforcesKindsOfEstimate, confidence == .estimate else { return }
        if range == nil && derived == nil {
            reader.diagnostics.error(
                at: reader.location(node), "\(what) is an estimate that is neither derived nor judged",
                fix: "write `derived: {formula: …}` when it is computed from other rows, else a judgement `range: [low, high]`")
        } else if range != nil && derived != nil {
            reader.diagnostics.error(
                at: reader.location(node), "\(what) is both derived and judged",
                fix: "keep `derived:` when the formula gives the value, else keep `range:`")
        }
    }

    private func readYears(_ node: Node?, rule: YearRule, what: String, reader: inout NodeReader) -> ClosedRange<Int>? {
        guard let text = reader.string(node, what: "year of \(what)") else { return nil }
        guard let years = Self.parseYears(text, allowSpan: rule == .singleOrSpan) else {
            reader.diagnostics.error(
                at: reader.location(node), "year \(quote(text)) of \(what) is not a year",
                fix: rule == .singleOrSpan
                    ? "write the year it describes, e.g. \"2022\", or a span such as \"2020-2022\"" : "write e.g. 2019")
            return nil
        }
        guard Self.admissibleYears.contains(years.lowerBound), Self.admissibleYears.contains(years.upperBound) else {
            reader.diagnostics.error(
                at: reader.location(node),
                "year \(text) of \(what) is outside \(Self.admissibleYears.lowerBound)–\(Self.admissibleYears.upperBound)",
                fix: "check the year")
            return nil
        }
        return years
    }

    private func reportMissing(_ keys: [String], what: String, at node: Node, reader: inout NodeReader) {
        switch wording {
        case .dataTable:
            reader.diagnostics.error(
                at: reader.location(node), "\(what) lacks \(keys.joined(separator: ", "))",
                fix: "every number needs source, year and confidence (and ref when sourced, a note when not)")
        case .agreement:
            for key in keys {
                reader.diagnostics.error(at: reader.location(node), "missing `\(key)`", fix: "add `\(key):` to this mapping")
            }
        }
    }

    private func reportUnknownSource(_ source: String, at node: Node?, known: Set<String>, reader: inout NodeReader) {
        reader.diagnostics.report(unknownSource(source, at: reader.location(node)))
    }

    /// The problem of a source key that `Regions/sources.yaml` does not list (also for callers that check the
    /// source after reading, when the catalogue was not at hand while reading).
    func unknownSource(_ source: String, at location: SourceLocation?) -> Diagnostic {
        switch wording {
        case .dataTable:
            let suggestion = NodeReader.closest(to: source, in: (sourceKeys ?? []).sorted())
            return .error(
                at: location ?? SourceLocation(file: ""), "unknown source '\(source)'",
                fix: suggestion.map { "did you mean '\($0)'? (sources are listed in Regions/sources.yaml)" }
                    ?? "add it to Regions/sources.yaml or use an existing key")
        case .agreement:
            return .error(
                at: location ?? SourceLocation(file: ""), "unknown source key `\(source)`",
                fix: "use a key of Regions/sources.yaml (e.g. yrdplan-estimate for assumptions)")
        }
    }

    private func reportSourcedWithoutRow(what: String, at node: Node?, reader: inout NodeReader) {
        switch wording {
        case .dataTable:
            reader.diagnostics.error(
                at: reader.location(node), "\(what) is marked sourced without a fact-sheet row",
                fix: "add `ref:` (the row id in shared/reference/yrd-facts.md) or mark it estimate with a note")
        case .agreement:
            reader.diagnostics.error(
                at: reader.location(node), "\(what) is sourced but names no fact-sheet row",
                fix: "add `ref:` (e.g. bsh-013) or mark it estimate")
        }
    }

    private func quote(_ text: String) -> String {
        switch wording {
        case .dataTable: "'\(text)'"
        case .agreement: "`\(text)`"
        }
    }
}
