import Diagnostics
import RegionModel
import Yams

/// Reads one YAML mapping of an agreement or game file, reporting every problem with its
/// `file:line` into a shared diagnostic engine instead of stopping at the first.
struct AgreementYAMLCursor {
    let node: Node
    let file: String
    /// Keys read so far, to report unknown keys at the end.
    private(set) var used: Set<String> = []

    init(_ node: Node, file: String) {
        self.node = node
        self.file = file
    }

    static func location(of node: Node, in file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.map(\.line))
    }

    var location: SourceLocation { Self.location(of: node, in: file) }

    /// The value of `key`, reporting its absence when `required`.
    mutating func value(_ key: String, required: Bool = true, _ diagnostics: inout DiagnosticEngine) -> Node? {
        used.insert(key)
        guard let mapping = node.mapping else { return nil }
        if let found = mapping[key] { return found }
        if required { diagnostics.error(at: location, "missing `\(key)`", fix: "add `\(key):` to this mapping") }
        return nil
    }

    /// Reports keys this reader does not know (typos).
    func reportUnknownKeys(_ diagnostics: inout DiagnosticEngine) {
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            guard let name = key.string, !used.contains(name) else { continue }
            diagnostics.error(
                at: Self.location(of: key, in: file), "unknown key `\(name)`",
                fix: "expected one of: \(used.sorted().joined(separator: ", "))")
        }
    }

    mutating func string(_ key: String, required: Bool = true, _ diagnostics: inout DiagnosticEngine) -> String? {
        guard let v = value(key, required: required, &diagnostics) else { return nil }
        guard case .scalar(let scalar) = v else {
            diagnostics.error(at: Self.location(of: v, in: file), "`\(key)` must be text")
            return nil
        }
        if let bad = scalar.string.unicodeScalars.first(where: { !NodeReader.isAllowedInXML($0) }) {
            diagnostics.error(
                at: Self.location(of: v, in: file),
                "`\(key)` contains the control character U+\(String(bad.value, radix: 16, uppercase: true))",
                fix: "remove it (briefs are XML 1.0, which cannot carry it)")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ key: String, range: ClosedRange<Int>, _ diagnostics: inout DiagnosticEngine) -> Int? {
        guard let v = value(key, &diagnostics) else { return nil }
        guard let i = v.int, range.contains(i) else {
            diagnostics.error(
                at: Self.location(of: v, in: file), "`\(key)` must be a whole number in \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return i
    }

    /// A province id that must be one of `known`.
    static func province(_ node: Node, file: String, known: Set<String>, _ diagnostics: inout DiagnosticEngine) -> String? {
        guard let id = node.string else {
            diagnostics.error(at: location(of: node, in: file), "a province id must be text")
            return nil
        }
        guard known.contains(id) else {
            diagnostics.error(
                at: location(of: node, in: file), "unknown province `\(id)`",
                fix: "use one of: \(known.sorted().joined(separator: ", "))")
            return nil
        }
        return id
    }

    /// A plain finite number.
    static func number(_ node: Node, file: String, what: String, _ diagnostics: inout DiagnosticEngine) -> Double? {
        guard case .scalar(let scalar) = node, let x = parseNumber(scalar.string) else {
            diagnostics.error(at: location(of: node, in: file), "\(what) must be a number")
            return nil
        }
        guard x.isFinite else {
            diagnostics.error(
                at: location(of: node, in: file), "\(what) is not a finite number (\(scalar.string))",
                fix: "write a finite value")
            return nil
        }
        return x
    }

    /// Numbers as JSON or YAML write them, including YAML's `.inf` and `.nan`.
    static func parseNumber(_ text: String) -> Double? {
        switch text.lowercased() {
        case ".inf", "+.inf", "infinity", "+infinity", "inf": return .infinity
        case "-.inf", "-infinity", "-inf": return -.infinity
        case ".nan", "nan": return .nan
        default: return Double(text)
        }
    }

    /// A number with provenance: `{value, unit, source, ref?, year?, confidence, note?}`.
    static func figure(_ node: Node, file: String, field: String, units: [String], _ diagnostics: inout DiagnosticEngine)
        -> AgreementFigure?
    {
        guard node.mapping != nil else {
            diagnostics.error(
                at: location(of: node, in: file), "`\(field)` must be a mapping with value, unit, source and confidence",
                fix: "write `\(field): {value: …, unit: \(units[0]), source: …, confidence: sourced|estimate|synthetic}`")
            return nil
        }
        var c = AgreementYAMLCursor(node, file: file)
        let valueNode = c.value("value", &diagnostics)
        let value = valueNode.flatMap { number($0, file: file, what: "`\(field).value`", &diagnostics) }
        let unit = c.string("unit", &diagnostics)
        if let unit, !units.contains(unit) {
            diagnostics.error(
                at: c.location, "`\(field)` has unit `\(unit)`", fix: "write it in \(units.map { "`\($0)`" }.joined(separator: " or "))")
        }
        let source = c.string("source", &diagnostics)
        let reference = c.string("ref", required: false, &diagnostics)
        let year = c.string("year", &diagnostics)
        let note = c.string("note", required: false, &diagnostics)
        var confidence: Confidence?
        if let text = c.string("confidence", &diagnostics) {
            confidence = Confidence(rawValue: text)
            if confidence == nil {
                diagnostics.error(at: c.location, "`\(field).confidence` is `\(text)`", fix: "use sourced, estimate or synthetic")
            }
        }
        if let confidence, confidence != .sourced, note == nil {
            diagnostics.error(at: c.location, "`\(field)` is \(confidence.rawValue) but has no note", fix: "add `note:` with the reasoning")
        }
        if confidence == .sourced, reference == nil {
            diagnostics.error(
                at: c.location, "`\(field)` is sourced but names no fact-sheet row", fix: "add `ref:` (e.g. bsh-013) or mark it estimate")
        }
        c.reportUnknownKeys(&diagnostics)
        guard let value, let unit, let source, let confidence else { return nil }
        return AgreementFigure(
            value: value, unit: unit, source: source, reference: reference, year: year,
            confidence: confidence, note: note, location: c.location)
    }
}
