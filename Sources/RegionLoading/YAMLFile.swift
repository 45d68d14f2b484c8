import Diagnostics
import Foundation
import RegionModel
import Yams

/// A YAML file read into a node tree that remembers line numbers, reporting problems as diagnostics.
struct YAMLFile {
    /// The path as shown in messages (relative to the folder the user named).
    let displayPath: String
    let root: Node?

    /// Reads and parses `url`; a syntax error becomes one diagnostic at its line.
    init(url: URL, displayPath: String, diagnostics: inout DiagnosticEngine) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            diagnostics.error(
                at: SourceLocation(file: displayPath), "cannot read the file as UTF-8 text",
                fix: "save it as UTF-8")
            self.init(displayPath: displayPath, root: nil)
            return
        }
        self.init(text: text, displayPath: displayPath, diagnostics: &diagnostics)
    }

    /// A node tree already parsed (part of a file read elsewhere), named `displayPath` in messages.
    init(displayPath: String, root: Node?) {
        self.displayPath = displayPath
        self.root = root
    }

    init(text: String, displayPath: String, diagnostics: inout DiagnosticEngine) {
        self.displayPath = displayPath
        do {
            root = try Yams.compose(yaml: text)
            if root == nil {
                diagnostics.error(
                    at: SourceLocation(file: displayPath, line: 1), "the file is empty", fix: "write the data or delete the file")
            }
        } catch {
            diagnostics.report(Self.diagnostic(for: error, file: displayPath))
            root = nil
        }
    }

    /// The one mapping of a Yams parse error to a diagnostic at its line, for every YAML or JSON file read.
    static func diagnostic(for error: Error, file: String) -> Diagnostic {
        let fix = "check indentation, colons and quotes on that line (YAML syntax)"
        guard let error = error as? YamlError else {
            return .error(at: SourceLocation(file: file), "cannot parse YAML: \(error)", fix: fix)
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .error(at: SourceLocation(file: file, line: mark.line, column: mark.column), "YAML syntax error: \(problem)", fix: fix)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                at: SourceLocation(file: file, line: context.mark.line),
                "duplicated key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) in one mapping",
                fix: "keep one of them")
        default:
            return .error(at: SourceLocation(file: file), "cannot parse YAML: \(error)", fix: fix)
        }
    }

    func location(of node: Node?) -> SourceLocation {
        SourceLocation(file: displayPath, line: node?.mark?.line)
    }
}

/// Reads typed scalars out of YAML nodes, recording a diagnostic for every problem.
struct NodeReader {
    let file: YAMLFile
    var diagnostics = DiagnosticEngine()

    init(file: YAMLFile) { self.file = file }

    func location(_ node: Node?) -> SourceLocation { file.location(of: node) }

    /// The key/value pairs of a mapping, or a diagnostic if `node` is not one.
    mutating func mapping(_ node: Node?, what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            diagnostics.error(at: location(node), "\(what) must be a mapping of `key: value` lines", fix: "indent its fields under it")
            return nil
        }
        return mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// Reports every key of `pairs` that is not in `known`.
    mutating func rejectUnknownKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], known: [String], in what: String) {
        for pair in pairs where !known.contains(pair.key) {
            let suggestion = Self.closest(to: pair.key, in: known)
            diagnostics.error(
                at: location(pair.keyNode), "unknown field '\(pair.key)' in \(what)",
                fix: suggestion.map { "did you mean '\($0)'?" } ?? "known fields: \(known.joined(separator: ", "))")
        }
    }

    /// A string scalar; rejects characters XML 1.0 cannot carry (they would break the briefs).
    mutating func string(_ node: Node?, what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            diagnostics.error(at: location(node), "\(what) must be a single text value", fix: "write it on one line")
            return nil
        }
        let text = scalar.string
        if let bad = text.unicodeScalars.first(where: { !Self.isAllowedInXML($0) }) {
            diagnostics.error(
                at: location(node),
                "\(what) contains the control character U+\(String(bad.value, radix: 16, uppercase: true))",
                fix: "remove it (briefs are XML 1.0, which cannot carry it)")
            return nil
        }
        return text
    }

    /// A finite number.
    mutating func number(_ node: Node?, what: String) -> Double? {
        guard let text = string(node, what: what) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        if [".nan", ".inf", "+.inf", "-.inf", "nan", "inf", "-inf", "infinity", "-infinity"].contains(trimmed.lowercased()) {
            diagnostics.error(
                at: location(node), "\(what) is \(text), not a finite number", fix: "write the measured value, or leave the year out")
            return nil
        }
        guard let value = Double(trimmed) else {
            diagnostics.error(at: location(node), "\(what) '\(text)' is not a number", fix: "write a plain number such as 1234.5")
            return nil
        }
        guard value.isFinite else {
            diagnostics.error(
                at: location(node), "\(what) is \(text), not a finite number", fix: "write the measured value, or leave the year out")
            return nil
        }
        return value
    }

    /// A whole number (a year).
    mutating func integer(_ node: Node?, what: String) -> Int? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            diagnostics.error(at: location(node), "\(what) '\(text)' is not a whole number", fix: "write e.g. 2019")
            return nil
        }
        return value
    }

    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The known key closest to `key` by edit distance, if it is close enough to be a typo.
    static func closest(to key: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, key.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
