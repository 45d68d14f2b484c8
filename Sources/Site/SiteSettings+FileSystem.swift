import Briefs
import Diagnostics
import Foundation
import Yams

extension SiteSettings {
    /// Reads `Reports/site.yaml` (`baseURL: https://…/`, optional `editionDate: YYYY-MM-DD`); problems with `file:line`.
    public static func load(from url: URL, displayPath: String) throws(DiagnosticsError) -> SiteSettings {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: displayPath), "site settings are missing", fix: "create it with a line `baseURL: https://…/`")
            ])
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: displayPath), "YAML does not parse: \(error)")])
        }
        guard let mapping = node?.mapping, let value = mapping["baseURL"]?.string else {
            throw DiagnosticsError([
                .error(at: SourceLocation(file: displayPath, line: 1), "baseURL is missing", fix: "add `baseURL: https://…/`")
            ])
        }
        let line = mapping["baseURL"]?.mark?.line
        guard value.hasPrefix("https://") || value.hasPrefix("http://"), !value.contains(" "),
            XMLCharacters.violations(in: value).isEmpty
        else {
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: displayPath, line: line), "baseURL '\(value)' is not an http(s) URL",
                    fix: "write e.g. https://example.gov.cn/briefs/")
            ])
        }
        var editionDate: String?
        if let edition = mapping["editionDate"] {
            let text = edition.string ?? ""
            let parts = text.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else {
                throw DiagnosticsError([
                    .error(
                        at: SourceLocation(file: displayPath, line: edition.mark?.line), "editionDate '\(text)' is not YYYY-MM-DD",
                        fix: "write e.g. editionDate: \"2026-11-30\"")
                ])
            }
            editionDate = text
        }
        return SiteSettings(baseURL: value, editionDate: editionDate)
    }
}
