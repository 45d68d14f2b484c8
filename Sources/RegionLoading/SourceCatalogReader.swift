import Diagnostics
import RegionModel
import Yams

/// Reads `Regions/sources.yaml`: the catalogue every number's `source:` refers to.
struct SourceCatalogReader {
    var reader: NodeReader

    init(file: YAMLFile) { reader = NodeReader(file: file) }

    var diagnostics: DiagnosticEngine { reader.diagnostics }

    mutating func read() -> [String: SourceReference] {
        guard let root = reader.file.root, let pairs = reader.mapping(root, what: "the source catalogue") else { return [:] }
        var sources: [String: SourceReference] = [:]
        for pair in pairs {
            guard let fields = reader.mapping(pair.value, what: "source '\(pair.key)'") else { continue }
            reader.rejectUnknownKeys(fields, known: DataSchema.sourceEntry.knownKeys, in: "source '\(pair.key)'")
            func node(_ key: String) -> Node? { fields.first { $0.key == key }?.value }
            guard let title = reader.string(node("title"), what: "title of source '\(pair.key)'") else {
                reader.diagnostics.error(
                    at: reader.location(pair.keyNode), "source '\(pair.key)' has no title", fix: "add `title:` naming the publication")
                continue
            }
            if SourceReference.isOpaque(title: title) {
                reader.diagnostics.error(
                    at: reader.location(node("title")), "the title of source '\(pair.key)' is an opaque id, not a publication: '\(title)'",
                    fix: "name the primary publisher and document (e.g. 国家统计局《中国统计年鉴2021》) and put where it was read in `via:`")
            }
            var kind = SourceReference.Kind.statistics
            if let text = reader.string(node("kind"), what: "kind") {
                if let parsed = SourceReference.Kind(rawValue: text) {
                    kind = parsed
                } else {
                    reader.diagnostics.error(
                        at: reader.location(node("kind")), "unknown source kind '\(text)'",
                        fix: "use one of: \(SourceReference.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            sources[pair.key] = SourceReference(
                key: pair.key, title: title, url: reader.string(node("url"), what: "url"), kind: kind,
                via: reader.string(node("via"), what: "via of source '\(pair.key)'"),
                licence: reader.string(node("licence"), what: "licence of source '\(pair.key)'"))
        }
        return sources
    }
}
