import Pathways
import RegionModel

// MARK: - What the analysis layer computes: plain values, each figure with its provenance.
//
// The analyses (Pathways, PowerFlow, BenefitSharing) run on the one RegionalModel; this target turns their
// results into these values once. Briefs only formats and lays them out, the CLI prints them; a section or chart
// whose input is absent is not rendered: a brief never shows a figure the model did not compute.

extension Confidence: Codable {}

/// Where a brief figure comes from: the publication or model run, its year and how far it can be trusted
/// (`confidence` is the shared model's `sourced | estimate | synthetic`).
public struct Citation: Hashable, Sendable, Codable {
    /// A stable key of the source, `[a-z0-9-]` (e.g. `paper-table1`, `model-pathways`); anchors the data page.
    public var sourceKey: String
    /// The source in words (publication and table, or the model step and its input files).
    public var source: String
    /// The year the figure describes or was published for.
    public var year: Int
    public var confidence: Confidence
    /// Why an estimate or synthetic figure is what it is; required for those by the brief builder.
    public var note: String?
    /// The Chinese of what yrdplan wrote of `source` up to its first `;` (the model step and file); the inputs after
    /// it are external titles and stay in their own language. `nil` for a source quoted from the data.
    public var sourceZh: String?
    /// The Chinese of a `note` yrdplan wrote; `nil` for a note quoted from the data.
    public var noteZh: String?
    /// The external sources the figure rests on, each `key (title)` with the title as published; the Chinese form
    /// cites them after `sourceZh`.
    public var inputs: [String]?

    /// The citation up to its first `;` (the model step and file, without the list of inputs), for figures and
    /// charts; the full text is on the methods page and in the XML brief's `<sources>`.
    public var shortSource: String {
        String(source.split(separator: ";", maxSplits: 1).first ?? Substring(source))
    }

    /// What follows the first `;` of `source`: `inputs: key (title); …` or the command that prints the figures.
    public var sourceTail: String? {
        guard let split = source.firstIndex(of: ";") else { return nil }
        let tail = String(source[source.index(after: split)...].drop { $0 == " " })
        return tail.isEmpty ? nil : tail
    }

    public init(
        sourceKey: String, source: String, year: Int, confidence: Confidence, note: String? = nil, sourceZh: String? = nil,
        noteZh: String? = nil, inputs: [String]? = nil
    ) {
        self.sourceKey = sourceKey
        self.source = source
        self.year = year
        self.confidence = confidence
        self.note = note
        self.sourceZh = sourceZh
        self.noteZh = noteZh
        self.inputs = inputs
    }
}

/// One number shown in a brief: value, unit and provenance.
public struct Figure: Hashable, Sendable, Codable {
    public var value: Double
    /// The unit as printed (e.g. `Mt CO2`, `t CO2/万元`, `fraction`, `1/yr`, `TWh`).
    public var unit: String
    public var provenance: Citation

    public init(_ value: Double, unit: String, _ provenance: Citation) {
        self.value = value
        self.unit = unit
        self.provenance = provenance
    }
}

/// A value for one year of a series.
public struct YearValue: Hashable, Sendable, Codable {
    public var year: Int
    public var value: Double

    public init(_ year: Int, _ value: Double) {
        self.year = year
        self.value = value
    }
}

/// One scenario's emission trajectory for a province or the region, with its peak.
public struct ScenarioTrajectory: Hashable, Sendable, Codable {
    /// Scenario id `[a-z0-9-]` (`baseline`, `policy`, `accelerated`, …); names come from the string tables.
    public var scenario: String
    /// Emissions per year in Mt CO2, ascending years.
    public var points: [YearValue]
    /// The peak year and value; `nil` when emissions still rise at the horizon.
    public var peak: YearValue?
    /// True when the peak is the first year with data: emissions fall from there, the true peak may be earlier.
    public var peakAtFirstYear: Bool?
    /// Whether the trajectory peaks by 2030 (`Pathways.Trajectory.verdict`, the one rule for it).
    public var verdict: PeakVerdict
    public var provenance: Citation
    /// How the peak year spreads over the seeded Monte Carlo (`UncertaintyAnalysis`); `nil` when not run.
    public var spread: PeakSpread?

    /// A trajectory; `verdict` defaults to the rule applied to `peak` (no peak: still rising at the horizon).
    public init(
        scenario: String, points: [YearValue], peak: YearValue?, peakAtFirstYear: Bool? = nil, verdict: PeakVerdict? = nil,
        provenance: Citation
    ) {
        self.scenario = scenario
        self.points = points
        self.peak = peak
        self.peakAtFirstYear = peakAtFirstYear
        self.verdict = verdict ?? PeakVerdict(peakYear: peak?.year)
        self.provenance = provenance
    }

    /// Decodes a stored trajectory; one written without `verdict` gets the rule applied to its `peak`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let peak = try container.decodeIfPresent(YearValue.self, forKey: .peak)
        self.init(
            scenario: try container.decode(String.self, forKey: .scenario),
            points: try container.decode([YearValue].self, forKey: .points), peak: peak,
            peakAtFirstYear: try container.decodeIfPresent(Bool.self, forKey: .peakAtFirstYear),
            verdict: try container.decodeIfPresent(PeakVerdict.self, forKey: .verdict),
            provenance: try container.decode(Citation.self, forKey: .provenance))
        spread = try container.decodeIfPresent(PeakSpread.self, forKey: .spread)
    }
}

/// The peak year's spread over the Monte Carlo draws: nearest-rank 5 %, 50 % and 95 % (`nil` = a draw still rising
/// at the horizon) and the share of draws that peak by 2030 (`PeakDistribution`).
public struct PeakSpread: Hashable, Sendable, Codable {
    public var draws: Int
    public var seed: UInt64
    public var p5: Int?
    public var median: Int?
    public var p95: Int?
    /// P(peak year ≤ 2030).
    public var pBy2030: Double
    /// The share of draws still rising at the horizon.
    public var pNoPeak: Double

    public init(draws: Int, seed: UInt64, p5: Int?, median: Int?, p95: Int?, pBy2030: Double, pNoPeak: Double) {
        self.draws = draws
        self.seed = seed
        self.p5 = p5
        self.median = median
        self.p95 = p95
        self.pBy2030 = pBy2030
        self.pNoPeak = pNoPeak
    }
}

/// Emissions of one sector in the base year, direct (combustion, process) and indirect (electricity).
public struct SectorEmissions: Hashable, Sendable, Codable {
    /// Sector id `[a-z0-9-]` (`power`, `industry`, `steel`, `transport`, `buildings`, …).
    public var sector: String
    public var direct: Figure
    /// Electricity-related emissions booked to this sector; `nil` when not computed.
    public var indirect: Figure?

    public init(sector: String, direct: Figure, indirect: Figure? = nil) {
        self.sector = sector
        self.direct = direct
        self.indirect = indirect
    }
}

/// A measured indicator that drives the difficulties section (compared with a stated threshold).
public struct IndicatorValue: Hashable, Sendable, Codable {
    /// Which indicator (`BottleneckRule.indicator`).
    public var indicator: String
    public var figure: Figure

    public init(indicator: String, figure: Figure) {
        self.indicator = indicator
        self.figure = figure
    }
}

/// Electricity supply split into local thermal and imported, with their emissions.
public struct PowerSupply: Hashable, Sendable, Codable {
    /// CO2 of local thermal generation.
    public var localThermal: Figure
    /// CO2 embodied in imported electricity.
    public var imported: Figure
    /// CO2 of electricity sent out of the province (subtracted from the power sector); `nil` when none.
    public var exported: Figure?

    public init(localThermal: Figure, imported: Figure, exported: Figure? = nil) {
        self.localThermal = localThermal
        self.imported = imported
        self.exported = exported
    }

    /// Imported electricity's share of the power sector's CO2 (local thermal + imported − exported).
    public var importedShare: Double {
        let total = localThermal.value + imported.value - (exported?.value ?? 0)
        return total > 0 ? imported.value / total : 0
    }
}

/// What the model computed for one province.
public struct ProvinceInput: Hashable, Sendable, Codable {
    /// Region id, `[a-z0-9-]`; becomes a file name.
    public var id: String
    /// Display names by language code (`zh-CN`, `en`).
    public var names: [String: String]
    /// The data file the province came from (for `file:line` messages), e.g. `Regions/shanghai.yaml`.
    public var sourceFile: String
    public var baseYear: Int
    /// Total CO2 in the base year (electricity counted where consumed).
    public var total: Figure
    /// CO2 per unit of GDP in the base year; `nil` when not computed.
    public var intensity: Figure?
    /// Historical totals (Mt CO2), ascending; shown in the trend and chart.
    public var history: [YearValue]
    public var historyProvenance: Citation?
    public var sectors: [SectorEmissions]
    public var power: PowerSupply?
    public var indicators: [IndicatorValue]
    /// One trajectory per scenario, in the order scenarios are shown.
    public var trajectories: [ScenarioTrajectory]
    /// CO2 intensity of the power the province receives over corridors (dispatch, t CO2/MWh); `nil` when not computed.
    public var importFactor: Figure?

    public init(
        id: String, names: [String: String], sourceFile: String, baseYear: Int, total: Figure,
        intensity: Figure? = nil, history: [YearValue] = [], historyProvenance: Citation? = nil,
        sectors: [SectorEmissions] = [], power: PowerSupply? = nil, indicators: [IndicatorValue] = [],
        trajectories: [ScenarioTrajectory] = []
    ) {
        self.id = id
        self.names = names
        self.sourceFile = sourceFile
        self.baseYear = baseYear
        self.total = total
        self.intensity = intensity
        self.history = history
        self.historyProvenance = historyProvenance
        self.sectors = sectors
        self.power = power
        self.indicators = indicators
        self.trajectories = trajectories
    }
}

/// Annual flow on one UHV or AC corridor (from the dispatch), for the regional map.
public struct CorridorFlow: Hashable, Sendable, Codable {
    /// Corridor id `[a-z0-9-]`.
    public var id: String
    /// Origin: a province id or an external supply region id.
    public var from: String
    /// Destination province id.
    public var to: String
    /// Annual energy delivered (TWh).
    public var flow: Figure
    /// Share of hours at capacity (0…1); `nil` when not computed.
    public var congestion: Double?
    /// The corridor's own name (e.g. `Gezhouba-Nanqiao`), shown when two corridors join the same places.
    public var name: String?
    /// The year a planned line enters service in the scenario (it does not exist in the grid's observed year);
    /// `nil` for a line in service.
    public var plannedFrom: Int?
    /// The grid scenario whose dispatch gave the flow (`policy`); `nil` when not stated.
    public var scenario: String?

    public init(
        id: String, from: String, to: String, flow: Figure, congestion: Double? = nil, name: String? = nil, plannedFrom: Int? = nil,
        scenario: String? = nil
    ) {
        self.id = id
        self.name = name
        self.plannedFrom = plannedFrom
        self.scenario = scenario
        self.from = from
        self.to = to
        self.flow = flow
        self.congestion = congestion
    }
}

/// Shares of one benefit under several allocation rules, for comparing the rules side by side.
public struct AllocationComparison: Hashable, Sendable, Codable {
    /// What is shared (an id of the string tables, e.g. `pooled-dispatch-savings`).
    public var benefit: String
    /// Rule ids (`shapley`, `nucleolus`, `proportional`, …) in display order.
    public var rules: [String]
    /// `shares[rule][province]` in the unit of `unit`.
    public var shares: [String: [String: Double]]
    public var unit: String
    public var provenance: Citation

    public init(benefit: String, rules: [String], shares: [String: [String: Double]], unit: String, provenance: Citation) {
        self.benefit = benefit
        self.rules = rules
        self.shares = shares
        self.unit = unit
        self.provenance = provenance
    }
}

/// One province's position in the joint innovation fund.
public struct FundPosition: Hashable, Sendable, Codable {
    public var province: String
    public var contribution: Figure
    public var benefit: Figure

    public init(province: String, contribution: Figure, benefit: Figure) {
        self.province = province
        self.contribution = contribution
        self.benefit = benefit
    }
}

/// One period of an agreed split of a stream (GDP statistics, tax, emissions) between origin and destination.
public struct SplitRow: Hashable, Sendable, Codable {
    /// `gdp-statistics`, `tax` or `emissions`.
    public var stream: String
    /// First and last agreement year of the period (1-based); `toYear` is the horizon for an open-ended period.
    public var fromYear: Int
    public var toYear: Int
    public var originShare: Double
    public var destinationShare: Double

    public init(stream: String, fromYear: Int, toYear: Int, originShare: Double, destinationShare: Double) {
        self.stream = stream
        self.fromYear = fromYear
        self.toYear = toYear
        self.originShare = originShare
        self.destinationShare = destinationShare
    }
}

/// One property the relocation's rule must keep, as `yrdplan check` judged it.
public struct RuleCheckResult: Hashable, Sendable, Codable {
    /// The property id (`efficiency`, `individual-rationality`, `core`, `monotonicity`, `floor`, …).
    public var property: String
    public var held: Bool
    /// For a failure: the model's counterexample (parties and amounts).
    public var counterexample: String?
    /// The same counterexample in Chinese, with the provinces' Chinese names (`Counterexample.rendered(in: .zhCN)`).
    public var counterexampleZh: String?

    public init(property: String, held: Bool, counterexample: String? = nil, counterexampleZh: String? = nil) {
        self.property = property
        self.held = held
        self.counterexample = counterexample
        self.counterexampleZh = counterexampleZh
    }
}

/// An industry-relocation agreement as evaluated by the model: the deal, the split schedule, each party's NPV
/// and the rule checks (the same evaluation as `yrdplan check --details`).
public struct RelocationDeal: Hashable, Sendable, Codable {
    /// Agreement id `[a-z0-9-]`.
    public var id: String
    public var title: String
    public var origin: String
    public var destination: String
    public var horizonYears: Int
    public var splits: [SplitRow]
    /// Provenance of the split schedule (the agreement file).
    public var splitProvenance: Citation
    /// NPV per party relative to no move, keyed by province id.
    public var npv: [String: Figure]
    public var checks: [RuleCheckResult]
    /// What the relocation moves per year (CO2, GDP, jobs, tax), before and after; `nil` when not computed.
    public var moves: [RelocationMove]?

    public init(
        id: String, title: String, origin: String, destination: String, horizonYears: Int, splits: [SplitRow],
        splitProvenance: Citation, npv: [String: Figure], checks: [RuleCheckResult]
    ) {
        self.id = id
        self.title = title
        self.origin = origin
        self.destination = destination
        self.horizonYears = horizonYears
        self.splits = splits
        self.splitProvenance = splitProvenance
        self.npv = npv
        self.checks = checks
    }
}

/// Everything one edition of the site is built from.
public struct BriefInput: Hashable, Sendable, Codable {
    /// The edition's date `YYYY-MM-DD`, from the data (never the clock).
    public var editionDate: String
    /// Scenario ids in display order; the first with a headline role is named by `headlineScenario`.
    public var scenarios: [String]
    /// The scenario whose peak gives the verdict (usually `policy`).
    public var headlineScenario: String
    public var provinces: [ProvinceInput]
    /// Regional totals per scenario (sum of provinces), when computed.
    public var regionTrajectories: [ScenarioTrajectory]
    /// Corridor flows from the dispatch; empty when the dispatch was not run.
    public var corridors: [CorridorFlow]
    /// Corridor flows of the dispatch of the grid as it was in its observed (base) year, shown apart from the
    /// scenario's; `nil` when the headline dispatch is already the observed year's, or when not computed.
    public var observedCorridors: [CorridorFlow]?
    /// Allocation rules compared; `nil` when no game was solved.
    public var allocation: AllocationComparison?
    /// Joint fund positions; empty when not computed.
    public var fund: [FundPosition]
    /// Industry-relocation agreements evaluated by the model; `nil` or empty when not computed.
    public var relocations: [RelocationDeal]?
    /// Every source cited, keyed by `Citation.sourceKey`, for the data page.
    public var downloads: [Download]
    /// Scenario names and one-line summaries by language, from the scenario files (else the string tables).
    public var scenarioLabels: [String: ScenarioLabel]?
    /// The sources that state their own terms of reuse (`licence:` in `Regions/sources.yaml`), by source key; empty
    /// when none does, `nil` when not known (an input made elsewhere).
    public var sourceTerms: [SourceTerms]?
    /// What each province must do to peak by the target year with the asked probability (`GoalSeekAnalysis`);
    /// `nil` when not computed.
    public var goal: GoalSeekResult?
    /// What each province should do about each agreement (sign, renegotiate with the designed amendment, refuse);
    /// `nil` when not computed.
    public var dealActions: [DealAction]?
    /// The pooled-dispatch agreement in full (total saving, each share, the checks); `nil` when not computed.
    public var pooled: PooledDeal?

    public init(
        editionDate: String, scenarios: [String], headlineScenario: String, provinces: [ProvinceInput],
        regionTrajectories: [ScenarioTrajectory] = [], corridors: [CorridorFlow] = [], allocation: AllocationComparison? = nil,
        fund: [FundPosition] = [], relocations: [RelocationDeal]? = nil, downloads: [Download] = [],
        scenarioLabels: [String: ScenarioLabel]? = nil
    ) {
        self.relocations = relocations
        self.editionDate = editionDate
        self.scenarios = scenarios
        self.headlineScenario = headlineScenario
        self.provinces = provinces
        self.regionTrajectories = regionTrajectories
        self.corridors = corridors
        self.allocation = allocation
        self.fund = fund
        self.downloads = downloads
        self.scenarioLabels = scenarioLabels
    }
}

/// A source's own terms of reuse, as it states them.
public struct SourceTerms: Hashable, Sendable, Codable {
    public var sourceKey: String
    public var title: String
    public var licence: String

    public init(sourceKey: String, title: String, licence: String) {
        self.sourceKey = sourceKey
        self.title = title
        self.licence = licence
    }
}

/// A scenario's title and summary in each language (`zh-CN`, `en`).
public struct ScenarioLabel: Hashable, Sendable, Codable {
    public var names: [String: String]
    public var summaries: [String: String]
    /// Each province's named targets under the scenario, by province id (from the scenario file's `targets`).
    public var targets: [String: [ScenarioTarget]]?

    public init(names: [String: String], summaries: [String: String]) {
        self.names = names
        self.summaries = summaries
    }
}

/// A province's named target in each language (`zh-CN`, `en`) with its source.
public struct ScenarioTarget: Hashable, Sendable, Codable {
    public var texts: [String: String]
    public var provenance: Citation

    public init(texts: [String: String], provenance: Citation) {
        self.texts = texts
        self.provenance = provenance
    }
}

/// A file of model results offered on the data page (CSV or JSON), produced by whoever fills the input.
public struct Download: Hashable, Sendable, Codable {
    /// File name `[a-z0-9-]+\.(csv|json)`.
    public var fileName: String
    public var contents: String

    public init(fileName: String, contents: String) {
        self.fileName = fileName
        self.contents = contents
    }
}
