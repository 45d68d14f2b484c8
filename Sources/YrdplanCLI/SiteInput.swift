import Analysis
import Briefs
import Diagnostics
import Foundation
import Pathways
import RegionLoading
import RegionModel

/// The input of a site edition: the model loaded once, the edition computed by the analysis layer, and its
/// data downloads rendered exactly as `yrdplan project --json` and `yrdplan emissions --json` print them.
public enum SiteInput {
    /// The Monte Carlo draws and seed of a site edition (as `yrdplan project` prints by default).
    public static let draws = UncertaintyAnalysis.defaultDraws
    public static let seed: UInt64 = 1

    /// The input of the edition dated `editionDate` (from Reports/site.yaml or SOURCE_DATE_EPOCH).
    public static func make(regions: String, editionDate: String?) throws(DiagnosticsError) -> BriefInput {
        try make(regions: regions, editionDate: editionDate, monteCarlo: nil).input
    }

    /// The input of the edition dated `editionDate`, taking the Monte Carlo figures `monteCarlo` of an earlier run on
    /// the same inputs (publish's cache) instead of computing them; with the figures the input holds.
    public static func make(
        regions: String, editionDate: String?, monteCarlo cached: EditionMonteCarlo?
    ) throws(DiagnosticsError) -> (input: BriefInput, monteCarlo: EditionMonteCarlo?) {
        let model = try RegionLoader.load(from: URL(fileURLWithPath: regions), displayRoot: regions)
        guard let editionDate else {
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: "Reports/site.yaml"), "the edition has no date",
                    fix: "set editionDate: YYYY-MM-DD in Reports/site.yaml or export SOURCE_DATE_EPOCH")
            ])
        }
        let edition: Edition
        do {
            edition = try EditionAnalysis.make(model: model, editionDate: editionDate, draws: draws, seed: seed, monteCarlo: cached)
        } catch { throw error.diagnostics }
        var input = edition.input
        input.downloads = downloads(model: model, outlooks: edition.outlooks)
        return (input, edition.monteCarlo)
    }

    /// The model's results offered on the data page: projections as JSON and CSV, and the accounts of every
    /// accounted year per province (JSON, as `yrdplan emissions --json`).
    static func downloads(model: RegionalModel, outlooks: [RegionalOutlook]) -> [Download] {
        var files = [Download(fileName: "projections.json", contents: ProjectionReport.json(outlooks, decompose: nil).rendered())]
        var csv = "scenario,region,year,observed,total_mt\n"
        for outlook in outlooks {
            for t in outlook.provinces + [outlook.delta] {
                for y in t.years {
                    csv +=
                        "\(outlook.scenario.name),\(t.region.rawValue),\(y.year),\(y.isObserved),\(NumberFormat.machine(y.total.value))\n"
                }
            }
        }
        files.append(Download(fileName: "projections.csv", contents: csv))
        for province in model.provinces {
            let accounts = EmissionAccounting.accounts(
                province, years: (province.accountedYears.first ?? 0)...(province.accountedYears.last ?? 0))
            guard !accounts.isEmpty else { continue }
            files.append(
                Download(
                    fileName: "emissions-\(province.id.rawValue).json",
                    contents: EmissionsCommand.json(region: province.id, accounts).rendered()))
        }
        return files
    }
}
