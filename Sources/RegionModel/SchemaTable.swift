/// Whether a field of a grid or agreement entry must be written, may be left out, or has a default.
public enum FieldPresence: Hashable, Sendable {
    case required
    case optional
    /// Taken as this value (as written in a file) when left out.
    case defaultValue(String)
    /// Required in some forms of the entry only; the text says when.
    case requiredWhen(String)

    /// How the data-reference page shows it.
    public var label: String {
        switch self {
        case .required: "yes"
        case .optional: "no"
        case .defaultValue(let value): "no (default \(value))"
        case .requiredWhen(let condition): "when \(condition)"
        }
    }
}

/// One field of a grid or agreement entry: its key, unit, meaning and whether it is required (PyPSA-style).
public struct SchemaField: Hashable, Sendable {
    public var key: String
    /// The unit for the data-reference page; empty for text, names and lists.
    public var unit: String
    /// For agreement figures: the units the file may write (the first is the usual one).
    public var figureUnits: [AgreementUnit]
    public var meaning: String
    public var presence: FieldPresence

    /// A field from its parts.
    public init(
        _ key: String, unit: String = "", figureUnits: [AgreementUnit] = [], _ meaning: String, _ presence: FieldPresence = .required
    ) {
        self.key = key
        self.unit = unit.isEmpty ? figureUnits.map(\.symbol).joined(separator: " or ") : unit
        self.figureUnits = figureUnits
        self.meaning = meaning
        self.presence = presence
    }

    /// An agreement figure: `{value, unit, source, ref?, year, confidence, note?}` in one of `units`.
    public static func figure(_ key: String, _ units: [AgreementUnit], _ meaning: String, _ presence: FieldPresence = .required)
        -> SchemaField
    {
        SchemaField(key, figureUnits: units, meaning, presence)
    }
}

/// Which provenance keys an entry may carry besides its fields.
public enum ProvenancePlacement: Hashable, Sendable {
    /// None (names and structure only).
    case none
    /// `source, ref, year, confidence, note` on the entry, for all its numbers; a single number may instead be
    /// written `{value, source, …}`. Optional on entries without numbers that need it.
    case onEntry
    /// `source, ref, confidence, note` without a year (a term of an agreement, which describes no year).
    case withoutYear
}

/// The fields of one kind of entry (a generator, a relocation's plant, …): the single place that says which
/// fields exist, read by the loaders for their known keys and by the data-reference page.
public struct SchemaTable: Sendable {
    /// How the entry is named in the reference page, e.g. `generators` or `relocation: before/after`.
    public var name: String
    /// One line on what the entry is.
    public var meaning: String
    public var fields: [SchemaField]
    public var provenance: ProvenancePlacement

    /// A table from its parts.
    public init(_ name: String, _ meaning: String, provenance: ProvenancePlacement = .none, _ fields: [SchemaField]) {
        self.name = name
        self.meaning = meaning
        self.fields = fields
        self.provenance = provenance
    }

    /// Every key an entry may have: its fields, then the provenance keys it may carry.
    public var knownKeys: [String] {
        let provenanceKeys: [String] =
            switch provenance {
            case .none: []
            case .onEntry: DataSchema.provenanceKeys
            case .withoutYear: DataSchema.provenanceKeys.filter { $0 != "year" }
            }
        return fields.map(\.key) + provenanceKeys
    }

    /// The field named `key`; the tables and the readers are kept in step by tests, so a miss is a programming error.
    public subscript(key: String) -> SchemaField {
        guard let field = fields.first(where: { $0.key == key }) else {
            preconditionFailure("the schema table '\(name)' has no field '\(key)'")
        }
        return field
    }
}
