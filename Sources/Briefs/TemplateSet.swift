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
    /// Schematic positions of places on the corridor map (`map.yaml`), by place id.
    public var mapLayout: MapLayout

    public init(
        library: TemplateLibrary, tables: [StringTable], schema: XMLSchema, schemaText: String, stylesheet: String,
        mapLayout: MapLayout = MapLayout()
    ) {
        self.library = library
        self.tables = tables
        self.schema = schema
        self.schemaText = schemaText
        self.stylesheet = stylesheet
        self.mapLayout = mapLayout
    }
}

/// Where places sit on the schematic corridor map (a presentation setting of `Templates/map.yaml`, not data):
/// map units of the 640 × 360 drawing, x to the east, y to the south.
public struct MapLayout: Hashable, Sendable {
    /// One position on the map.
    public struct Point: Hashable, Sendable {
        public var x: Double
        public var y: Double

        /// A position in map units.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// Positions by place id (a province id, or an external supply region's id).
    public var positions: [String: Point]

    /// A layout with these positions (none: every place is laid out automatically).
    public init(positions: [String: Point] = [:]) { self.positions = positions }
}
