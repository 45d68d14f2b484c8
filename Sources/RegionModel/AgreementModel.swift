import Diagnostics

// MARK: - Properties an agreement's rule must keep

/// A property that a sharing rule must keep, as listed under `checks:` in an agreement file.
public enum RequiredProperty: Hashable, Sendable, CustomStringConvertible {
    /// The shares add up to what the coalition of all parties creates.
    case efficiency
    /// Every party gets at least what it gets alone.
    case individualRationality
    /// No group of parties gets more on its own than the rule gives it.
    case coreMembership
    /// Parties that contribute the same to every coalition get the same.
    case symmetry
    /// A party that contributes nothing gets nothing.
    case nullPlayer
    /// When the total to share grows, no party gets less.
    case monotonicity
    /// Each named party gets at least this amount (in the agreement's payoff unit).
    case floor([String: Double])
    /// Benefit/contribution ratios of the parties differ by at most this much.
    case maxBenefitContributionGap(Double)

    /// The name used in files and reports.
    public var name: String {
        switch self {
        case .efficiency: "efficiency"
        case .individualRationality: "individual-rationality"
        case .coreMembership: "core"
        case .symmetry: "symmetry"
        case .nullPlayer: "null-player"
        case .monotonicity: "monotonicity"
        case .floor: "floor"
        case .maxBenefitContributionGap: "max-benefit-contribution-gap"
        }
    }

    public var description: String {
        switch self {
        case .floor(let floors):
            "floor (" + floors.keys.sorted().map { "\($0) ≥ \(floors[$0]!)" }.joined(separator: ", ") + ")"
        case .maxBenefitContributionGap(let gap): "max benefit/contribution gap \(gap)"
        default: name
        }
    }

    /// Property names that need no parameter.
    public static let plainNames: [String: RequiredProperty] = [
        "efficiency": .efficiency, "individual-rationality": .individualRationality, "core": .coreMembership,
        "symmetry": .symmetry, "null-player": .nullPlayer, "monotonicity": .monotonicity,
    ]
}

// MARK: - Industry relocation

/// A year-by-year split of one stream between the parties: for `years` years (nil: the rest of
/// the horizon) each party's share.
public struct AgreementSplitPeriod: Hashable, Sendable {
    public var years: Int?
    /// Share per party id.
    public var shares: [String: Double]
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(years: Int?, shares: [String: Double], location: SourceLocation? = nil) {
        self.years = years
        self.shares = shares
        self.location = location
    }
}

/// The yearly figures of a plant at one site.
public struct PlantFigures: Hashable, Sendable {
    /// Value added, 亿元 per year.
    public var valueAdded: AgreementFigure
    /// Tax retained locally, 亿元 per year.
    public var tax: AgreementFigure
    /// Jobs.
    public var jobs: AgreementFigure
    /// CO2 emitted, Mt CO2 per year (direct plus the site's grid electricity).
    public var co2: AgreementFigure

    /// Creates the value from its parts.
    public init(valueAdded: AgreementFigure, tax: AgreementFigure, jobs: AgreementFigure, co2: AgreementFigure) {
        self.valueAdded = valueAdded
        self.tax = tax
        self.jobs = jobs
        self.co2 = co2
    }
}

/// A cost of the move and who bears it.
public struct RelocationCost: Hashable, Sendable {
    public var name: String
    /// 亿元, once in the first year, or 亿元 per year.
    public var amount: AgreementFigure
    public var perYear: Bool
    /// Share of the cost per party id (sums to 1).
    public var paidBy: [String: Double]

    /// Creates the value from its parts.
    public init(name: String, amount: AgreementFigure, perYear: Bool, paidBy: [String: Double]) {
        self.name = name
        self.amount = amount
        self.perYear = perYear
        self.paidBy = paidBy
    }
}

/// Capacity moving from one province to another, with the agreed split of tax, GDP statistics
/// and emissions over the years (`Regions/agreements/relocation-*.yaml`).
public struct RelocationAgreement: Hashable, Sendable {
    public var id: String
    public var title: String
    public var origin: String
    public var destination: String
    public var horizonYears: Int
    public var discountRate: AgreementFigure
    /// Price put on a tonne of CO2 counted against a province (元/t CO2).
    public var carbonPrice: AgreementFigure
    /// The plant at the origin before the move.
    public var before: PlantFigures
    /// The plant at the destination after the move (destination grid and technology).
    public var after: PlantFigures
    /// Yearly value of the freed site to the origin (redevelopment), 亿元 per year.
    public var landValueFreed: AgreementFigure
    public var costs: [RelocationCost]
    public var taxSplit: [AgreementSplitPeriod]
    public var gdpSplit: [AgreementSplitPeriod]
    public var emissionsSplit: [AgreementSplitPeriod]
    /// Other destinations the origin could deal with instead (same splits, their own plant and costs):
    /// they become players, so the core check asks whether the origin and another host would do better.
    public var alternatives: [RelocationAlternative] = []
    public var checks: [RequiredProperty]
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(
        id: String, title: String, origin: String, destination: String, horizonYears: Int,
        discountRate: AgreementFigure, carbonPrice: AgreementFigure, before: PlantFigures, after: PlantFigures,
        landValueFreed: AgreementFigure, costs: [RelocationCost], taxSplit: [AgreementSplitPeriod],
        gdpSplit: [AgreementSplitPeriod], emissionsSplit: [AgreementSplitPeriod], checks: [RequiredProperty],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.origin = origin
        self.destination = destination
        self.horizonYears = horizonYears
        self.discountRate = discountRate
        self.carbonPrice = carbonPrice
        self.before = before
        self.after = after
        self.landValueFreed = landValueFreed
        self.costs = costs
        self.taxSplit = taxSplit
        self.gdpSplit = gdpSplit
        self.emissionsSplit = emissionsSplit
        self.checks = checks
        self.location = location
    }

    /// The parties: origin, agreed destination, then the alternative destinations.
    public var parties: [String] { [origin, destination] + alternatives.map(\.destination) }
}

/// Another destination the relocating capacity could go to, under the same split schedules.
public struct RelocationAlternative: Hashable, Sendable {
    public var destination: String
    /// The plant at this destination.
    public var after: PlantFigures
    /// The public costs of moving there (paid by the origin and this destination).
    public var costs: [RelocationCost]
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(destination: String, after: PlantFigures, costs: [RelocationCost], location: SourceLocation? = nil) {
        self.destination = destination
        self.after = after
        self.costs = costs
        self.location = location
    }
}

// MARK: - Joint technology fund

/// How the parties' contributions to a joint fund are set.
public enum ContributionRule: Hashable, Sendable {
    /// Fixed shares per party (sum to 1).
    case fixedShares([String: AgreementFigure])
    /// In proportion to a measure per party (GDP, fiscal revenue…); `basis` names it.
    case proportional(basis: String, weights: [String: AgreementFigure])
}

/// A candidate project of the joint fund.
public struct FundProject: Hashable, Sendable {
    public var id: String
    public var name: String
    public var lead: String
    /// Investment, 亿元.
    public var cost: AgreementFigure
    /// CO2 abated, Mt CO2 per year.
    public var co2Abated: AgreementFigure
    /// Other yearly benefit (technology, industry), 亿元 per year.
    public var otherBenefit: AgreementFigure
    /// Share of the benefit that spills over to the other parties (split by contribution weight).
    public var spillover: AgreementFigure
    /// Whether the project must be funded.
    public var mandatory: Bool
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(
        id: String, name: String, lead: String, cost: AgreementFigure, co2Abated: AgreementFigure,
        otherBenefit: AgreementFigure, spillover: AgreementFigure, mandatory: Bool, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.lead = lead
        self.cost = cost
        self.co2Abated = co2Abated
        self.otherBenefit = otherBenefit
        self.spillover = spillover
        self.mandatory = mandatory
        self.location = location
    }
}

/// A joint technology fund (`Regions/agreements/joint-fund.yaml`): a budget raised by a
/// contribution rule and spent on the best portfolio of candidate projects.
public struct JointFundAgreement: Hashable, Sendable {
    /// The largest number of candidate projects whose portfolios are searched exhaustively (2^20).
    public static let exactProjectLimit = 20

    public var id: String
    public var title: String
    public var parties: [String]
    /// 亿元.
    public var budget: AgreementFigure
    public var contribution: ContributionRule
    public var carbonPrice: AgreementFigure
    public var horizonYears: Int
    public var discountRate: AgreementFigure
    public var projects: [FundProject]
    public var checks: [RequiredProperty]
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(
        id: String, title: String, parties: [String], budget: AgreementFigure, contribution: ContributionRule,
        carbonPrice: AgreementFigure, horizonYears: Int, discountRate: AgreementFigure, projects: [FundProject],
        checks: [RequiredProperty], location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.parties = parties
        self.budget = budget
        self.contribution = contribution
        self.carbonPrice = carbonPrice
        self.horizonYears = horizonYears
        self.discountRate = discountRate
        self.projects = projects
        self.checks = checks
        self.location = location
    }
}

// MARK: - Pooled dispatch

/// How pooled-dispatch savings are shared.
public enum PooledSharingRule: Hashable, Sendable {
    case shapley
    case nucleolus
    case equal
    /// In proportion to a measure per party (e.g. electricity consumption).
    case proportional(basis: String, weights: [String: AgreementFigure])
}

/// Provinces dispatching their power together and sharing the savings
/// (`Regions/agreements/pooled-dispatch.yaml`). The savings game is
/// `v(S) = Σ_{i∈S} c({i}) − c(S)`; coalition costs come from a dispatch run (or, until the
/// dispatch model is wired in, from the table in the file).
public struct PooledDispatchAgreement: Hashable, Sendable {
    public var id: String
    public var title: String
    public var parties: [String]
    public var rule: PooledSharingRule
    /// Dispatch cost per coalition (keys: sorted party ids joined by commas), 亿元 per year.
    public var coalitionCosts: [String: AgreementFigure]
    /// When set, the coalition costs are computed by dispatching `Regions/grid` under this scenario.
    public var dispatchScenario: String?
    public var checks: [RequiredProperty]
    public var location: SourceLocation?

    /// Creates the value from its parts.
    public init(
        id: String, title: String, parties: [String], rule: PooledSharingRule,
        coalitionCosts: [String: AgreementFigure], dispatchScenario: String? = nil, checks: [RequiredProperty],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.parties = parties
        self.rule = rule
        self.coalitionCosts = coalitionCosts
        self.dispatchScenario = dispatchScenario
        self.checks = checks
        self.location = location
    }

    /// The key of a coalition in `coalitionCosts`: member ids sorted and joined by commas.
    public static func key(_ members: [String]) -> String { members.sorted().joined(separator: ",") }
}

/// Any agreement file of `Regions/agreements/`.
public enum Agreement: Hashable, Sendable {
    case relocation(RelocationAgreement)
    case jointFund(JointFundAgreement)
    case pooledDispatch(PooledDispatchAgreement)

    public var id: String {
        switch self {
        case .relocation(let a): a.id
        case .jointFund(let a): a.id
        case .pooledDispatch(let a): a.id
        }
    }

    /// Where the agreement is written (its file and first line).
    public var location: SourceLocation? {
        switch self {
        case .relocation(let a): a.location
        case .jointFund(let a): a.location
        case .pooledDispatch(let a): a.location
        }
    }

    /// The file the agreement was read from, as messages name it.
    public var file: String { location?.file ?? id }

    /// Every figure of the agreement, for provenance checks and citation years.
    public var figures: [AgreementFigure] {
        switch self {
        case .relocation(let a):
            let plants = [a.before, a.after].flatMap { [$0.valueAdded, $0.tax, $0.jobs, $0.co2] }
            let others = a.alternatives.flatMap {
                [$0.after.valueAdded, $0.after.tax, $0.after.jobs, $0.after.co2] + $0.costs.map(\.amount)
            }
            return [a.discountRate, a.carbonPrice, a.landValueFreed] + plants + a.costs.map(\.amount) + others
        case .jointFund(let a):
            var out = [a.budget, a.carbonPrice, a.discountRate]
            switch a.contribution {
            case .fixedShares(let w), .proportional(_, let w): out += w.keys.sorted().map { w[$0]! }
            }
            return out + a.projects.flatMap { [$0.cost, $0.co2Abated, $0.otherBenefit, $0.spillover] }
        case .pooledDispatch(let a):
            var out = a.coalitionCosts.keys.sorted().map { a.coalitionCosts[$0]! }
            if case .proportional(_, let w) = a.rule { out += w.keys.sorted().map { w[$0]! } }
            return out
        }
    }

    /// The latest year any of the agreement's figures describes (`year: 2022` or a span `2020-2022`); `nil` when none says.
    public var latestFigureYear: Int? {
        figures.compactMap { $0.provenance.years?.upperBound }.max()
    }
}

// MARK: - Explicit games (yrdplan game solve)

/// The content of an explicit game file: a full coalition table, or a bankruptcy problem.
public enum ExplicitGameFile: Hashable, Sendable {
    /// Players and `values[mask]` for every coalition bitmask (bit i = players[i]).
    case table(players: [String], values: [Double])
    /// An estate and each player's claim, in file order.
    case bankruptcy(estate: Double, claimants: [String], claims: [Double])
}
