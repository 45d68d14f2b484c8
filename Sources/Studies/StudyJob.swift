import Hashing
import RegionModel

/// The version of yrdplan that computes study results; part of every job's hash, so that results of an older
/// yrdplan are never mixed with new ones. Raise it with every change that can alter a result.
public enum YrdplanVersion {
    /// The version string (semantic versioning; the minor number follows the project's issues).
    public static let current = "0.13.0"
}

/// One model file a job reads, by its path relative to the regions folder, with the SHA-256 of its bytes.
public struct StudyInput: Sendable, Hashable, Codable {
    /// The path relative to the regions folder, e.g. `grid/grid.yaml`.
    public var path: String
    /// SHA-256 of the file's bytes, 64 lowercase hex digits.
    public var sha256: String
}

/// One independent job of a study: a computation with its parameters and inputs, identified by the hash of them.
public struct StudyJob: Sendable, Hashable, Codable {
    /// SHA-256 of `canonicalText` (docs/studies.md, "The job hash").
    public var hash: String
    /// What the job computes.
    public var computation: String
    /// The projection scenario.
    public var scenario: String?
    /// The grid variant (overlay) dispatched.
    public var gridVariant: String?
    /// The dispatch year (the variant's changes applied up to it).
    public var year: Int?
    /// The agreement checked or played.
    public var agreement: String?
    /// The draw (0 is the data as written).
    public var draw: Int
    /// The seed of the draw's stream (`nil` for draw 0, which draws nothing).
    public var seed: UInt64?
    /// The spread `s` of the draw's factors (`nil` for draw 0).
    public var spread: Double?
    /// The model files whose bytes the result depends on, sorted by path.
    public var inputs: [StudyInput]

    /// Creates the job and computes its hash.
    public init(
        computation: StudyComputation, scenario: String? = nil, gridVariant: String? = nil, year: Int? = nil,
        agreement: String? = nil, draw: Int, seed: UInt64?, spread: Double?, inputs: [StudyInput]
    ) {
        self.computation = computation.rawValue
        self.scenario = scenario
        self.gridVariant = gridVariant
        self.year = year
        self.agreement = agreement
        self.draw = draw
        self.seed = draw == 0 ? nil : seed
        self.spread = draw == 0 ? nil : spread
        self.inputs = inputs.sorted { $0.path < $1.path }
        hash = ""
        hash = SHA256.hex(canonicalText)
    }

    /// The text whose SHA-256 is the job's hash: one `key value` line each for the format, yrdplan's version, the
    /// computation, its parameters (absent ones left out) and every input file with its own SHA-256.
    public var canonicalText: String {
        var lines = ["yrdplan-study-job 1", "version \(YrdplanVersion.current)", "computation \(computation)"]
        if let scenario { lines.append("scenario \(scenario)") }
        if let gridVariant { lines.append("grid_variant \(gridVariant)") }
        if let year { lines.append("year \(year)") }
        if let agreement { lines.append("agreement \(agreement)") }
        lines.append("draw \(draw)")
        if let seed { lines.append("seed \(seed)") }
        if let spread { lines.append("spread \(spread)") }
        for input in inputs { lines.append("input \(input.path) \(input.sha256)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The job's kind as a value.
    public var kind: StudyComputation { StudyComputation(rawValue: computation) ?? .dispatch }

    /// The parameters in one line, e.g. `dispatch policy 2030 draw 2`.
    public var label: String {
        var parts = [computation]
        if let scenario { parts.append(scenario) }
        if let gridVariant { parts.append(gridVariant) }
        if let year { parts.append(String(year)) }
        if let agreement { parts.append(agreement) }
        parts.append("draw \(draw)")
        return parts.joined(separator: " ")
    }
}
