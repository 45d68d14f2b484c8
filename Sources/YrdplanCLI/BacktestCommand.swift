import Analysis
import ArgumentParser
import Pathways
import RegionModel

/// `yrdplan backtest`: project from an earlier base year and compare with the recorded later years.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Project from an earlier base year and compare with what was recorded (electricity, non-fossil capacity, CO2).",
        discussion: "Each province is projected from its latest complete year up to --from, ignoring later history; the "
            + "projection is compared with the values Regions/ records for each later year (error in % of the record). "
            + "Years without a record say 'no record'.")

    @OptionGroup var options: RegionOptions

    @Option(help: "The base year to project from.")
    var from: Int = 2019

    @Option(help: "The last year compared.")
    var through: Int = 2024

    @Option(help: "Scenario whose levers drive the projection.")
    var scenario: String = "baseline"

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard from < through else { throw ValidationError("--from \(from) must be before --through \(through)") }
    }

    func run() throws {
        let model = try options.loadModel()
        guard let found = model.scenario(scenario) else {
            throw ValidationError("unknown scenario '\(scenario)' — use one of: \(model.scenarios.map(\.name).joined(separator: ", "))")
        }
        let backtest: Backtest
        do { backtest = try BacktestAnalysis.run(model, scenario: found, from: from, years: (from + 1)...through) } catch {
            throw CommandFailure(error)
        }
        print(json ? BacktestReport.json(backtest).rendered() : BacktestReport.table(model: model, backtest), terminator: "")
    }
}

/// Renders a back-test as a table and as JSON.
public enum BacktestReport {
    /// The `backtest --json` document.
    public static func json(_ backtest: Backtest) -> JSONValue {
        .object([
            ("scenario", .string(backtest.scenario)),
            ("from", .number(Double(backtest.from))),
            ("through", .number(Double(backtest.years.upperBound))),
            (
                "base_years",
                .object(backtest.baseYears.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .number(Double($0.value))) })
            ),
            (
                "rows",
                .array(
                    backtest.rows.map { row in
                        .object([
                            ("region", .string(row.region.rawValue)),
                            ("year", .number(Double(row.year))),
                            ("quantity", .string(row.quantity.rawValue)),
                            ("unit", .string(row.quantity.unit)),
                            ("projected", row.projected.map { .rounded($0) } ?? .null),
                            ("recorded", row.recorded.map { .rounded($0) } ?? .null),
                            ("error_percent", row.errorPercent.map { .rounded($0, 2) } ?? .null),
                        ])
                    })
            ),
        ])
    }

    /// The human report: one row per province, quantity and year, then the largest error per quantity.
    public static func table(model: RegionalModel, _ backtest: Backtest) -> String {
        var out =
            "Back-test of scenario \(backtest.scenario) from \(backtest.from), compared with records to \(backtest.years.upperBound)\n\n"
        var table = TextTable(
            headers: ["Region", "Base", "Quantity", "Year", "Projected", "Recorded", "Error %"], rightAligned: [1, 3, 4, 5, 6])
        for row in backtest.rows {
            let name = model.province(row.region.rawValue)?.name.en ?? row.region.rawValue
            table.add([
                name, String(backtest.baseYears[row.region] ?? 0), "\(row.quantity.rawValue) (\(row.quantity.unit))", String(row.year),
                row.projected.map { fixed($0) } ?? "–", row.recorded.map { fixed($0) } ?? "no record",
                row.errorPercent.map { String(format: "%+.1f", $0) } ?? "–",
            ])
        }
        out += table.rendered()
        out += "\n"
        for quantity in BacktestQuantity.allCases {
            if let worst = backtest.maxAbsoluteError(quantity) {
                out += "Largest \(quantity.rawValue) error: \(String(format: "%.1f", worst)) %\n"
            } else {
                out += "No \(quantity.rawValue) record after the base year.\n"
            }
        }
        return out
    }
}
