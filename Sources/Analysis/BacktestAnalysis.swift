import Pathways
import RegionModel

/// A figure the back-test compares: what the projection gives and what the province file records.
public enum BacktestQuantity: String, CaseIterable, Hashable, Sendable {
    /// Electricity consumption (TWh).
    case electricity
    /// Local non-fossil capacity, storage excluded (GW).
    case nonFossilCapacity = "nonfossil_capacity"
    /// Total CO2 as the accounts count it (Mt CO2).
    case emissions

    /// The unit the values are given in.
    public var unit: String {
        switch self {
        case .electricity: "TWh"
        case .nonFossilCapacity: "GW"
        case .emissions: "Mt CO2"
        }
    }
}

/// One comparison of a projected year with its record; `recorded` is `nil` when the file has no record that year.
public struct BacktestRow: Hashable, Sendable {
    public var region: RegionID
    public var year: Int
    public var quantity: BacktestQuantity
    public var projected: Double?
    public var recorded: Double?

    /// The projection's error relative to the record, in percent: (projected − recorded) ÷ recorded × 100.
    public var errorPercent: Double? {
        guard let projected, let recorded, recorded != 0 else { return nil }
        return (projected - recorded) / recorded * 100
    }
}

/// A back-test: every province projected from an earlier base year, compared year by year with what was recorded.
public struct Backtest: Hashable, Sendable {
    public var scenario: String
    /// The requested base year; each province starts from its latest complete year up to it.
    public var from: Int
    public var years: ClosedRange<Int>
    /// Each province's actual base year.
    public var baseYears: [RegionID: Int]
    /// Rows by province (model order), then quantity, then year.
    public var rows: [BacktestRow]

    /// The largest absolute error of `quantity` over the rows that have a record, or `nil` when none has.
    public func maxAbsoluteError(_ quantity: BacktestQuantity) -> Double? {
        rows.filter { $0.quantity == quantity }.compactMap(\.errorPercent).map(abs).max()
    }
}

/// Projects the model from an earlier base year and compares the projection with the recorded later years.
public enum BacktestAnalysis {
    /// The back-test of `scenario` from `from` over `years` (recorded history after each base year is ignored by the
    /// projection and used only as the record).
    public static func run(_ model: RegionalModel, scenario: Scenario, from: Int, years: ClosedRange<Int>) throws(AnalysisFailure)
        -> Backtest
    {
        let outlook = try ProjectionAnalysis.outlooks(model, scenarios: [scenario], baseYear: from)[0]
        var rows: [BacktestRow] = []
        var baseYears: [RegionID: Int] = [:]
        for (province, trajectory) in zip(model.provinces, outlook.provinces) {
            baseYears[province.id] = trajectory.baseYear
            for quantity in BacktestQuantity.allCases {
                for year in years where year > trajectory.baseYear {
                    let projected = trajectory.year(year)
                    let row: BacktestRow
                    switch quantity {
                    case .electricity:
                        row = BacktestRow(
                            region: province.id, year: year, quantity: quantity, projected: projected?.electricityDemand.value,
                            recorded: province.electricity.consumption.value(in: year)?.value)
                    case .nonFossilCapacity:
                        row = BacktestRow(
                            region: province.id, year: year, quantity: quantity, projected: projected?.nonFossilCapacity?.value,
                            recorded: ProjectionEngine.recordedNonFossilCapacity(province, year: year)?.value)
                    case .emissions:
                        row = BacktestRow(
                            region: province.id, year: year, quantity: quantity, projected: projected?.total.value,
                            recorded: EmissionAccounting.account(province, year: year)?.total.value)
                    }
                    rows.append(row)
                }
            }
        }
        return Backtest(scenario: scenario.name, from: from, years: years, baseYears: baseYears, rows: rows)
    }
}
