import Briefs
import Diagnostics
import Foundation
import Yams

extension SiteSettings {
    /// Reads `Reports/site.yaml` (`baseURL: https://…/`); every problem with `file:line`.
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
        return SiteSettings(baseURL: value)
    }
}
