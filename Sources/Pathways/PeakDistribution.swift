import RegionModel

/// The uncertain verdict beside `PeakVerdict`: how the peak year and the trajectory spread over Monte Carlo draws.
///
/// Each draw is one trajectory, judged by the one rule (`Trajectory.verdict`). A draw still rising at the horizon has
/// no peak year; in the quantiles it counts as later than every year (so a quantile that falls on it is `nil`,
/// shown as "after the horizon"). Quantiles are nearest-rank: the sorted sample at index round(q × (n − 1)).
public struct PeakDistribution: Hashable, Sendable {
    /// Per-year spread of total CO2 over the draws (Mt).
    public struct Band: Hashable, Sendable {
        public var year: Int
        public var p5: Double
        public var median: Double
        public var p95: Double
    }

    /// How many draws.
    public var draws: Int
    /// The 5 %, 50 % and 95 % peak years; `nil` when that quantile is a draw with no peak before the horizon.
    public var peakYearP5: Int?
    public var peakYearMedian: Int?
    public var peakYearP95: Int?
    /// The share of draws whose verdict is `.meets` (peak in 2030 or earlier).
    public var pPeakBy2030: Double
    /// The share of draws still rising at the horizon (verdict `.noPeak`).
    public var pNoPeak: Double
    /// 5/50/95 % of total CO2 per year, for every year all draws cover.
    public var bands: [Band]

    /// The distribution of `trajectories` (one per draw, in draw order).
    public init(_ trajectories: [Trajectory]) {
        self.init(
            verdicts: trajectories.map { ($0.verdict, $0.verdict == .noPeak ? nil : $0.peak.year) },
            totals: trajectories.map { $0.years.map { ($0.year, $0.total.value) } })
    }

    /// The distribution of per-draw verdicts with their peak years (`nil` = no peak) and per-draw totals by year.
    public init(verdicts: [(verdict: PeakVerdict, peakYear: Int?)], totals: [[(year: Int, value: Double)]]) {
        draws = verdicts.count
        let n = Double(max(1, verdicts.count))
        pPeakBy2030 = Double(verdicts.filter { $0.verdict == .meets }.count) / n
        pNoPeak = Double(verdicts.filter { $0.verdict == .noPeak }.count) / n
        let years = verdicts.map { $0.peakYear ?? Int.max }.sorted()
        func quantile(_ q: Double) -> Int? {
            guard !years.isEmpty else { return nil }
            let value = years[Self.rank(q, count: years.count)]
            return value == Int.max ? nil : value
        }
        peakYearP5 = quantile(0.05)
        peakYearMedian = quantile(0.5)
        peakYearP95 = quantile(0.95)
        var byYear: [Int: [Double]] = [:]
        for draw in totals {
            for (year, value) in draw { byYear[year, default: []].append(value) }
        }
        bands = byYear.keys.sorted().compactMap { year in
            let values = byYear[year]!.sorted()
            guard values.count == totals.count, !values.isEmpty else { return nil }
            return Band(
                year: year, p5: values[Self.rank(0.05, count: values.count)], median: values[Self.rank(0.5, count: values.count)],
                p95: values[Self.rank(0.95, count: values.count)])
        }
    }

    /// The nearest-rank index of quantile `q` in a sorted sample of `count` values.
    public static func rank(_ q: Double, count: Int) -> Int {
        min(count - 1, max(0, Int((q * Double(count - 1)).rounded())))
    }
}
