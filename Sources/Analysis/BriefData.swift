import Foundation
import RegionModel

// MARK: - A brief's data files (CSV and JSON of every figure it shows) and the changes between two editions.

/// The data of one brief as published: the edition, the brief's province and every figure it shows, rendered as
/// CSV and JSON (deterministic: fixed column and key order, numbers rounded to 6 decimals).
public struct BriefData: Hashable, Sendable, Codable {
    public var edition: String
    /// Province id of the brief.
    public var brief: String
    /// Licence of the data (`CC-BY-4.0`).
    public var licence: String
    /// The suggested citation (English).
    public var citation: String
    public var figures: [PublishedFigure]

    public init(edition: String, brief: String, licence: String, citation: String, figures: [PublishedFigure]) {
        self.edition = edition
        self.brief = brief
        self.licence = licence
        self.citation = citation
        self.figures = figures
    }

    /// The CSV columns, in order; the README of the zip explains each.
    public static let columns = [
        "figure", "description", "scenario", "value", "unit", "year", "confidence", "source_key", "source", "note",
    ]

    /// One row per figure under a header line (RFC 4180 quoting, `\n` line ends).
    public func csv() -> String {
        var out = Self.columns.joined(separator: ",") + "\n"
        for f in figures {
            let cells = [
                f.id, f.description, f.scenario ?? "", Self.number(f.value), f.unit, String(f.year), f.confidence.rawValue, f.sourceKey,
                f.source, f.note ?? "",
            ]
            out += cells.map(Self.quoteCSV).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The same figures as a JSON document with the edition, brief, licence and citation.
    public func json() -> String {
        JSONValue.object([
            ("edition", .string(edition)), ("brief", .string(brief)), ("licence", .string(licence)), ("citation", .string(citation)),
            (
                "figures",
                .array(
                    figures.map { f in
                        .object([
                            ("figure", .string(f.id)), ("description", .string(f.description)),
                            ("scenario", f.scenario.map(JSONValue.string) ?? .null), ("value", JSONValue.rounded(f.value)),
                            ("unit", .string(f.unit)), ("year", .number(Double(f.year))), ("confidence", .string(f.confidence.rawValue)),
                            ("source_key", .string(f.sourceKey)), ("source", .string(f.source)),
                            ("note", f.note.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
        ]).rendered()
    }

    /// Reads a brief's JSON data file back (an earlier edition's, for the changelog).
    public static func decode(json data: Data) throws -> BriefData {
        let file = try JSONDecoder().decode(File.self, from: data)
        return BriefData(
            edition: file.edition, brief: file.brief, licence: file.licence, citation: file.citation,
            figures: file.figures.map { f in
                var figure = PublishedFigure(
                    id: f.figure, description: f.description, scenario: f.scenario, value: f.value, unit: f.unit,
                    citation: Citation(
                        sourceKey: f.source_key, source: f.source, year: f.year,
                        confidence: Confidence(rawValue: f.confidence) ?? .synthetic,
                        note: f.note))
                figure.year = f.year
                return figure
            })
    }

    /// The JSON file's shape (its field names).
    private struct File: Decodable {
        struct Row: Decodable {
            var figure: String
            var description: String
            var scenario: String?
            var value: Double
            var unit: String
            var year: Int
            var confidence: String
            var source_key: String
            var source: String
            var note: String?
        }
        var edition: String
        var brief: String
        var licence: String
        var citation: String
        var figures: [Row]
    }

    static func number(_ value: Double) -> String { JSONValue.format(((value * 1e6).rounded()) / 1e6) }

    static func quoteCSV(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// What changed in one brief's figures from one edition to the next, computed from the two editions' data files.
public struct FigureChange: Hashable, Sendable {
    /// Province id of the brief.
    public var brief: String
    public var figure: String
    public var description: String
    public var unit: String
    /// `nil` when the figure is new in this edition.
    public var old: Double?
    /// `nil` when the figure is no longer shown.
    public var new: Double?

    public init(brief: String, figure: String, description: String, unit: String, old: Double?, new: Double?) {
        self.brief = brief
        self.figure = figure
        self.description = description
        self.unit = unit
        self.old = old
        self.new = new
    }

    /// `new − old` when both exist.
    public var change: Double? { old.flatMap { old in new.map { $0 - old } } }

    /// The change relative to the old value, when both exist and the old value is not zero.
    public var relativeChange: Double? {
        guard let change, let old, old != 0 else { return nil }
        return change / abs(old)
    }
}

/// One edition of the archive with the changes of its figures against the edition before it.
public struct EditionChanges: Hashable, Sendable {
    public var edition: String
    /// The edition compared against; `nil` for the first edition in the archive.
    public var previous: String?
    public var changes: [FigureChange]

    public init(edition: String, previous: String?, changes: [FigureChange]) {
        self.edition = edition
        self.previous = previous
        self.changes = changes
    }

    /// The figures that differ between `old` and `new` (the same brief's data in two editions): changed values
    /// (beyond the 6 decimals the data files keep), new figures and figures no longer shown, in `new`'s order.
    public static func between(_ old: BriefData, _ new: BriefData) -> [FigureChange] {
        let before = Dictionary(old.figures.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(new.figures.map(\.id))
        var out: [FigureChange] = []
        for figure in new.figures {
            if let previous = before[figure.id] {
                let a = (previous.value * 1e6).rounded(), b = (figure.value * 1e6).rounded()
                if a != b || previous.unit != figure.unit {
                    out.append(
                        FigureChange(
                            brief: new.brief, figure: figure.id, description: figure.description, unit: figure.unit, old: previous.value,
                            new: figure.value))
                }
            } else {
                out.append(
                    FigureChange(
                        brief: new.brief, figure: figure.id, description: figure.description, unit: figure.unit, old: nil, new: figure.value
                    ))
            }
        }
        for figure in old.figures where !after.contains(figure.id) {
            out.append(
                FigureChange(
                    brief: new.brief, figure: figure.id, description: figure.description, unit: figure.unit, old: figure.value, new: nil))
        }
        return out
    }

    /// The changelog of an archive: each edition (newest first) against the one before it, brief by brief in
    /// `briefs` order. `editions` maps an edition date to its briefs' data by province id.
    public static func history(_ editions: [String: [String: BriefData]], briefs: [String]) -> [EditionChanges] {
        let dates = editions.keys.sorted()
        var out: [EditionChanges] = []
        for (index, date) in dates.enumerated() {
            guard index > 0 else {
                out.append(EditionChanges(edition: date, previous: nil, changes: []))
                continue
            }
            let previous = dates[index - 1]
            let order = briefs + Set(editions[date]!.keys).union(editions[previous]!.keys).subtracting(briefs).sorted()
            var changes: [FigureChange] = []
            for brief in order {
                let empty = BriefData(edition: "", brief: brief, licence: "", citation: "", figures: [])
                let old = editions[previous]![brief] ?? empty, new = editions[date]![brief] ?? empty
                changes += between(old, new).map { change in
                    var change = change
                    change.brief = brief
                    return change
                }
            }
            out.append(EditionChanges(edition: date, previous: previous, changes: changes))
        }
        return out.reversed()
    }
}
