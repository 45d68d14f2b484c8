import Analysis
import Diagnostics
import ParallelWork

/// One page or document to render: where it goes, which template, with what values.
public struct PageSpec: Hashable, Sendable {
    /// Whether the page is HTML (parsed with libxml2's HTML parser) or an XML brief (validated against the schema).
    public enum Format: String, Hashable, Sendable {
        case html
        case xml
    }

    /// Path inside the site, `/`-separated, built only from safe ids.
    public var path: String
    public var template: String
    public var format: Format
    public var context: TemplateNode
    /// The province of a brief (HTML or XML), for the feed.
    public var briefOf: String?
    /// The page's language (`zh-CN`, `en`), `nil` for language-neutral pages.
    public var language: String?
    /// The page's title, for the feed and sitemap.
    public var title: String
}

/// Site-wide settings from `Reports/site.yaml`.
public struct SiteSettings: Hashable, Sendable {
    /// Absolute URL the site is served at, ending in `/` (sitemap and feed need absolute URLs).
    public var baseURL: String
    /// Path part of `baseURL` (for the 404 page, which is served at any depth).
    public var basePath: String
    /// The edition's date `YYYY-MM-DD` when set in the settings (else `SOURCE_DATE_EPOCH` gives it).
    public var editionDate: String?

    public init(baseURL: String, editionDate: String? = nil) {
        self.editionDate = editionDate
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        // "https:", "", host, path…
        let parts = self.baseURL.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        basePath = parts.count == 4 ? "/" + parts[3] : "/"
    }
}

/// Turns a `BriefInput` and the string tables into the list of pages of the site (pure: no IO).
public struct SitePlan: Sendable {
    public var input: BriefInput
    public var tables: [StringTable]
    public var rules: [BottleneckRule]
    public var settings: SiteSettings
    /// Where places sit on the corridor map (from `Templates/map.yaml`).
    public var mapLayout: MapLayout
    /// Every edition of the archive, newest first, with the figures that changed against the edition before it
    /// (`EditionChanges.history`); the changelog page lists them.
    public var changelog: [EditionChanges]

    public init(
        input: BriefInput, tables: [StringTable], rules: [BottleneckRule] = BottleneckRule.standard, settings: SiteSettings,
        mapLayout: MapLayout = MapLayout(), changelog: [EditionChanges] = []
    ) {
        self.changelog = changelog
        self.input = input
        self.tables = tables
        self.rules = rules
        self.settings = settings
        self.mapLayout = mapLayout
    }

    /// The folder of a language in the site: `zh` for `zh-CN`, `en` for `en`.
    public static func folder(for language: String) -> String {
        String(language.split(separator: "-").first ?? Substring(language)).lowercased()
    }

    /// Every page of the site, or every problem with the input and wording at once.
    public func pages() throws(DiagnosticsError) -> [PageSpec] {
        var diagnostics = DiagnosticEngine()
        for problem in input.problems(languages: tables.map(\.language)) { diagnostics.report(problem) }
        for problem in StringTable.compareKeys(tables) { diagnostics.report(problem) }
        try diagnostics.failIfErrors()
        var pages: [PageSpec] = []
        // Languages are independent: build them on every core; results keep the tables' order.
        let perLanguage = ParallelMap.map(tables) { table -> (pages: [PageSpec], diagnostics: DiagnosticEngine) in
            let localizer = Localizer(table)
            return (PageBuilder(plan: self, t: localizer).languagePages(), localizer.diagnostics)
        }
        for language in perLanguage {
            pages += language.pages
            diagnostics.absorb(language.diagnostics)
        }
        pages.append(landingPage())
        pages.append(notFoundPage())
        try diagnostics.failIfErrors()
        return pages.sorted { $0.path < $1.path }
    }

    /// Strings every page needs, from all tables: `t_<key>` of the page's language.
    func strings(_ table: StringTable) -> TemplateNode {
        var node = TemplateNode()
        for (key, value) in table.strings { node["t_" + key] = .text(value) }
        return node
    }

    private func landingPage() -> PageSpec {
        var context = TemplateNode()
        context["root"] = ""
        context["editionDate"] = .text(input.editionDate)
        context["languages"] = .list(
            tables.map { table in
                var node = strings(table)
                node["lang"] = .text(table.language)
                node["href"] = .text(SitePlan.folder(for: table.language) + "/index.html")
                return .node(node)
            })
        let first = tables.first!
        context.merge(strings(first))
        context["lang"] = .text(first.language)
        return PageSpec(
            path: "index.html", template: "home.html", format: .html, context: context, briefOf: nil, language: nil,
            title: first.strings["site_title"] ?? "")
    }

    private func notFoundPage() -> PageSpec {
        var context = TemplateNode()
        context["root"] = .text(settings.basePath)
        context["languages"] = .list(
            tables.map { table in
                var node = strings(table)
                node["lang"] = .text(table.language)
                node["href"] = .text(settings.basePath + SitePlan.folder(for: table.language) + "/index.html")
                return .node(node)
            })
        let first = tables.first!
        context.merge(strings(first))
        context["lang"] = .text(first.language)
        return PageSpec(path: "404.html", template: "404.html", format: .html, context: context, briefOf: nil, language: nil, title: "404")
    }
}
