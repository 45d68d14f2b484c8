import Diagnostics
import Mustache

/// The Mustache templates of `Templates/`, checked when loaded and rendered strictly: an unknown
/// template, a missing partial or a key without a value is an error naming the template and line.
public struct TemplateLibrary: Sendable {
    /// A template's source as loaded, with the tags found in it.
    struct Source: Sendable {
        var name: String
        var file: String
        var text: String
        var tags: [TemplateTag]
    }

    private var library: MustacheLibrary
    private var sources: [String: Source]

    /// The names of all templates (paths under `Templates/` without `.mustache`).
    public var templateNames: [String] { sources.keys.sorted() }

    /// Builds the library from template texts keyed by name (`brief.html`, `partials/header`, …);
    /// `file(name)` gives the path printed in messages. Every problem of every template is reported.
    public init(templates: [String: String], file: (String) -> String) throws(DiagnosticsError) {
        var diagnostics = DiagnosticEngine()
        _ = YrdplanContentType.registered
        var library = MustacheLibrary()
        var sources: [String: Source] = [:]
        for name in templates.keys.sorted() {
            let text = templates[name]!
            let path = file(name)
            for problem in XMLCharacters.diagnostics(in: text, file: path) { diagnostics.report(problem) }
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(
                    at: SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber),
                    "template does not parse: \(error.error)", fix: "check the opening and closing tags")
                continue
            } catch {
                diagnostics.error(at: SourceLocation(file: path), "template does not parse: \(error)")
                continue
            }
            let scan = TemplateTag.scan(text)
            for problem in scan.problems {
                diagnostics.error(at: SourceLocation(file: path, line: problem.line), problem.message, fix: problem.fix)
            }
            sources[name] = Source(name: name, file: path, text: text, tags: scan.tags)
        }
        for source in sources.values.sorted(by: { $0.name < $1.name }) {
            for tag in source.tags where tag.kind == .partial && templates[tag.name] == nil {
                diagnostics.error(
                    at: SourceLocation(file: source.file, line: tag.line),
                    "partial '\(tag.name)' does not exist",
                    fix: "create Templates/\(tag.name).mustache or correct the name")
            }
        }
        try diagnostics.failIfErrors()
        self.library = library
        self.sources = sources
    }

    /// Renders template `name` with `context`. Throws when the template is unknown or when any key used
    /// by it (or its partials) has no value, naming the template file, line and key.
    public func render(_ name: String, with context: TemplateNode) throws(DiagnosticsError) -> String {
        guard let template = library.getTemplate(named: name), sources[name] != nil else {
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: "Templates/\(name).mustache"), "template '\(name)' does not exist",
                    fix: "known templates: \(templateNames.joined(separator: ", "))")
            ])
        }
        let recorder = MissingKeyRecorder()
        let root = MustacheNode(context, recorder: recorder)
        let output = template.render(root, library: library)
        guard recorder.missing.isEmpty else {
            throw DiagnosticsError(missingKeyDiagnostics(Set(recorder.missing), renderedFrom: name))
        }
        return output
    }

    /// Where each missing key is used, in `name` and the partials it reaches.
    private func missingKeyDiagnostics(_ keys: Set<String>, renderedFrom name: String) -> [Diagnostic] {
        var reached: [String] = []
        var queue = [name]
        while let next = queue.popLast() {
            guard !reached.contains(next), let source = sources[next] else { continue }
            reached.append(next)
            queue += source.tags.filter { $0.kind == .partial }.map(\.name)
        }
        var found: [Diagnostic] = []
        for key in keys.sorted() {
            var located = false
            for templateName in reached {
                let source = sources[templateName]!
                for tag in source.tags where tag.name == key && tag.kind.looksUpValue {
                    found.append(
                        .error(
                            at: SourceLocation(file: source.file, line: tag.line),
                            "key '\(key)' has no value when rendering '\(name)'",
                            fix: "add it to the view model or the string tables, or correct the key"))
                    located = true
                }
            }
            if !located {
                found.append(
                    .error(at: SourceLocation(file: "Templates/\(name).mustache"), "key '\(key)' has no value"))
            }
        }
        return DiagnosticEngine.sortedUnique(found)
    }
}

extension DiagnosticEngine {
    /// Sorted by location, duplicates removed.
    static func sortedUnique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var engine = DiagnosticEngine()
        var seen = Set<Diagnostic>()
        for diagnostic in diagnostics where seen.insert(diagnostic).inserted { engine.report(diagnostic) }
        return engine.sorted
    }
}
