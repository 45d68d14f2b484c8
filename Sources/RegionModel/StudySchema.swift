/// One field of a study file: where it sits, what it holds, its default and what it means. The table of these
/// drives which keys the reader accepts and requires, and the reference table in docs/studies.md.
public struct StudyFieldSpec: Sendable {
    /// The keys leading to the field, e.g. `["draws", "seed"]`.
    public var path: [String]
    /// What it holds, as the reference states it (e.g. `list of names`).
    public var type: String
    /// The value taken when the field is absent; `nil` for a required field.
    public var defaultValue: String?
    /// What it means.
    public var meaning: String

    /// Creates a row of the table.
    public init(_ path: [String], _ type: String, default defaultValue: String?, _ meaning: String) {
        self.path = path
        self.type = type
        self.defaultValue = defaultValue
        self.meaning = meaning
    }

    /// The dotted name used in messages, e.g. `draws.seed`.
    public var dottedPath: String { path.joined(separator: ".") }
    /// Whether the file must give the field.
    public var required: Bool { defaultValue == nil }
}

/// The study file schema as a table: the single place that says which fields a study file has.
public enum StudySchema {
    /// Every field of a study file; sections (`axes`, `draws`, `slurm`) are the first key of their fields.
    public static let fields: [StudyFieldSpec] = [
        StudyFieldSpec(["name"], "id", default: nil, "The study's name, lowercase `[a-z0-9-]`; names the default store `<name>.store/`"),
        StudyFieldSpec(["title"], "text", default: "\"\"", "One line on what the study asks"),
        StudyFieldSpec(
            ["runs"], "list of dispatch, projection, check, game", default: nil,
            "What each run computes; every run is crossed with its axes and the draws"),
        StudyFieldSpec(["axes", "scenarios"], "list of names", default: "[]", "Projection scenarios (`Regions/scenarios/<name>.yaml`)"),
        StudyFieldSpec(
            ["axes", "grid_variants"], "list of names", default: "[]", "Grid variants: overlays in `Regions/grid/scenarios/<name>.yaml`"),
        StudyFieldSpec(
            ["axes", "years"], "list of years", default: "[] (each variant's own year)",
            "Years each grid variant is dispatched in (its changes applied up to that year)"),
        StudyFieldSpec(
            ["axes", "agreements"], "list of agreement ids", default: "[]", "Agreements of `Regions/agreements/` to check or play"),
        StudyFieldSpec(["draws", "count"], "whole number ≥ 1", default: "1", "Draws 0…count−1; draw 0 is the data as written"),
        StudyFieldSpec(["draws", "seed"], "whole number ≥ 0", default: "1", "Seed of every draw's random stream"),
        StudyFieldSpec(["draws", "demand_spread"], "fraction 0…0.9", default: "0", "Each load's demand × (1 + s·u) in a dispatch"),
        StudyFieldSpec(
            ["draws", "lever_spread"], "fraction 0…0.9", default: "0",
            "Each lever path of the scenario × (1 + s·u), clamped into the lever's range, in a projection"),
        StudyFieldSpec(
            ["draws", "agreement_spread"], "fraction 0…0.9", default: "0",
            "Each uncertain figure of an agreement × (1 + s·u), as `yrdplan check --perturb`"),
        StudyFieldSpec(
            ["collect"], "list of tables", default: "every table of the runs",
            "dispatch_runs, dispatch_summary, projection_runs, peak_years, checks, game"),
        StudyFieldSpec(["retries"], "whole number 0…10", default: "2", "How often a failing job is retried within one `run`"),
        StudyFieldSpec(["slurm", "partition"], "text", default: "the cluster's default", "`sbatch --partition`"),
        StudyFieldSpec(["slurm", "cpus"], "whole number ≥ 1", default: "1", "`sbatch --cpus-per-task`"),
        StudyFieldSpec(["slurm", "mem"], "Slurm size (`1G`, `500M`)", default: "the cluster's default", "`sbatch --mem`"),
        StudyFieldSpec(["slurm", "time"], "Slurm time (`00:10:00`)", default: "the cluster's default", "`sbatch --time` per array task"),
        StudyFieldSpec(["slurm", "chunk_size"], "whole number ≥ 1", default: "10", "Jobs per array task, run one after another"),
        StudyFieldSpec(
            ["slurm", "max_parallel"], "whole number ≥ 1", default: "no limit", "Array tasks running at once (`--array=0-K%M`)"),
    ]

    /// The keys allowed directly under `section` (`[]` for the top level).
    public static func keys(under section: [String]) -> [String] {
        var keys: [String] = []
        for field in fields where field.path.count > section.count && Array(field.path.prefix(section.count)) == section {
            let key = field.path[section.count]
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// The reference table of docs/studies.md (Markdown), generated from `fields`.
    public static func markdownTable() -> String {
        var out = "| field | type | default | meaning |\n|---|---|---|---|\n"
        for field in fields {
            out += "| `\(field.dottedPath)` | \(field.type) | \(field.defaultValue ?? "required") | \(field.meaning) |\n"
        }
        return out
    }
}
