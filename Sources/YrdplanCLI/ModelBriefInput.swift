import Briefs
import Diagnostics
import Foundation
import Pathways
import RegionLoading
import RegionModel
import Site

/// Fills a `BriefInput` from the shared model: loads `Regions/`, projects every scenario and attaches the
/// model's results as downloads (the same JSON `yrdplan emissions --json` and `yrdplan project --json` print).
public enum ModelBriefInput {
    /// The input of an edition dated `editionDate` (from Reports/site.yaml or SOURCE_DATE_EPOCH).
    public static func make(regions: String, editionDate: String?) throws(DiagnosticsError) -> BriefInput {
        let model = try RegionLoader.load(from: URL(fileURLWithPath: regions), displayRoot: regions)
        guard let editionDate else {
            throw DiagnosticsError([
                .error(
                    at: SourceLocation(file: "Reports/site.yaml"), "the edition has no date",
                    fix: "set editionDate: YYYY-MM-DD in Reports/site.yaml or export SOURCE_DATE_EPOCH")
            ])
        }
        var outlooks: [RegionalOutlook] = []
        var engine = DiagnosticEngine()
        for scenario in model.scenarios {
            do {
                outlooks.append(try RegionalOutlook(model: model, scenario: scenario))
            } catch {
                engine.error(
                    at: SourceLocation(file: "\(regions)/scenarios/\(scenario.name).yaml"), "\(error)",
                    fix: "complete the base data of that province")
            }
        }
        try engine.failIfErrors()
        var input = BriefInput.fromModel(model, outlooks: outlooks, editionDate: editionDate, regionsPath: regions)
        input.downloads = downloads(model: model, outlooks: outlooks, input: input)
        return input
    }

    /// The model's results offered on the data page: projections (JSON, CSV) and base-year accounts (JSON).
    static func downloads(model: RegionalModel, outlooks: [RegionalOutlook], input: BriefInput) -> [Download] {
        var files = [Download(fileName: "projections.json", contents: ProjectionReport.json(outlooks, decompose: nil).rendered())]
        var csv = "scenario,region,year,observed,total_mt\n"
        for outlook in outlooks {
            for t in outlook.provinces + [outlook.delta] {
                for y in t.years {
                    csv += "\(outlook.scenario.name),\(t.region.rawValue),\(y.year),\(y.isObserved),\(NumberFormat.machine(y.total.value))\n"
                }
            }
        }
        files.append(Download(fileName: "projections.csv", contents: csv))
        for province in model.provinces {
            let accounts = EmissionAccounting.accounts(province, years: (province.accountedYears.first ?? 0)...(province.accountedYears.last ?? 0))
            guard !accounts.isEmpty else { continue }
            files.append(
                Download(
                    fileName: "emissions-\(province.id.rawValue).json",
                    contents: EmissionsCommand.json(region: province.id, accounts).rendered()))
        }
        return files
    }
}
