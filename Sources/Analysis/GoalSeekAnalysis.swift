import ParallelWork
import Pathways
import RegionModel
import SeededRandom

/// One lever's level that a goal needs, beside the announced plan's, in the lever's canonical unit.
public struct LeverGap: Hashable, Sendable, Codable {
    /// The lever id (`coal_power_cap`, `ccus_capture`, …).
    public var lever: String
    /// The canonical unit (`fraction`, `1/yr`, `ratio`, `million m²`, `Mt CO2`).
    public var unit: String
    /// The year the levels are read in (the target year).
    public var year: Int
    /// The announced plan's level (the scenario the goal seek starts from).
    public var announced: Double
    /// The level the goal needs.
    public var required: Double
    /// Whether the announced plan gives this lever (else `announced` is the level the projection holds without it).
    public var inPlan: Bool

    /// How far the required level is from the announced one (required − announced).
    public var gap: Double { required - announced }

    public init(lever: String, unit: String, year: Int, announced: Double, required: Double, inPlan: Bool = true) {
        self.inPlan = inPlan
        self.lever = lever
        self.unit = unit
        self.year = year
        self.announced = announced
        self.required = required
    }
}

/// What one province needs to peak by the target year with the asked probability.
public struct ProvinceGoal: Hashable, Sendable, Codable {
    /// Whether the announced plan already reaches the goal, a share of the way to the faster scenario does, or not
    /// even the faster scenario's levers do.
    public enum Status: String, Hashable, Sendable, Codable {
        case alreadyMet = "already-met"
        case reachable
        case unreachable
    }

    public var province: String
    public var status: Status
    /// The share of the way from the announced plan's levers to the faster scenario's (0…1) that the goal needs;
    /// 1 when unreachable.
    public var weight: Double
    /// P(peak year ≤ target) under the announced plan (weight 0).
    public var announcedProbability: Double
    /// P(peak year ≤ target) at `weight`.
    public var requiredProbability: Double
    /// P(peak year ≤ target) one resolution step below `weight` (`nil` when `weight` is 0): below the asked one
    /// for a reachable goal, so a smaller move would not do.
    public var probabilityOneStepLess: Double?
    /// Each lever moved, at the target year, in lever order.
    public var levers: [LeverGap]

    public init(
        province: String, status: Status, weight: Double, announcedProbability: Double, requiredProbability: Double,
        probabilityOneStepLess: Double?, levers: [LeverGap]
    ) {
        self.province = province
        self.status = status
        self.weight = weight
        self.announcedProbability = announcedProbability
        self.requiredProbability = requiredProbability
        self.probabilityOneStepLess = probabilityOneStepLess
        self.levers = levers
    }
}

/// The goal seek's answer for every province, with the question it answers.
public struct GoalSeekResult: Hashable, Sendable, Codable {
    /// The latest peak year the goal accepts (e.g. 2030).
    public var targetYear: Int
    /// The probability asked for (e.g. 0.9).
    public var probability: Double
    /// The scenario whose levers are moved (the announced plans) and the one they move toward.
    public var from: String
    public var toward: String
    /// Levers move from this year on; earlier years keep the announced paths (they are history or under way).
    public var firstYear: Int
    public var draws: Int
    public var seed: UInt64
    /// The weight's resolution (1/2^iterations).
    public var resolution: Double
    public var provinces: [ProvinceGoal]

    public init(
        targetYear: Int, probability: Double, from: String, toward: String, firstYear: Int, draws: Int, seed: UInt64,
        resolution: Double, provinces: [ProvinceGoal]
    ) {
        self.targetYear = targetYear
        self.probability = probability
        self.from = from
        self.toward = toward
        self.firstYear = firstYear
        self.draws = draws
        self.seed = seed
        self.resolution = resolution
        self.provinces = provinces
    }

    /// The goal of one province.
    public func goal(_ province: String) -> ProvinceGoal? { provinces.first { $0.province == province } }
}

/// Goal seek on the announced plan: for each province, the least share `w` of the way from the `from` scenario's
/// levers to the `toward` scenario's (the same `w` for every lever of the province, from `firstYear` on) at which
/// P(peak year ≤ target) over the seeded Monte Carlo reaches the asked probability. Every draw is drawn once per
/// scenario (the streams of `UncertaintyAnalysis`, so `w = 0` reproduces its distribution of `from`) and then
/// blended, so every `w` sees the same draws; `w` is found by bisection to `1/2^iterations`. Provinces are
/// projected independently, so all are bisected together, one Monte Carlo per step.
public enum GoalSeekAnalysis {
    /// The default number of bisection steps (resolution 1/64 of the way).
    public static let defaultIterations = 6

    /// The goal seek for every province of `model`. `bases` drawn beforehand for the same draws and seed
    /// (`MonteCarloBases`) are used instead of drawing them again, and `announced`, the uncertainty of the `from`
    /// scenario over the same draws (`UncertaintyAnalysis.run`), gives the probabilities at weight 0 when they are
    /// the same question (a target year of `PeakVerdict.deadline`); the result is the same either way.
    public static func run(
        _ model: RegionalModel, from: Scenario, toward: Scenario, targetYear: Int, probability: Double,
        draws: Int = UncertaintyAnalysis.defaultDraws, seed: UInt64 = 1, firstYear: Int? = nil, iterations: Int = defaultIterations,
        bases shared: MonteCarloBases? = nil, announced: OutlookUncertainty? = nil
    ) throws(AnalysisFailure) -> GoalSeekResult {
        _ = try ProjectionAnalysis.outlooks(model, scenarios: [from, toward])
        let firstYear = firstYear ?? Self.firstActionYear(model)
        let regions = model.provinces.map(\.id)
        let drawCount = max(1, draws)
        let bases =
            shared.flatMap { $0.matches(draws: drawCount, seed: seed, baseYear: nil) ? $0 : nil }
            ?? MonteCarloBases(model, draws: drawCount, seed: seed)
        let fromHash = UncertaintyAnalysis.nameHash(from.name)
        let towardHash = UncertaintyAnalysis.nameHash(toward.name)
        // Each draw's bases and scenarios, drawn once (a draw without ranges is the scenario itself).
        typealias Draw = (bases: [ProjectionBase], from: Scenario, toward: Scenario)
        let prepared: [Draw] = ParallelMap.map(Array(0..<drawCount)) { draw -> Draw? in
            guard let bases = bases.perDraw[draw] else { return nil }
            var g1 = SplitMix64(seed: UncertaintyAnalysis.streamSeed(seed, draw: draw, stream: fromHash))
            var g2 = SplitMix64(seed: UncertaintyAnalysis.streamSeed(seed, draw: draw, stream: towardHash))
            return (
                bases, from.hasRanges ? from.drawn(using: &g1) : from, toward.hasRanges ? toward.drawn(using: &g2) : toward
            )
        }.compactMap { $0 }
        /// P(peak ≤ target) of the provinces `which` (indices in model order) at `weights` (one per province); the
        /// others are not projected and read 0.
        func probabilities(_ weights: [Double], _ which: [Int]) -> [Double] {
            let byRegion = Dictionary(uniqueKeysWithValues: which.map { (regions[$0], weights[$0]) })
            let hits = ParallelMap.map(prepared) { draw -> [Bool] in
                let scenario = draw.from.blended(toward: draw.toward, weights: byRegion, from: firstYear)
                return which.map { r in
                    let t = ProjectionEngine.project(draw.bases[r], scenario: scenario)
                    return t.verdict != .noPeak && t.peak.year <= targetYear
                }
            }
            let n = Double(max(1, hits.count))
            var p = regions.map { _ in 0.0 }
            for (k, r) in which.enumerated() { p[r] = Double(hits.filter { $0[k] }.count) / n }
            return p
        }
        let all = Array(regions.indices)
        // The uncertainty's P(peak by 2030) of `from` is the share of the same drawn trajectories (the streams above)
        // with verdict `.meets`, i.e. a peak in or before `PeakVerdict.deadline`, over the same surviving draws.
        let reused = announced.flatMap { u -> [Double]? in
            guard u.scenario == from.name, u.seed == seed, u.draws == drawCount, targetYear == PeakVerdict.deadline else { return nil }
            let found = regions.compactMap { id in
                u.distributions[id.rawValue].flatMap { $0.draws == prepared.count ? $0.pPeakBy2030 : nil }
            }
            return found.count == regions.count ? found : nil
        }
        let atZero = reused ?? probabilities(regions.map { _ in 0 }, all)
        let undecided = all.filter { atZero[$0] < probability }
        let atOne = probabilities(regions.map { _ in 1 }, undecided)
        var low = regions.map { _ in 0.0 }, high = regions.map { _ in 1.0 }
        var pHigh = atOne, pLow = atZero
        let searching = undecided.filter { atOne[$0] >= probability }
        if !searching.isEmpty {
            for _ in 0..<iterations {
                let mid = regions.indices.map { (low[$0] + high[$0]) / 2 }
                let p = probabilities(mid, searching)
                for r in searching {
                    if p[r] >= probability {
                        high[r] = mid[r]
                        pHigh[r] = p[r]
                    } else {
                        low[r] = mid[r]
                        pLow[r] = p[r]
                    }
                }
            }
        }
        let goals = regions.indices.map { r -> ProvinceGoal in
            let status: ProvinceGoal.Status =
                atZero[r] >= probability ? .alreadyMet : atOne[r] >= probability ? .reachable : .unreachable
            let weight = status == .alreadyMet ? 0 : high[r]
            return ProvinceGoal(
                province: regions[r].rawValue, status: status, weight: weight, announcedProbability: atZero[r],
                requiredProbability: status == .alreadyMet ? atZero[r] : pHigh[r],
                probabilityOneStepLess: status == .reachable ? pLow[r] : nil,
                levers: status == .alreadyMet
                    ? [] : gaps(from: from, toward: toward, region: regions[r], weight: weight, year: targetYear, firstYear: firstYear))
        }
        return GoalSeekResult(
            targetYear: targetYear, probability: probability, from: from.name, toward: toward.name, firstYear: firstYear,
            draws: prepared.count, seed: seed, resolution: 1 / Double(1 << iterations),
            provinces: goals)
    }

    /// Each movable lever's announced and required level in `year` (levers whose level in `year` does not move are
    /// left out).
    public static func gaps(
        from: Scenario, toward: Scenario, region: RegionID, weight: Double, year: Int, firstYear: Int
    ) -> [LeverGap] {
        let moved = from.blended(toward: toward, weights: [region: weight], from: firstYear)
        return from.movableLevers(toward: toward, for: region).compactMap { lever in
            let announced = from.path(lever, for: region)?.value(in: year) ?? ProjectionEngine.omittedLevel(lever) ?? 0
            guard let required = moved.path(lever, for: region)?.value(in: year), abs(required - announced) > 1e-9 else { return nil }
            return LeverGap(
                lever: lever.rawValue, unit: lever.spec.unitSymbol, year: year, announced: announced, required: required,
                inPlan: from.path(lever, for: region) != nil)
        }
    }

    /// The first year a lever can still move: the year after the latest recorded electricity consumption of any
    /// province (the data's last year of history).
    public static func firstActionYear(_ model: RegionalModel) -> Int {
        (model.provinces.compactMap { $0.electricity.consumption.years.last }.max() ?? 2024) + 1
    }
}

extension LeverGap {
    /// How many display units one canonical unit is: shares and rates are shown in per cent.
    public var displayScale: Double { unit == "fraction" || unit == "1/yr" ? 100 : 1 }
    /// The unit as shown: `%` for a share, `%/yr` for a rate, else the canonical unit.
    public var displayUnit: String {
        switch unit {
        case "fraction": "%"
        case "1/yr": "%/yr"
        default: unit
        }
    }
}
