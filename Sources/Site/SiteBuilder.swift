import Analysis
import Briefs
import Diagnostics
import Foundation
import ParallelWork
import XMLSupport

/// Builds every file of the site in memory (no IO): pages from the templates, the style sheet, the
/// schema, the downloads, `sitemap.xml`, `feed.xml` and `manifest.json`.
public struct SiteBuilder: Sendable {
    public var templates: TemplateSet
    public var settings: SiteSettings
    /// `SOURCE_DATE_EPOCH`, when set: the time of new feed entries. Otherwise the edition date is used.
    public var sourceDateEpoch: Int64?

    public init(templates: TemplateSet, settings: SiteSettings, sourceDateEpoch: Int64? = nil) {
        self.templates = templates
        self.settings = settings
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The result of a build: files by path and the manifest describing them.
    public struct Output: Sendable {
        public var files: [SiteFile]
        public var manifest: SiteManifest
        public var pageCount: Int
        public var briefCount: Int
    }

    /// Checks the output: XML briefs against the schema, HTML with libxml2's HTML parser, the feed
    /// and sitemap for well-formedness, every path for safety — the "validate output" step.
    public func validate(_ output: Output, pages: [PageSpec]) throws(DiagnosticsError) {
        var diagnostics = DiagnosticEngine()
        let renderer = SiteRenderer(templates: templates.library, schema: templates.schema)
        renderer.validate(output.files, pages: pages).forEach { diagnostics.report($0) }
        for file in output.files {
            if !SitePath.isSafe(file.path) {
                diagnostics.error(at: SourceLocation(file: file.path), "output path would leave the site folder or is not [a-z0-9-]")
            }
            if file.path == "feed.xml" || file.path == "sitemap.xml" {
                XMLChecks.wellFormedness(of: file.contents, file: file.path).forEach { diagnostics.report($0) }
            }
        }
        try diagnostics.failIfErrors()
    }

    /// The plan of the site for `input`, its changelog computed from `archive` and this edition's brief data.
    public func sitePlan(_ input: BriefInput, archive: EditionArchive = EditionArchive()) -> SitePlan {
        var plan = SitePlan(input: input, tables: templates.tables, settings: settings, mapLayout: templates.mapLayout)
        guard !templates.tables.isEmpty else { return plan }
        var editions = archive.data
        editions[input.editionDate] = Dictionary(
            input.provinces.map { ($0.id, plan.briefData($0)) }, uniquingKeysWith: { a, _ in a })
        plan.changelog = EditionChanges.history(editions, briefs: input.provinces.map(\.id))
        return plan
    }

    /// Plans the pages (checks the input and wording) — the "analyse" step.
    public func plan(_ input: BriefInput, archive: EditionArchive = EditionArchive()) throws(DiagnosticsError) -> [PageSpec] {
        try sitePlan(input, archive: archive).pages()
    }

    /// Renders and validates `pages` and adds the site-wide files, the brief data files and this edition's copy in
    /// `editions/<date>/`; `archive`'s earlier editions are carried over; `previous` keeps feed times stable.
    public func build(
        _ input: BriefInput, pages: [PageSpec], previous: SiteManifest?, archive: EditionArchive = EditionArchive()
    ) throws(DiagnosticsError) -> Output {
        var files = try SiteRenderer(templates: templates.library, schema: templates.schema).render(pages, validating: false)
        for file in files where !SitePath.isSafe(file.path) {
            throw DiagnosticsError([.error(at: SourceLocation(file: file.path), "output path would leave the site folder")])
        }
        files.append(SiteFile(path: "css/site.css", contents: templates.stylesheet))
        files.append(SiteFile(path: "schema/brief-1.xsd", contents: templates.schemaText))
        for download in input.downloads { files.append(SiteFile(path: "data/\(download.fileName)", contents: download.contents)) }
        files += dataFiles(sitePlan(input))

        let now = sourceDateEpoch.map { Timestamp.rfc3339(epochSeconds: $0) } ?? Timestamp.rfc3339(date: input.editionDate)
        var manifest = SiteManifest()
        var entries: [AtomFeed.Entry] = []
        let byPath = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        for page in pages where page.format == .xml && page.briefOf != nil {
            let hash = SHA256.hex(byPath[page.path] ?? "")
            let updated = previous?.briefs[page.path].flatMap { $0.contentHash == hash ? $0.updated : nil } ?? now
            manifest.briefs[page.path] = .init(contentHash: hash, updated: updated)
            let summary: String
            if case .list(let verdicts)? = page.context["verdicts"], case .node(let node)? = verdicts.first,
                case .text(let text)? = node["verdictText"]
            {
                summary = text
            } else {
                summary = page.title
            }
            entries.append(
                AtomFeed.Entry(
                    page: page, htmlPath: String(page.path.dropLast(4)) + ".html", contentHash: hash, updated: updated, summary: summary))
        }
        let feedTitle = templates.tables.first?.strings["feed_title"] ?? "yrdplan"
        let feed = AtomFeed.xml(entries: entries, settings: settings, title: feedTitle)
        let sitemap = Sitemap.xml(pages: pages, settings: settings, lastModified: input.editionDate)
        files.append(SiteFile(path: "feed.xml", contents: feed))
        files.append(SiteFile(path: "sitemap.xml", contents: sitemap))
        // Every file's hash once (on every core); this edition's permanent copy has the same bytes, so the same hashes.
        let hashes = ParallelMap.map(files) { SHA256.hex(bytes: $0.data) }
        for (file, hash) in zip(files, hashes) {
            manifest.files[file.path] = hash
            manifest.files[SitePlan.editionPath(input.editionDate, file.path)] = hash
        }
        files += files.map { SiteFile(path: SitePlan.editionPath(input.editionDate, $0.path), contents: $0.contents, bytes: $0.bytes) }
        // The earlier editions as they are: their hashes from the previous manifest (read only when it lacks one).
        for (path, from) in archive.files.sorted(by: { $0.key < $1.key }) {
            let hash = previous?.files[path] ?? SHA256.hex(bytes: FileManager.default.contents(atPath: from).map { Array($0) } ?? [])
            files.append(SiteFile(path: path, carried: .init(from: from, sha256: hash)))
            manifest.files[path] = hash
        }
        files.append(SiteFile(path: "manifest.json", contents: manifest.json()))
        files.sort { $0.path < $1.path }
        return Output(files: files, manifest: manifest, pageCount: pages.count, briefCount: entries.count)
    }
}

/// Paths inside the site: relative, `/`-separated, each part made of `[a-z0-9-]` with at most one
/// extension, so no path can leave the output folder; the fixed names `CITATION.cff` and `LICENSE-data.txt` too.
public enum SitePath {
    /// File names allowed besides `[a-z0-9-]` ones.
    static let fixedNames: Set<String> = ["CITATION.cff", SitePlan.licenceFile]

    /// Whether `path` stays inside the site folder.
    public static func isSafe(_ path: String) -> Bool {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, !path.hasPrefix("/") else { return false }
        // The names data users look for at a root (CFF 1.2.0 requires `CITATION.cff`), fixed here.
        if let last = parts.last, Self.fixedNames.contains(String(last)) {
            parts.removeLast()
            if parts.isEmpty { return true }
        }
        return parts.allSatisfy { part in
            let pieces = part.split(separator: ".", omittingEmptySubsequences: false)
            guard pieces.count <= 2, let stem = pieces.first, SafeID.isValid(String(stem)) else { return false }
            return pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].allSatisfy { $0.isLetter && $0.isASCII || $0.isNumber })
        }
    }
}
