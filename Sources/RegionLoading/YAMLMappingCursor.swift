import Diagnostics
import RegionModel
import Yams

/// Walks one YAML mapping key by key (of an agreement or an explicit game file), reporting every problem with
/// its `file:line` into a shared diagnostic engine instead of stopping at the first, and at the end every key
/// that nobody asked for.
struct YAMLMappingCursor {
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

    /// Marks `keys` as read by someone else (e.g. the provenance keys that `ProvenanceReader` reads).
    mutating func markRead(_ keys: [String]) { used.formUnion(keys) }

    /// Reports every key that `table` does not list (typos), suggesting the known ones; every key read so far
    /// must be in the table, which is the single place that says which fields exist.
    func reportUnknownKeys(allowedBy table: SchemaTable, _ diagnostics: inout DiagnosticEngine) {
        let known = table.knownKeys
        assert(used.isSubset(of: known), "the schema table '\(table.name)' lacks \(used.subtracting(known).sorted())")
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            guard let name = key.string, !known.contains(name) else { continue }
            let suggestion = NodeReader.closest(to: name, in: known)
            diagnostics.error(
                at: Self.location(of: key, in: file), "unknown key `\(name)`",
                fix: suggestion.map { "did you mean `\($0)`?" } ?? "expected one of: \(known.joined(separator: ", "))")
        }
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
}
