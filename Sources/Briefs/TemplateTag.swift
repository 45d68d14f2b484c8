/// One `{{…}}` tag of a template, found by a small scanner that also enforces the house rules:
/// no unescaped data (`{{{x}}}`/`{{&x}}` only for `…Markup` keys), no dotted names, no delimiter changes.
struct TemplateTag: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case variable, unescaped, section, inverted, close, partial, comment, pragma, other

        /// Whether the tag looks a name up in the context.
        var looksUpValue: Bool { self == .variable || self == .unescaped || self == .section || self == .inverted }
    }

    var kind: Kind
    var name: String
    var line: Int

    struct Problem: Hashable, Sendable {
        var line: Int
        var message: String
        var fix: String
    }

    /// Every tag of `text`, and every rule it breaks.
    static func scan(_ text: String) -> (tags: [TemplateTag], problems: [Problem]) {
        var tags: [TemplateTag] = []
        var problems: [Problem] = []
        let chars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        while index < chars.count {
            if chars[index] == "\n" { line += 1 }
            guard chars[index] == "{", index + 1 < chars.count, chars[index + 1] == "{" else {
                index += 1
                continue
            }
            let startLine = line
            var cursor = index + 2
            let triple = cursor < chars.count && chars[cursor] == "{"
            if triple { cursor += 1 }
            var body = ""
            while cursor + 1 < chars.count && !(chars[cursor] == "}" && chars[cursor + 1] == "}") {
                if chars[cursor] == "\n" { line += 1 }
                body.unicodeScalars.append(chars[cursor])
                cursor += 1
            }
            index = cursor + 2 + (triple ? 1 : 0)
            var kind = Kind.variable
            var name = body.trimmingSpaces()
            if triple {
                kind = .unescaped
            } else if let sigil = name.unicodeScalars.first {
                let rest = String(name.unicodeScalars.dropFirst()).trimmingSpaces()
                switch sigil {
                case "&": kind = .unescaped; name = rest
                case "#": kind = .section; name = rest
                case "^": kind = .inverted; name = rest
                case "/": kind = .close; name = rest
                case ">": kind = .partial; name = rest
                case "!": kind = .comment; name = ""
                case "%": kind = .pragma; name = rest
                case "=":
                    problems.append(
                        Problem(
                            line: startLine, message: "changing the Mustache delimiters is not supported here",
                            fix: "keep the default {{ }} delimiters"))
                    kind = .other
                case "$", "<", "*":
                    problems.append(
                        Problem(
                            line: startLine, message: "blocks, parents and dynamic partials are not used in yrdplan templates",
                            fix: "use a plain partial {{> name}}"))
                    kind = .other
                default: break
                }
            }
            if kind == .unescaped && !name.hasSuffix("Markup") {
                problems.append(
                    Problem(
                        line: startLine, message: "'\(name)' is inserted without escaping",
                        fix: "use {{\(name)}}; only chart markup (keys ending in Markup) may be inserted raw"))
            }
            if kind.looksUpValue || kind == .close, name != ".", name.contains(".") {
                problems.append(
                    Problem(
                        line: startLine, message: "dotted name '\(name)' cannot be checked for a missing value",
                        fix: "open a section instead: {{#a}}{{b}}{{/a}}"))
            }
            tags.append(TemplateTag(kind: kind, name: name, line: startLine))
        }
        return (tags, problems)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
