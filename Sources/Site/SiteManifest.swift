/// `manifest.json` at the site's root: every file with its content hash, and the time each brief's
/// current content was first published. It lets `--dry-run` list changes and keeps feed entries
/// unchanged while a brief's content is unchanged.
public struct SiteManifest: Hashable, Sendable, Codable {
    /// One brief version in the feed.
    public struct BriefEntry: Hashable, Sendable, Codable {
        /// SHA-256 of the brief's XML.
        public var contentHash: String
        /// RFC 3339 time this content was first published.
        public var updated: String
    }

    public var schemaVersion: Int = 1
    /// Path → SHA-256 of every file except the manifest itself.
    public var files: [String: String]
    /// Brief path (`en/shanghai.xml`) → current version.
    public var briefs: [String: BriefEntry]

    public init(files: [String: String] = [:], briefs: [String: BriefEntry] = [:]) {
        self.files = files
        self.briefs = briefs
    }

    /// The manifest as stable JSON (sorted keys, one entry per line).
    public func json() -> String {
        func quote(_ s: String) -> String {
            "\""
                + s.unicodeScalars.map { scalar -> String in
                    switch scalar {
                    case "\"": "\\\""
                    case "\\": "\\\\"
                    case "\n": "\\n"
                    default:
                        scalar.value < 0x20
                            ? "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                                + String(scalar.value, radix: 16) : String(scalar)
                    }
                }.joined() + "\""
        }
        var out = "{\n  \"schemaVersion\": \(schemaVersion),\n  \"files\": {\n"
        out += files.keys.sorted().map { "    \(quote($0)): \(quote(files[$0]!))" }.joined(separator: ",\n")
        out += "\n  },\n  \"briefs\": {\n"
        out += briefs.keys.sorted().map { key in
            let entry = briefs[key]!
            return "    \(quote(key)): {\"contentHash\": \(quote(entry.contentHash)), \"updated\": \(quote(entry.updated))}"
        }.joined(separator: ",\n")
        out += "\n  }\n}\n"
        return out
    }
}
