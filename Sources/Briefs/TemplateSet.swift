import Diagnostics
import XMLSupport

/// Everything an edition is rendered with, as loaded from `Templates/`: the Mustache templates, the
/// string tables, the schema and the style sheet.
public struct TemplateSet: Sendable {
    public var library: TemplateLibrary
    public var tables: [StringTable]
    public var schema: XMLSchema
    /// The schema's text, published as `schema/brief-1.xsd`.
    public var schemaText: String
    /// The style sheet, published as `css/site.css`.
    public var stylesheet: String

    public init(library: TemplateLibrary, tables: [StringTable], schema: XMLSchema, schemaText: String, stylesheet: String) {
        self.library = library
        self.tables = tables
        self.schema = schema
        self.schemaText = schemaText
        self.stylesheet = stylesheet
    }
}
