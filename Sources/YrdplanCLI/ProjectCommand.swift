import Analysis
import ArgumentParser
import Pathways
import RegionModel

/// `yrdplan project`: trajectories to the horizon with the peak year, per province and for the delta.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project CO2 to 2060 per province and for the delta: peak year and value, 'peak before 2030'.",
        discussion: "Without --scenario every scenario in Regions/scenarios/ is projected. --decompose A-B adds an LMDI "
            + "(Kaya) decomposition of the change between two years: population, GDP per capita, energy intensity and "
            + "carbon intensity effects, which sum exactly to the change. A seeded Monte Carlo (--draws, --seed) over every "
            + "stated range (province observations' ranges, scenario levers' band/ranges) gives the peak year's 5-95 % "
            + "spread and P(peak ≤ 2030); --draws 0 skips it.")

    @OptionGroup var options: RegionOptions

    @Option(help: "Scenario name (default: all).")
    var scenario: String?

    @Option(help: "Decompose the change between two years, e.g. 2020-2030.")
    var decompose: YearSpan?

    @Option(help: "Project from the latest complete year up to this one; recorded years after it are ignored.")
    var baseYear: Int?

    @Option(help: "Monte Carlo draws over the stated ranges (0: none).")
    var draws: Int = UncertaintyAnalysis.defaultDraws

    @Option(help: "Seed of the Monte Carlo draws (the same seed gives the same result).")
    var seed: UInt64 = 1

    @Option(help: "Goal seek: the latest peak year the goal accepts, e.g. 2030 (with --probability).")
    var targetPeak: Int?

    @Option(help: "Goal seek: the probability of peaking by --target-peak that the levers must reach.")
    var probability: Double = 0.9

    @Option(help: "Goal seek: the scenario whose levers the announced plan (--scenario, default policy) moves toward.")
    var toward: String = "accelerated"

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func validate() throws {
        guard draws >= 0 else { throw ValidationError("--draws must be 0 or more") }
        if targetPeak != nil {
            guard draws > 0 else { throw ValidationError("--target-peak needs draws: give --draws 1 or more") }
            guard probability > 0, probability <= 1 else { throw ValidationError("--probability must be in (0, 1], e.g. 0.9") }
            guard decompose == nil, baseYear == nil else {
                throw ValidationError("--target-peak cannot be combined with --decompose or --base-year")
            }
        }
    }

    /// `--target-peak`: the lever gaps between the announced plan and what the goal needs, per province.
    func runGoalSeek(_ model: RegionalModel) throws {
        func named(_ name: String) throws -> Scenario {
            guard let found = model.scenario(name) else {
                throw ValidationError("unknown scenario '\(name)' — use one of: \(model.scenarios.map(\.name).joined(separator: ", "))")
            }
            return found
        }
        let from = try named(scenario ?? "policy")
        let target = try named(toward)
        let result: GoalSeekResult
        do {
            result = try GoalSeekAnalysis.run(
                model, from: from, toward: target, targetYear: targetPeak!, probability: probability, draws: draws, seed: seed)
        } catch {
            throw CommandFailure(error)
        }
        if json {
            print(GoalSeekReport.json(result).rendered(), terminator: "")
        } else {
            print(GoalSeekReport.table(model: model, result), terminator: "")
        }
    }

    func run() throws {
        let model = try options.loadModel()
        if targetPeak != nil { return try runGoalSeek(model) }
        let scenarios: [Scenario]
        if let scenario {
            guard let found = model.scenario(scenario) else {
                throw ValidationError("unknown scenario '\(scenario)' — use one of: \(model.scenarios.map(\.name).joined(separator: ", "))")
            }
            scenarios = [found]
        } else {
            scenarios = model.scenarios
        }
        guard !scenarios.isEmpty else {
            throw ValidationError("no scenarios in \(options.regionsPath)/scenarios — add one (see docs/data.md)")
        }
        let outlooks: [RegionalOutlook]
        do { outlooks = try ProjectionAnalysis.outlooks(model, scenarios: scenarios, baseYear: baseYear) } catch {
            throw CommandFailure(error)
        }
        if let span = decompose, let outlook = outlooks.first,
            outlook.delta.year(span.range.lowerBound) == nil || outlook.delta.year(span.range.upperBound) == nil
        {
            let years = outlook.delta.years.map(\.year)
            throw ValidationError(
                "cannot decompose \(span.range.lowerBound)-\(span.range.upperBound): years available are \(years.first ?? 0)-\(years.last ?? 0)"
            )
        }
        var uncertainty: [OutlookUncertainty] = []
        if draws > 0 {
            do {
                uncertainty = try UncertaintyAnalysis.run(model, scenarios: scenarios, draws: draws, seed: seed, baseYear: baseYear)
            } catch {
                throw CommandFailure(error)
            }
        }
        if json {
            print(ProjectionReport.json(outlooks, decompose: decompose?.range, uncertainty: uncertainty).rendered(), terminator: "")
        } else {
            print(ProjectionReport.table(model: model, outlooks, decompose: decompose?.range, uncertainty: uncertainty), terminator: "")
        }
    }
}

/// Renders projections as tables and JSON (shared with the main job and the briefs' downloads).
public enum ProjectionReport {
    /// The `project --json` document; with `uncertainty` (one per outlook, same order) every trajectory gains an
    /// `uncertainty` object and the document its `draws` and `seed`.
    public static func json(_ outlooks: [RegionalOutlook], decompose: ClosedRange<Int>?, uncertainty: [OutlookUncertainty] = [])
        -> JSONValue
    {
        var fields: [(String, JSONValue)] = [("unit", .string("Mt CO2"))]
        if let first = uncertainty.first {
            fields += [("draws", .number(Double(first.draws))), ("seed", .number(Double(first.seed)))]
        }
        fields.append(
            (
                "scenarios",
                .array(
                    outlooks.map { outlook in
                        let spread = uncertainty.first { $0.scenario == outlook.scenario.name }
                        func entry(_ t: Trajectory) -> JSONValue {
                            trajectory(t, decompose: decompose, uncertainty: spread?.distributions[t.region.rawValue])
                        }
                        return .object([
                            ("name", .string(outlook.scenario.name)),
                            ("title", .string(outlook.scenario.title.en)),
                            ("regions", .object(outlook.provinces.map { ($0.region.rawValue, entry($0)) })),
                            ("delta", entry(outlook.delta)),
                        ])
                    })
            ))
        return .object(fields)
    }

    /// The `uncertainty` object of one trajectory.
    static func distribution(_ d: PeakDistribution) -> JSONValue {
        func year(_ y: Int?) -> JSONValue { y.map { .number(Double($0)) } ?? .null }
        return .object([
            ("draws", .number(Double(d.draws))),
            ("peak_year_p5", year(d.peakYearP5)),
            ("peak_year_median", year(d.peakYearMedian)),
            ("peak_year_p95", year(d.peakYearP95)),
            ("p_peak_by_2030", .rounded(d.pPeakBy2030, 4)),
            ("p_no_peak", .rounded(d.pNoPeak, 4)),
            (
                "bands",
                .array(
                    d.bands.map { b in
                        .object([
                            ("year", .number(Double(b.year))), ("p5_mt", .rounded(b.p5)), ("p50_mt", .rounded(b.median)),
                            ("p95_mt", .rounded(b.p95)),
                        ])
                    })
            ),
        ])
    }

    /// The uncertain peak as the table prints it: "2031 (2027–2034), P(≤2030) 0.46"; a quantile that is a draw still
    /// rising at the horizon reads ">Y", one at the first year with data "≤Y" (as the verdict column).
    static func distributionCell(_ d: PeakDistribution, horizon: Int, firstYear: Int?) -> String {
        func year(_ y: Int?) -> String {
            guard let y else { return ">\(horizon)" }
            return (y == firstYear ? "≤" : "") + String(y)
        }
        return "\(year(d.peakYearMedian)) (\(year(d.peakYearP5))–\(year(d.peakYearP95))), P(≤2030) \(String(format: "%.2f", d.pPeakBy2030))"
    }

    static func trajectory(_ t: Trajectory, decompose: ClosedRange<Int>?, uncertainty: PeakDistribution? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("region", .string(t.region.rawValue)),
            ("base_year", .number(Double(t.baseYear))),
            ("peak_year", .number(Double(t.peak.year))),
            ("peak_mt", .rounded(t.peak.value.value)),
            ("peak_at_first_year", .bool(t.peakIsFirstYear)),
            ("peak_at_last_year", .bool(t.peakIsLastYear)),
            ("peaks_before_2030", .bool(t.peaksBy2030)),
        ]
        if let uncertainty { fields.append(("uncertainty", distribution(uncertainty))) }
        for year in [2030, 2060] {
            if let y = t.year(year) { fields.append(("total_\(year)_mt", .rounded(y.total.value))) }
        }
        if let range = decompose, let d = t.decomposition(from: range.lowerBound, to: range.upperBound) {
            fields.append(
                (
                    "decomposition",
                    .object([
                        ("from", .number(Double(d.fromYear))), ("to", .number(Double(d.toYear))),
                        ("change_mt", .rounded(d.totalChange.value)),
                        ("population_mt", .rounded(d.population.value)),
                        ("gdp_per_capita_mt", .rounded(d.gdpPerCapita.value)),
                        ("energy_intensity_mt", .rounded(d.energyIntensity.value)),
                        ("carbon_intensity_mt", .rounded(d.carbonIntensity.value)),
                    ])
                ))
        }
        fields.append(
            (
                "years",
                .array(
                    t.years.map { y in
                        .object([
                            ("year", .number(Double(y.year))),
                            ("observed", .bool(y.isObserved)),
                            ("total_mt", .rounded(y.total.value)),
                            ("intensity_t_per_10k_yuan", .rounded(y.account.intensity.value)),
                            ("power_mt", .rounded(y.account.power.total.value)),
                            ("sectors_direct_mt", .object(y.account.sectors.map { ($0.sector.rawValue, .rounded($0.direct.value)) })),
                            ("population_10k", .rounded(y.population.value)),
                            ("gdp_100m_yuan", .rounded(y.gdp.value)),
                            ("energy_10k_tce", .rounded(y.energy.value)),
                            ("electricity_twh", .rounded(y.electricityDemand.value)),
                        ])
                    })
            ))
        return .object(fields)
    }

    /// The peak year as the table prints it: `≤Y` when falling from the first year, `still rising in Y` when the
    /// highest year is the horizon (JSON keeps `peak_year` = Y with `peak_at_last_year: true`).
    static func peakYearCell(_ t: Trajectory) -> String {
        if t.peakIsLastYear { return "still rising in \(t.peak.year)" }
        return (t.peakIsFirstYear ? "≤" : "") + String(t.peak.year)
    }

    /// The human outlook: one table per scenario with base, 2030, 2060 and the peak; with `uncertainty`, the peak
    /// year's median and 5–95 % range over the draws and P(peak ≤ 2030) beside the verdict.
    public static func table(
        model: RegionalModel, _ outlooks: [RegionalOutlook], decompose: ClosedRange<Int>?, uncertainty: [OutlookUncertainty] = []
    ) -> String {
        var out = ""
        for outlook in outlooks {
            out += "Scenario \(outlook.scenario.name): \(outlook.scenario.title.en) — \(outlook.scenario.title.zh)\n\n"
            let spread = uncertainty.first { $0.scenario == outlook.scenario.name }
            var headers = ["Region", "Base", "Base Mt", "2030 Mt", "2060 Mt", "Peak year", "Peak Mt", "Peak ≤ 2030"]
            if let spread { headers.append("Peak over \(spread.draws) draws: median (5–95 %)") }
            var table = TextTable(headers: headers, rightAligned: [1, 2, 3, 4, 5, 6])
            for t in outlook.provinces + [outlook.delta] {
                let name = model.province(t.region.rawValue).map { "\($0.name.en) \($0.name.zh)" } ?? "Delta 长三角"
                let base = t.year(t.baseYear)?.total.value ?? .nan
                var row = [
                    name, String(t.baseYear), fixed(base), fixed(t.year(2030)?.total.value ?? .nan),
                    fixed(t.year(2060)?.total.value ?? .nan), peakYearCell(t),
                    t.peakIsLastYear ? "–" : fixed(t.peak.value.value), t.peaksBy2030 ? "yes" : "NO",
                ]
                if let d = spread?.distributions[t.region.rawValue] {
                    row.append(distributionCell(d, horizon: outlook.scenario.horizon, firstYear: t.years.first?.year))
                }
                table.add(row)
            }
            out += table.rendered()
            if let range = decompose {
                out += "\nLMDI decomposition \(range.lowerBound)→\(range.upperBound), Mt CO2\n"
                var d = TextTable(
                    headers: ["Region", "Change", "Population", "GDP/capita", "Energy/GDP", "CO2/energy"], rightAligned: [1, 2, 3, 4, 5])
                for t in outlook.provinces + [outlook.delta] {
                    guard let k = t.decomposition(from: range.lowerBound, to: range.upperBound) else { continue }
                    d.add([
                        t.region.rawValue, fixed(k.totalChange.value), fixed(k.population.value), fixed(k.gdpPerCapita.value),
                        fixed(k.energyIntensity.value), fixed(k.carbonIntensity.value),
                    ])
                }
                out += d.rendered()
            }
            out += "\n"
        }
        out += "Peak year '≤Y' means emissions fall from the first year with data (Y): the peak may lie earlier.\n"
        out += "'still rising in Y' means emissions still rise in the last projected year (no peak before the horizon).\n"
        if let first = uncertainty.first {
            out +=
                "Draws: \(first.draws) (seed \(first.seed)) over every stated range; '>Y' = still rising at the horizon in "
                + "that share of draws; P(≤2030) = share of draws that peak by 2030 (see docs/methods.md).\n"
        }
        out +=
            "Observed years come from Regions/ (sourced, derived or judged; `yrdplan validate` gives the shares); later years are projections.\n"
        return out
    }
}
