import Diagnostics
import Foundation
import XMLSupport
import Yams

// The only file of Briefs that reads disk: loading `Templates/`. Every problem of every file is
// collected and reported together with `file:line`.

extension TemplateSet {
    /// The string tables read, in this order (the first is the language of the landing page).
    public static let languages = ["zh-CN", "en"]

    /// Loads `directory` (the project's `Templates/`); `displayRoot` prefixes paths in messages.
    public static func load(from directory: URL, displayRoot: String = "Templates") throws(DiagnosticsError) -> TemplateSet {
        var diagnostics = DiagnosticEngine()
        func display(_ relative: String) -> String { "\(displayRoot)/\(relative)" }
        func read(_ relative: String) -> String? {
            let url = directory.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.error(at: SourceLocation(file: display(relative)), "file is missing", fix: "restore it from git")
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.error(at: SourceLocation(file: display(relative)), "file is not UTF-8", fix: "save it as UTF-8")
                return nil
            }
            return text
        }

        var templates: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var relativePaths: [String] = []
        while let path = enumerator?.nextObject() as? String { relativePaths.append(path) }
        for path in relativePaths.sorted() where path.hasSuffix(".mustache") {
            if let text = read(path) { templates[String(path.dropLast(".mustache".count))] = text }
        }
        var library: TemplateLibrary?
        do {
            library = try TemplateLibrary(templates: templates, file: { display("\($0).mustache") })
        } catch {
            diagnostics.absorb(error)
        }

        var tables: [StringTable] = []
        for language in languages {
            let relative = "i18n/\(language).yaml"
            guard let text = read(relative) else { continue }
            let (table, problems) = parseStringTable(text, language: language, file: display(relative))
            problems.forEach { diagnostics.report($0) }
            if let table { tables.append(table) }
        }
        StringTable.compareKeys(tables).forEach { diagnostics.report($0) }

        let schemaText = read("schema/brief.xsd") ?? ""
        var schema: XMLSchema?
        if !schemaText.isEmpty {
            do { schema = try XMLSchema(text: schemaText, file: display("schema/brief.xsd")) } catch { diagnostics.absorb(error) }
        }
        let stylesheet = read("css/site.css") ?? ""
        XMLCharacters.diagnostics(in: stylesheet, file: display("css/site.css")).forEach { diagnostics.report($0) }
        var layout = MapLayout()
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("map.yaml").path), let text = read("map.yaml") {
            let (parsed, problems) = parseMapLayout(text, file: display("map.yaml"))
            problems.forEach { diagnostics.report($0) }
            layout = parsed
        }
        try diagnostics.failIfErrors()
        return TemplateSet(
            library: library!, tables: tables, schema: schema!, schemaText: schemaText, stylesheet: stylesheet, mapLayout: layout)
    }

    /// Parses `map.yaml`: a mapping of place ids to `[x, y]` in map units (0…640 × 0…360).
    static func parseMapLayout(_ text: String, file: String) -> (MapLayout, [Diagnostic]) {
        var problems: [Diagnostic] = []
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            return (MapLayout(), [.error(at: SourceLocation(file: file), "not valid YAML: \(error)", fix: "fix the syntax")])
        }
        guard let mapping = node?.mapping else {
            return (
                MapLayout(),
                node == nil
                    ? [] : [.error(at: SourceLocation(file: file, line: 1), "map.yaml must be a mapping", fix: "write `id: [x, y]` lines")]
            )
        }
        var positions: [String: MapLayout.Point] = [:]
        for (key, value) in mapping {
            let line = key.mark.map { $0.line }
            let id = key.string ?? ""
            let numbers = value.sequence?.compactMap { $0.float } ?? []
            guard SafeID.isValid(id), numbers.count == 2, (0...640).contains(numbers[0]), (0...360).contains(numbers[1]) else {
                problems.append(
                    .error(
                        at: SourceLocation(file: file, line: line), "'\(id)' needs a position [x, y] inside the 640 × 360 map",
                        fix: "write e.g. `shanghai: [540, 180]` (x 0…640 to the east, y 0…360 to the south)"))
                continue
            }
            positions[id] = MapLayout.Point(x: numbers[0], y: numbers[1])
        }
        return (MapLayout(positions: positions), problems)
    }

    /// Parses one string table: a YAML mapping of keys to strings (nested mappings join keys with `_`).
    static func parseStringTable(_ text: String, language: String, file: String) -> (StringTable?, [Diagnostic]) {
        var problems = XMLCharacters.diagnostics(in: text, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(
                .error(
                    at: SourceLocation(file: file, line: error.line), "YAML does not parse: \(error)", fix: "check indentation and quotes"))
            return (nil, problems)
        } catch {
            problems.append(.error(at: SourceLocation(file: file), "YAML does not parse: \(error)"))
            return (nil, problems)
        }
        guard let mapping = node?.mapping else {
            problems.append(.error(at: SourceLocation(file: file, line: 1), "expected a mapping of keys to strings"))
            return (nil, problems)
        }
        var strings: [String: String] = [:]
        var lines: [String: Int] = [:]
        func walk(_ mapping: Node.Mapping, prefix: String) {
            for (key, value) in mapping {
                let name = prefix + (key.string ?? "")
                let line = key.mark.map { $0.line } ?? 0
                if let nested = value.mapping {
                    walk(nested, prefix: name + "_")
                } else if let string = value.string, value.scalar != nil {
                    if strings[name] != nil {
                        problems.append(.error(at: SourceLocation(file: file, line: line), "key '\(name)' appears twice"))
                    }
                    strings[name] = string
                    lines[name] = line
                } else {
                    problems.append(
                        .error(
                            at: SourceLocation(file: file, line: line), "'\(name)' is not a string", fix: "write the text as a YAML string")
                    )
                }
            }
        }
        walk(mapping, prefix: "")
        return (StringTable(language: language, file: file, strings: strings, lines: lines), problems)
    }
}

extension YamlError {
    /// The 1-based line of a parse error, when Yams knows it.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}
