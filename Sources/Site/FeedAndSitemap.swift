import Briefs

/// `sitemap.xml`: every HTML page with the edition date.
enum Sitemap {
    static func xml(pages: [PageSpec], settings: SiteSettings, lastModified: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages where page.format == .html && page.path != "404.html" {
            out += "  <url><loc>\(Escape.xml(settings.baseURL + page.path))</loc><lastmod>\(Escape.xml(lastModified))</lastmod></url>\n"
        }
        return out + "</urlset>\n"
    }
}

/// `feed.xml` (Atom): one entry per brief version. An entry's id and `updated` come from the
/// brief's content hash and the time that content was first published, so they change only when
/// the brief's content changes.
enum AtomFeed {
    struct Entry {
        var page: PageSpec
        var htmlPath: String
        var contentHash: String
        var updated: String
        var summary: String
    }

    static func xml(entries: [Entry], settings: SiteSettings, title: String) -> String {
        let updated = entries.map(\.updated).max() ?? "1970-01-01T00:00:00Z"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <title>\(Escape.xml(title))</title>\n"
        out += "  <id>\(Escape.xml(settings.baseURL))</id>\n"
        out += "  <link rel=\"self\" href=\"\(Escape.xml(settings.baseURL + "feed.xml"))\"/>\n"
        out += "  <link href=\"\(Escape.xml(settings.baseURL))\"/>\n"
        out += "  <updated>\(updated)</updated>\n"
        out += "  <author><name>yrdplan</name></author>\n"
        for entry in entries.sorted(by: { $0.page.path < $1.page.path }) {
            out += "  <entry>\n"
            out += "    <title>\(Escape.xml(entry.page.title))</title>\n"
            out += "    <id>urn:yrdplan:brief:1:\(Escape.xml(entry.page.path)):\(entry.contentHash.prefix(16))</id>\n"
            out += "    <updated>\(entry.updated)</updated>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(settings.baseURL + entry.htmlPath))\"/>\n"
            out += "    <link rel=\"alternate\" type=\"application/xml\" href=\"\(Escape.xml(settings.baseURL + entry.page.path))\"/>\n"
            if let language = entry.page.language { out += "    <category term=\"\(Escape.xml(language))\"/>\n" }
            out += "    <summary>\(Escape.xml(entry.summary))</summary>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }
}
