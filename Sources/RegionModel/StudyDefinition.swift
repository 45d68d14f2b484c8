import Diagnostics

/// A name written in a study file, with where it was written (for `file:line` when the model lacks it).
public struct StudyName: Sendable, Hashable {
    /// The name as written (a scenario, grid variant or agreement id).
    public var value: String
    /// Where it is written.
    public var location: SourceLocation

    /// Creates the name from its parts.
    public init(_ value: String, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// What one run of a study computes.
public enum StudyComputation: String, CaseIterable, Sendable, Hashable, Comparable {
    /// A typical-day dispatch of a grid variant in a year (per grid variant × year × draw).
    case dispatch
    /// Projections to the horizon with each province's peak (per scenario × draw).
    case projection
    /// The allocation-rule checks of an agreement (per agreement × draw).
    case check
    /// The allocation rules compared on an agreement's game: agreed, Shapley, nucleolus, Banzhaf, equal.
    case game

    /// Orders computations as `allCases` lists them.
    public static func < (a: StudyComputation, b: StudyComputation) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A table a study's `collect` can produce (docs/studies.md shows each one's columns).
public enum StudyTable: String, CaseIterable, Sendable, Hashable {
    /// `dispatch.csv`: one row per dispatch job.
    case dispatchRuns = "dispatch_runs"
    /// `dispatch-summary.csv`: mean, minimum and maximum over draws per grid variant and year.
    case dispatchSummary = "dispatch_summary"
    /// `projection.csv`: one row per projection job and region.
    case projectionRuns = "projection_runs"
    /// `peak-years.csv`: how many draws peak in each year, per scenario and region.
    case peakYears = "peak_years"
    /// `checks.csv`: in how many draws each required property held, per agreement.
    case checks
    /// `game.csv`: every rule's allocation per agreement, draw and party.
    case game

    /// The computation whose results the table reads.
    public var computation: StudyComputation {
        switch self {
        case .dispatchRuns, .dispatchSummary: .dispatch
        case .projectionRuns, .peakYears: .projection
        case .checks: .check
        case .game: .game
        }
    }
}

/// How a study's draws perturb the model (docs/studies.md, "What a draw perturbs"). Draw 0 is the data as written;
/// draw `d` ≥ 1 multiplies each perturbed number by its own factor `1 + s·u`, `u` uniform in [−1, 1) from a
/// SplitMix64 stream seeded by `seed` and `d`.
public struct StudyDraws: Sendable, Hashable {
    /// How many draws (numbered 0…count−1).
    public var count: Int
    /// The seed of every draw's random stream.
    public var seed: UInt64
    /// `s` for each load's demand in a dispatch.
    public var demandSpread: Double
    /// `s` for each lever path of a scenario in a projection (the result clamped into the lever's range).
    public var leverSpread: Double
    /// `s` for each uncertain figure of an agreement (as `yrdplan check --perturb`).
    public var agreementSpread: Double

    /// Creates the draws; the defaults give one unperturbed draw.
    public init(count: Int = 1, seed: UInt64 = 1, demandSpread: Double = 0, leverSpread: Double = 0, agreementSpread: Double = 0) {
        self.count = count
        self.seed = seed
        self.demandSpread = demandSpread
        self.leverSpread = leverSpread
        self.agreementSpread = agreementSpread
    }
}

/// The Slurm resources of a study's job array (the `slurm:` section).
public struct StudySlurmResources: Sendable, Hashable {
    /// `--partition`; `nil` uses the cluster's default.
    public var partition: String?
    /// `--cpus-per-task`.
    public var cpusPerTask: Int
    /// `--mem`, as Slurm spells it (`1G`, `500M`); `nil` leaves it to the cluster.
    public var memory: String?
    /// `--time`, as Slurm spells it (`00:10:00`); `nil` leaves it to the cluster.
    public var time: String?
    /// How many jobs one array task runs, one after another (amortises Slurm's per-task cost).
    public var chunkSize: Int
    /// At most this many array tasks run at once (`%M` of `--array`); `nil` for no limit.
    public var maxParallel: Int?

    /// Creates the resources; the defaults suit typical-day dispatches.
    public init(
        partition: String? = nil, cpusPerTask: Int = 1, memory: String? = nil, time: String? = nil, chunkSize: Int = 10,
        maxParallel: Int? = nil
    ) {
        self.partition = partition
        self.cpusPerTask = cpusPerTask
        self.memory = memory
        self.time = time
        self.chunkSize = chunkSize
        self.maxParallel = maxParallel
    }
}

/// A study file (`Studies/*.yaml`) as read: its axes, what each run computes, what to collect and the Slurm
/// resources. Names are checked against the model when the study is planned.
public struct StudyDefinition: Sendable {
    /// The study's name (lowercase `[a-z0-9-]`; it names the default store).
    public var name: String
    /// One line on what the study asks.
    public var title: String
    /// Projection scenarios (`Regions/scenarios/`).
    public var scenarios: [StudyName]
    /// Years of the grid variants' dispatch; empty: each variant's own year.
    public var years: [Int]
    /// Grid variants (overlays in `Regions/grid/scenarios/`).
    public var gridVariants: [StudyName]
    /// Agreements to check or play as games, by id.
    public var agreements: [StudyName]
    /// The draws and what they perturb.
    public var draws: StudyDraws
    /// What each run computes.
    public var computations: [StudyComputation]
    /// The tables `collect` writes.
    public var tables: [StudyTable]
    /// How many times a failing job is retried within one `run`.
    public var retries: Int
    /// The Slurm resources.
    public var slurm: StudySlurmResources
    /// The study file, as messages name it.
    public var file: String
    /// Where each top-level section is written (for messages about a section as a whole).
    public var sectionLocations: [String: SourceLocation]

    /// Creates the definition from its parts.
    public init(
        name: String, title: String, scenarios: [StudyName], years: [Int], gridVariants: [StudyName], agreements: [StudyName],
        draws: StudyDraws, computations: [StudyComputation], tables: [StudyTable], retries: Int, slurm: StudySlurmResources,
        file: String, sectionLocations: [String: SourceLocation] = [:]
    ) {
        self.name = name
        self.title = title
        self.scenarios = scenarios
        self.years = years
        self.gridVariants = gridVariants
        self.agreements = agreements
        self.draws = draws
        self.computations = computations
        self.tables = tables
        self.retries = retries
        self.slurm = slurm
        self.file = file
        self.sectionLocations = sectionLocations
    }
}
