// MARK: - Year-by-year split schedules

/// One period of a split schedule: for `years` years, each party's share of a stream.
public struct SplitPeriod: Sendable, Equatable {
    /// How many years the split holds; `nil` means until the end of the horizon.
    public var years: Int?
    /// Share per party (same order as the agreement's parties), summing to 1.
    public var shares: [Double]

    /// A period of `years` years (nil: to the end) with these shares.
    public init(years: Int?, shares: [Double]) {
        self.years = years
        self.shares = shares
    }
}

/// A year-by-year split of a stream between parties, e.g. tax shared 50/50 for five years,
/// then 30/70 for the rest of the horizon.
public struct SplitSchedule: Sendable, Equatable {
    public var periods: [SplitPeriod]

    /// A schedule; every period's shares must be non-negative and sum to 1, and only the last
    /// period may be open-ended.
    public init(periods: [SplitPeriod], parties: Int) throws(RuleError) {
        guard !periods.isEmpty else { throw .invalidSchedule("no periods") }
        for (k, period) in periods.enumerated() {
            guard period.shares.count == parties else {
                throw .invalidSchedule("period \(k + 1) has \(period.shares.count) shares for \(parties) parties")
            }
            guard period.shares.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .invalidSchedule("period \(k + 1) has a negative or non-finite share")
            }
            guard abs(period.shares.reduce(0, +) - 1) <= 1e-9 else {
                throw .invalidSchedule("period \(k + 1) shares sum to \(period.shares.reduce(0, +)), not 1")
            }
            if let years = period.years, years <= 0 { throw .invalidSchedule("period \(k + 1) lasts \(years) years") }
            if period.years == nil && k != periods.count - 1 {
                throw .invalidSchedule("only the last period may run to the end of the horizon")
            }
        }
        self.periods = periods
    }

    /// The shares in force in year `t` (0-based from the start of the agreement). After the last
    /// bounded period the last period's shares continue.
    public func shares(inYear t: Int) -> [Double] {
        var start = 0
        for period in periods {
            guard let years = period.years else { return period.shares }
            if t < start + years { return period.shares }
            start += years
        }
        return periods[periods.count - 1].shares
    }

    /// Splits a yearly stream (one amount per year) into one stream per party.
    public func split(_ stream: [Double]) -> [[Double]] {
        let parties = periods[0].shares.count
        var out = [[Double]](repeating: [Double](repeating: 0, count: stream.count), count: parties)
        for (t, amount) in stream.enumerated() {
            let shares = shares(inYear: t)
            for p in 0..<parties { out[p][t] = amount * shares[p] }
        }
        return out
    }
}

/// Net present value of a yearly stream, the first year's amount discounted by one year
/// (`Σ_t a_t / (1+r)^(t+1)`), as in the end-of-year convention of project appraisal.
public func netPresentValue(_ stream: [Double], rate: Double) -> Double {
    var factor = 1.0
    var total = 0.0
    for amount in stream {
        factor /= 1 + rate
        total += amount * factor
    }
    return total
}
