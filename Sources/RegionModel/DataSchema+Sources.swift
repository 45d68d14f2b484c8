// MARK: - The source catalogue (`Regions/sources.yaml`) as a schema table: its reader and the reference page use it.

extension DataSchema {
    /// One entry of `Regions/sources.yaml`, keyed by the source key that numbers' `source:` fields use.
    public static let sourceEntry = SchemaTable(
        "sources.yaml: <key>", "A publication or dataset that numbers cite by its key.",
        [
            SchemaField("title", "The primary publisher and document, e.g. 国家统计局《中国统计年鉴2021》 (not an opaque id)"),
            SchemaField("url", "Where the publication is", .optional),
            SchemaField(
                "kind", "What it is: \(SourceReference.Kind.allCases.map(\.rawValue).joined(separator: ", "))", .defaultValue("statistics")),
            SchemaField("via", "Where we read it, when not from the publisher (a repository with path and commit, or a URL)", .optional),
            SchemaField(
                "licence",
                "The terms the source states for reuse of its figures (e.g. CC BY 4.0), as it states them; left out when the source states none, and the published data then says \"the terms of the original publisher\"",
                .optional),
        ])
}
