import Diagnostics
import ParallelWork
import XMLSupport

/// A file of the built site: its path inside the site and its bytes — UTF-8 text, binary bytes (a zip), or an
/// earlier edition's file already on disk that the publisher carries over unchanged.
public struct SiteFile: Hashable, Sendable {
    public var path: String
    /// The text of a text file (empty for the other kinds).
    public var contents: String
    /// The bytes of a binary file; `nil` for text.
    public var bytes: [UInt8]?
    /// An archived file carried over from the published site: its absolute path there and its SHA-256.
    public var carried: CarriedFile?

    /// A file kept as it is from the published site (an earlier edition): where it is and its content hash.
    public struct CarriedFile: Hashable, Sendable {
        public var from: String
        public var sha256: String

        public init(from: String, sha256: String) {
            self.from = from
            self.sha256 = sha256
        }
    }

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    /// A text file (`bytes` nil) or a binary one.
    public init(path: String, contents: String, bytes: [UInt8]?) {
        self.path = path
        self.contents = contents
        self.bytes = bytes
    }

    /// A binary file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        contents = ""
        self.bytes = bytes
    }

    /// A file carried over unchanged from the published site.
    public init(path: String, carried: CarriedFile) {
        self.path = path
        contents = ""
        self.carried = carried
    }

    /// The bytes to write (not for carried files, which are linked or copied from where they are).
    public var data: [UInt8] { bytes ?? Array(contents.utf8) }
}

/// Renders the pages of a `SitePlan` with the templates, then checks every output: XML briefs against
/// the schema, HTML pages with libxml2's HTML parser. Any problem fails the whole build.
public struct SiteRenderer: Sendable {
    public var templates: TemplateLibrary
    public var schema: XMLSchema

    public init(templates: TemplateLibrary, schema: XMLSchema) {
        self.templates = templates
        self.schema = schema
    }

    /// Renders every page (and, with `validating`, checks each); all problems are reported together.
    public func render(_ pages: [PageSpec], validating: Bool = true) throws(DiagnosticsError) -> [SiteFile] {
        // Pages are independent: render them on every core, then collect in page order (deterministic).
        let results = ParallelMap.map(pages) { page -> (text: String?, problems: [Diagnostic]) in
            do throws(DiagnosticsError) {
                let text = try templates.render(page.template, with: page.context)
                return (text, validating ? validate(text, page: page) : [])
            } catch {
                return (nil, error.diagnostics)
            }
        }
        var diagnostics = DiagnosticEngine()
        var files: [SiteFile] = []
        for (page, result) in zip(pages, results) {
            result.problems.forEach { diagnostics.report($0) }
            if let text = result.text { files.append(SiteFile(path: page.path, contents: text)) }
        }
        try diagnostics.failIfErrors()
        return files
    }

    /// Checks every rendered page (matched to its spec by path); all problems together.
    public func validate(_ files: [SiteFile], pages: [PageSpec]) -> [Diagnostic] {
        let byPath = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        return ParallelMap.map(pages) { page in byPath[page.path].map { validate($0, page: page) } ?? [] }.flatMap { $0 }
    }

    /// Problems of one rendered page, located in the output and naming the template it came from.
    public func validate(_ text: String, page: PageSpec) -> [Diagnostic] {
        var problems = XMLCharacters.diagnostics(in: text, file: page.path)
        switch page.format {
        case .xml: problems += schema.validate(text, file: page.path)
        case .html: problems += XMLChecks.htmlProblems(in: text, file: page.path)
        }
        return problems.map { problem in
            var problem = problem
            problem.message += " (rendered from template '\(page.template)', Templates/\(page.template).mustache)"
            return problem
        }
    }
}
