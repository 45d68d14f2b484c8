import Foundation
import RegionModel

/// A cell of a collected table: text, a whole number or a number printed with a fixed count of decimals.
public enum TableCell: Sendable, Equatable {
    /// Text (a name).
    case text(String)
    /// A whole number (a year, a count).
    case integer(Int)
    /// A number with `decimals` decimals.
    case number(Double, decimals: Int)
    /// A yes/no value.
    case flag(Bool)

    /// The cell as CSV and JSON print it: fixed decimals, no exponent, no negative zero.
    public var formatted: String {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .flag(let value): return value ? "true" : "false"
        case .number(let value, let decimals):
            guard value.isFinite else { return "" }
            let text = String(format: "%.\(decimals)f", value)
            return text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
        }
    }
}

/// One collected table: a file name, its columns and its rows (already sorted).
public struct CollectedTable: Sendable, Equatable {
    /// The file name without extension, e.g. `peak-years`.
    public var name: String
    /// The column names.
    public var columns: [String]
    /// The rows.
    public var rows: [[TableCell]]

    /// Creates the table from its parts.
    public init(name: String, columns: [String], rows: [[TableCell]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// The table as CSV: a header line, then one line per row, `\n` line ends.
    public func csv() -> String {
        func field(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var out = columns.joined(separator: ",") + "\n"
        for row in rows { out += row.map { field($0.formatted) }.joined(separator: ",") + "\n" }
        return out
    }
}

/// Why a study cannot be collected yet.
public struct CollectError: Error, Equatable, CustomStringConvertible {
    /// Jobs of the plan without a result.
    public var missing: [StudyJob]
    /// A result file that cannot be read, if any.
    public var unreadable: String?

    /// The message for standard error.
    public var description: String {
        if let unreadable { return "cannot read the result \(unreadable) — delete it and run the study again" }
        let listed = missing.prefix(5).map { "  \($0.hash)  \($0.label)" }.joined(separator: "\n")
        return "\(missing.count) job(s) have no result yet — run `yrdplan study run` first:\n\(listed)"
            + (missing.count > 5 ? "\n  … \(missing.count - 5) more" : "")
    }
}

/// Aggregates a study's results into tables with deterministic bytes: rows sorted by their keys, numbers with a
/// fixed count of decimals, no time stamps — the same results give the same files on every executor.
public enum StudyCollector {
    /// The tables the study's `collect` asks for, from the plan's results in `store`.
    public static func collect(_ plan: StudyPlan, store: StudyStore) throws(CollectError) -> [CollectedTable] {
        let missing = plan.jobs.filter { !store.hasResult($0.hash) }
        guard missing.isEmpty else { throw CollectError(missing: missing) }
        var results: [JobResult] = []
        for job in plan.jobs {
            guard let result = try? store.result(job.hash) else {
                throw CollectError(missing: [], unreadable: "results/\(job.hash).json")
            }
            results.append(result)
        }
        return tables(plan.definition.tables, results: results)
    }

    /// The tables computed from `results`.
    public static func tables(_ wanted: [StudyTable], results: [JobResult]) -> [CollectedTable] {
        StudyTable.allCases.filter { wanted.contains($0) }.map { table in
            switch table {
            case .dispatchRuns: dispatchRuns(results)
            case .dispatchSummary: dispatchSummary(results)
            case .projectionRuns: projectionRuns(results)
            case .peakYears: peakYears(results)
            case .checks: checks(results)
            case .game: game(results)
            }
        }
    }

    // MARK: Tables

    static func dispatchRuns(_ results: [JobResult]) -> CollectedTable {
        let rows = results.compactMap { r -> (key: [String], row: [TableCell])? in
            guard let d = r.dispatch, let variant = r.job.gridVariant, let year = r.job.year else { return nil }
            return (
                [variant, String(format: "%06d", year), String(format: "%09d", r.job.draw)],
                [
                    .text(variant), .integer(year), .integer(r.job.draw), .number(d.objectiveYuan, decimals: 0),
                    .number(d.totalCo2T, decimals: 0), .number(d.shedMwh, decimals: 1), .number(d.demandMwh, decimals: 0),
                    .text(r.job.hash),
                ]
            )
        }
        return CollectedTable(
            name: "dispatch",
            columns: ["grid_variant", "year", "draw", "objective_yuan", "total_co2_t", "shed_mwh", "demand_mwh", "job"],
            rows: sorted(rows))
    }

    static func dispatchSummary(_ results: [JobResult]) -> CollectedTable {
        var groups: [String: (variant: String, year: Int, runs: [(Int, DispatchSummary)])] = [:]
        for r in results {
            guard let d = r.dispatch, let variant = r.job.gridVariant, let year = r.job.year else { continue }
            groups["\(variant)\u{0}\(String(format: "%06d", year))", default: (variant, year, [])].runs.append((r.job.draw, d))
        }
        let rows = groups.keys.sorted().map { key -> [TableCell] in
            let group = groups[key]!
            let runs = group.runs.sorted { $0.0 < $1.0 }.map(\.1)
            func stats(_ value: (DispatchSummary) -> Double, decimals: Int) -> [TableCell] {
                let values = runs.map(value)
                let mean = values.reduce(0, +) / Double(values.count)
                return [
                    .number(mean, decimals: decimals), .number(values.min()!, decimals: decimals),
                    .number(values.max()!, decimals: decimals),
                ]
            }
            return [.text(group.variant), .integer(group.year), .integer(runs.count)]
                + stats(\.objectiveYuan, decimals: 0) + stats(\.totalCo2T, decimals: 0) + stats(\.shedMwh, decimals: 1)
        }
        return CollectedTable(
            name: "dispatch-summary",
            columns: [
                "grid_variant", "year", "draws", "objective_yuan_mean", "objective_yuan_min", "objective_yuan_max", "total_co2_t_mean",
                "total_co2_t_min", "total_co2_t_max", "shed_mwh_mean", "shed_mwh_min", "shed_mwh_max",
            ],
            rows: rows)
    }

    static func projectionRuns(_ results: [JobResult]) -> CollectedTable {
        var rows: [(key: [String], row: [TableCell])] = []
        for r in results {
            guard let peaks = r.projection, let scenario = r.job.scenario else { continue }
            for (index, p) in peaks.enumerated() {
                rows.append(
                    (
                        [scenario, String(format: "%09d", r.job.draw), String(format: "%04d", index)],
                        [
                            .text(scenario), .integer(r.job.draw), .text(p.region), .integer(p.peakYear), .number(p.peakMt, decimals: 3),
                            .number(p.total2030Mt ?? .nan, decimals: 3), .number(p.total2060Mt ?? .nan, decimals: 3),
                            .flag(p.peaksBefore2030),
                        ]
                    ))
            }
        }
        return CollectedTable(
            name: "projection",
            columns: ["scenario", "draw", "region", "peak_year", "peak_mt", "total_2030_mt", "total_2060_mt", "peaks_before_2030"],
            rows: sorted(rows))
    }

    static func peakYears(_ results: [JobResult]) -> CollectedTable {
        var counts: [String: Int] = [:]
        var draws: [String: Int] = [:]
        var regionOrder: [String: Int] = [:]
        for r in results {
            guard let peaks = r.projection, let scenario = r.job.scenario else { continue }
            for (index, p) in peaks.enumerated() {
                regionOrder[p.region] = index
                draws["\(scenario)\u{0}\(p.region)", default: 0] += 1
                counts["\(scenario)\u{0}\(p.region)\u{0}\(p.peakYear)", default: 0] += 1
            }
        }
        let rows = counts.map { key, count -> (key: [String], row: [TableCell]) in
            let parts = key.split(separator: "\u{0}").map(String.init)
            let total = draws["\(parts[0])\u{0}\(parts[1])"] ?? 1
            return (
                [parts[0], String(format: "%04d", regionOrder[parts[1]] ?? 0), parts[2]],
                [
                    .text(parts[0]), .text(parts[1]), .integer(Int(parts[2]) ?? 0), .integer(count), .integer(total),
                    .number(Double(count) / Double(total), decimals: 4),
                ]
            )
        }
        return CollectedTable(
            name: "peak-years", columns: ["scenario", "region", "peak_year", "draws", "of_draws", "share"], rows: sorted(rows))
    }

    static func checks(_ results: [JobResult]) -> CollectedTable {
        var tally: [String: (held: Int, draws: Int, worst: Double)] = [:]
        for r in results {
            guard let outcomes = r.checks, let agreement = r.job.agreement else { continue }
            for o in outcomes {
                var entry = tally["\(agreement)\u{0}\(o.property)", default: (0, 0, 0)]
                entry.draws += 1
                if o.held { entry.held += 1 }
                entry.worst = max(entry.worst, o.violation)
                tally["\(agreement)\u{0}\(o.property)"] = entry
            }
        }
        let rows = tally.keys.sorted().map { key -> [TableCell] in
            let parts = key.split(separator: "\u{0}").map(String.init)
            let t = tally[key]!
            return [
                .text(parts[0]), .text(parts[1]), .integer(t.held), .integer(t.draws),
                .number(Double(t.held) / Double(t.draws), decimals: 4),
                .number(t.worst, decimals: 6),
            ]
        }
        return CollectedTable(
            name: "checks", columns: ["agreement", "property", "held_in", "draws", "share", "max_violation"], rows: rows)
    }

    static func game(_ results: [JobResult]) -> CollectedTable {
        var rows: [(key: [String], row: [TableCell])] = []
        for r in results {
            guard let game = r.game, let agreement = r.job.agreement else { continue }
            for (ruleIndex, rule) in game.rules.enumerated() {
                for (partyIndex, party) in game.parties.enumerated() where partyIndex < rule.values.count {
                    rows.append(
                        (
                            [
                                agreement, String(format: "%09d", r.job.draw), String(format: "%04d", ruleIndex),
                                String(format: "%04d", partyIndex),
                            ],
                            [
                                .text(agreement), .integer(r.job.draw), .text(rule.rule), .text(party),
                                .number(rule.values[partyIndex], decimals: 6),
                                .text(game.unit),
                            ]
                        ))
                }
            }
        }
        return CollectedTable(name: "game", columns: ["agreement", "draw", "rule", "party", "value", "unit"], rows: sorted(rows))
    }

    static func sorted(_ rows: [(key: [String], row: [TableCell])]) -> [[TableCell]] {
        rows.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.row)
    }
}
