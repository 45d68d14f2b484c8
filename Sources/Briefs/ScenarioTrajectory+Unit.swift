import Analysis
import RegionModel

extension ScenarioTrajectory {
    /// The unit of `points` and `peak`, which carry none of their own: Mt CO2 by definition, as are a province's
    /// `history` values drawn beside them. The one place the briefs name it.
    static let unit = MtCO2.symbol
}
