import RegionModel

/// What an AC line carried over the dispatch, by direction, with its congestion and its loop flow.
///
/// Loop flow is the flow a transport model would not route: in a transport model's optimum every corridor carries
/// power only from the cheaper bus to the dearer one (or between equal prices), because a flow against the price
/// difference would raise the cost (the LP's optimality conditions). Under Kirchhoff's voltage law power follows
/// every parallel path by reactance, so when a path is congested a line may carry power from the dearer bus to the
/// cheaper one. That flow, hour by hour, is the line's loop flow. Where the two prices are equal both models are
/// indifferent to the route and nothing counts as loop flow.
public struct LineFlowSummary: Sendable, Hashable {
    public var name: String
    public var bus0: String
    public var bus1: String
    /// Usable rating (s_nom·s_max_pu, or the optimal rating when extendable), MVA.
    public var ratingMVA: Double
    /// Energy from bus0 to bus1 and from bus1 to bus0 over the period, MWh (objective weighting).
    public var forwardMWh: Double
    public var backwardMWh: Double
    /// Mean of |flow| / rating over the hours.
    public var meanLoading: Double
    /// Hours (weighted) at the rating, either direction.
    public var hoursAtLimit: Double
    /// Hours (weighted) at the rating in the direction bus0 → bus1 and bus1 → bus0.
    public var hoursAtLimitForward: Double
    public var hoursAtLimitBackward: Double
    /// Energy that ran from the dearer bus to the cheaper one (loop flow), MWh, and the hours it did.
    public var loopFlowMWh: Double
    public var loopFlowHours: Double

    /// Summarises every line of `result`; prices differing by less than `priceTolerance` count as equal.
    public static func summaries(
        network: GridNetwork, result: DispatchResult, priceTolerance: Double = 0.01
    ) -> [LineFlowSummary] {
        let prices = Dictionary(result.buses.map { ($0.name, $0.prices) }, uniquingKeysWith: { a, _ in a })
        return result.lines.map { line in
            let price0 = prices[line.bus0] ?? []
            let price1 = prices[line.bus1] ?? []
            var summary = LineFlowSummary(
                name: line.name, bus0: line.bus0, bus1: line.bus1, ratingMVA: line.nominalPower, forwardMWh: 0,
                backwardMWh: 0, meanLoading: 0, hoursAtLimit: 0, hoursAtLimitForward: 0, hoursAtLimitBackward: 0,
                loopFlowMWh: 0, loopFlowHours: 0)
            var hours = 0.0
            var loading = 0.0
            for (t, flow) in line.hourlyFlow.enumerated() {
                let w = network.snapshots[t].objectiveWeight
                hours += w
                if flow > 0 { summary.forwardMWh += w * flow } else { summary.backwardMWh -= w * flow }
                if line.nominalPower > 0 {
                    loading += w * abs(flow) / line.nominalPower
                    if abs(flow) >= line.nominalPower * (1 - 1e-6) - 1e-6 {
                        summary.hoursAtLimit += w
                        if flow > 0 { summary.hoursAtLimitForward += w } else { summary.hoursAtLimitBackward += w }
                    }
                }
                guard t < price0.count, t < price1.count, abs(flow) > 1e-6 else { continue }
                // Positive flow runs bus0 → bus1: against the prices when bus0 is the dearer bus.
                let spread = price1[t] - price0[t]
                if (flow > 0 && spread < -priceTolerance) || (flow < 0 && spread > priceTolerance) {
                    summary.loopFlowMWh += w * abs(flow)
                    summary.loopFlowHours += w
                }
            }
            summary.meanLoading = hours > 0 ? loading / hours : 0
            return summary
        }
    }
}
