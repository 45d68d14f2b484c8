import Diagnostics

/// The wording of one language, from `Templates/i18n/<lang>.yaml`: flat keys (nested YAML keys joined
/// with `_`) to text, where `{name}` marks a value filled in by the brief builder.
public struct StringTable: Hashable, Sendable {
    /// The language code (`zh-CN`, `en`), also the page's `lang`.
    public var language: String
    /// The file the strings were read from, for messages.
    public var file: String
    public var strings: [String: String]
    /// The line of each key in `file`.
    public var lines: [String: Int]

    public init(language: String, file: String, strings: [String: String], lines: [String: Int] = [:]) {
        self.language = language
        self.file = file
        self.strings = strings
        self.lines = lines
    }

    /// Reports keys present in one table and absent from another: every language must say everything.
    public static func compareKeys(_ tables: [StringTable]) -> [Diagnostic] {
        let all = tables.reduce(into: Set<String>()) { $0.formUnion($1.strings.keys) }
        var found: [Diagnostic] = []
        for table in tables {
            for key in all.subtracting(table.strings.keys).sorted() {
                let other = tables.first { $0.strings[key] != nil }!
                found.append(
                    .error(
                        at: SourceLocation(file: table.file),
                        "string '\(key)' is missing (it exists in \(other.file):\(other.lines[key] ?? 0))",
                        fix: "add '\(key)' to \(table.file)"))
            }
        }
        return found
    }
}

/// Looks strings up while a brief is built and collects every missing key or placeholder, so that a
/// build reports all of them at once.
public final class Localizer: @unchecked Sendable {
    // Used by one build on one thread.
    public let table: StringTable
    public private(set) var diagnostics = DiagnosticEngine()

    public init(_ table: StringTable) { self.table = table }

    public var language: String { table.language }

    /// The text of `key` with `{name}` placeholders replaced from `values`; a missing key or value is
    /// recorded (and the key itself returned so that rendering can continue to find more problems).
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let pattern = table.strings[key] else {
            diagnostics.error(
                at: SourceLocation(file: table.file), "string '\(key)' is missing",
                fix: "add '\(key)' to \(table.file)")
            return key
        }
        return fill(pattern, key: key, values: values)
    }

    /// Whether the table has `key` (for optional wording such as per-scenario descriptions).
    public func has(_ key: String) -> Bool { table.strings[key] != nil }

    private func fill(_ pattern: String, key: String, values: [String: String]) -> String {
        var out = ""
        var name: String?
        for character in pattern {
            if character == "{" && name == nil {
                name = ""
            } else if character == "}", let current = name {
                if let value = values[current] {
                    out += value
                } else {
                    diagnostics.error(
                        at: SourceLocation(file: table.file, line: table.lines[key]),
                        "string '\(key)' uses {\(current)}, which the brief does not provide",
                        fix: "use one of: \(values.keys.sorted().map { "{\($0)}" }.joined(separator: ", "))")
                    out += "{\(current)}"
                }
                name = nil
            } else if name != nil {
                name! += String(character)
            } else {
                out.append(character)
            }
        }
        if let name { out += "{" + name }
        return out
    }
}
