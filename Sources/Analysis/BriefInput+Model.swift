import Foundation
import Pathways
import RegionModel

// MARK: - Filling a BriefInput from the shared model (pure: the caller loads Regions/ and projects).
//
// Every figure is taken as the model computed it — the same numbers `yrdplan emissions --json` and
// `yrdplan project --json` print — with a citation that names the model step, its data file and the
// sources of its inputs. Indicators of the difficulties section are derived here from those accounts
// and from the electricity balance; how is stated in their citation.

extension BriefInput {
    /// The scenario shown first in tables and used for the verdict when present.
    public static let preferredHeadline = "policy"
    /// Display order of the usual scenarios; others follow by name.
    static let scenarioOrder = ["baseline", "policy", "accelerated"]

    /// Builds the input of an edition from the loaded model and its projections (one outlook per scenario).
    public static func fromModel(
        _ model: RegionalModel, outlooks: [RegionalOutlook], editionDate: String, regionsPath: String = "Regions"
    ) -> BriefInput {
        let ordered = outlooks.sorted { a, b in
            let ia = scenarioOrder.firstIndex(of: a.scenario.name) ?? scenarioOrder.count
            let ib = scenarioOrder.firstIndex(of: b.scenario.name) ?? scenarioOrder.count
            return ia == ib ? a.scenario.name < b.scenario.name : ia < ib
        }
        let scenarios = ordered.map(\.scenario.name)
        let headline = scenarios.contains(preferredHeadline) ? preferredHeadline : (scenarios.first ?? preferredHeadline)
        var labels: [String: ScenarioLabel] = [:]
        for outlook in ordered {
            let s = outlook.scenario
            labels[s.name] = ScenarioLabel(
                names: ["en": s.title.en, "zh-CN": s.title.zh], summaries: ["en": s.summary.en, "zh-CN": s.summary.zh])
        }
        let mapper = ModelMapper(
            model: model, regionsPath: regionsPath, scenarioTitlesZh: labels.compactMapValues { $0.names["zh-CN"] })
        for outlook in ordered where !outlook.scenario.targets.isEmpty {
            let s = outlook.scenario
            let file = "\(regionsPath)/scenarios/\(s.name).yaml"
            var byProvince: [String: [ScenarioTarget]] = [:]
            for (region, targets) in s.targets {
                byProvince[region.rawValue] = targets.map { target in
                    let key = target.provenance.source
                    let title = model.sources[key]?.title ?? key
                    let reference = target.provenance.reference.map { ", \($0)" } ?? ""
                    return ScenarioTarget(
                        texts: ["en": target.text.en, "zh-CN": target.text.zh],
                        provenance: Citation(
                            sourceKey: key.replacingOccurrences(of: "_", with: "-"),
                            source: "\(title)\(reference); target named in \(file)",
                            year: target.provenance.years?.lowerBound ?? 0, confidence: target.provenance.confidence,
                            note: target.provenance.note, sourceZh: "目标见 \(file)", inputs: ["\(title)\(reference)"]))
                }
            }
            labels[s.name]?.targets = byProvince
        }
        let provinces = model.provinces.compactMap { province in
            mapper.province(province, trajectories: ordered.compactMap { $0.trajectory(province.id.rawValue) })
        }
        var input = BriefInput(
            editionDate: editionDate, scenarios: scenarios, headlineScenario: headline, provinces: provinces,
            regionTrajectories: ordered.map {
                mapper.trajectory($0.delta, scenarioFile: "\(regionsPath)/scenarios/\($0.scenario.name).yaml")
            },
            scenarioLabels: labels)
        input.sourceTerms = model.sources.values.compactMap { source in
            source.licence.map { SourceTerms(sourceKey: source.key, title: source.title, licence: $0) }
        }.sorted { $0.sourceKey < $1.sourceKey }
        return input
    }
}

/// Turns model values into brief figures with citations.
struct ModelMapper {
    let model: RegionalModel
    let regionsPath: String
    /// Each scenario's Chinese title by id, for the Chinese sources of projections.
    var scenarioTitlesZh: [String: String] = [:]

    func file(_ province: Province) -> String { "\(regionsPath)/\(province.id.rawValue).yaml" }

    /// The catalogue keys behind a set of observations, in order, without repeats.
    func sourceKeys(_ provenances: [RegionModel.Provenance]) -> [String] {
        var seen = Set<String>()
        return provenances.map(\.source).filter { seen.insert($0).inserted }
    }

    func citation(
        key: String, what: String, whatZh: String, file: String, year: Int, inputs: [RegionModel.Provenance],
        confidence: Confidence? = nil
    ) -> Citation {
        let keys = sourceKeys(inputs)
        let titled = keys.map { key in model.sources[key].map { "\(key) (\($0.title))" } ?? key }
        let weakest = confidence ?? Confidence.weakest(inputs.map(\.confidence))
        var text = "\(what), \(file)"
        if !titled.isEmpty { text += "; inputs: " + titled.joined(separator: "; ") }
        let sourced = weakest == .sourced
        return Citation(
            sourceKey: key, source: text, year: year, confidence: weakest,
            note: sourced ? nil : "The weakest confidence of the inputs; the reasoning of each estimate is in its note in \(file).",
            sourceZh: "\(whatZh)，\(file)",
            noteZh: sourced ? nil : "取各项输入中最低的可信度；每项估算的依据见 \(file) 中该项的说明。",
            inputs: titled.isEmpty ? nil : titled)
    }

    /// Everything an account of `province` in `year` rests on.
    func accountInputs(_ province: Province, year: Int) -> [RegionModel.Provenance] {
        var inputs: [RegionModel.Provenance] = []
        for series in [province.power.localThermal, province.power.imported, province.power.exported] {
            if let p = series[year]?.provenance { inputs.append(p) }
        }
        if let p = province.gdp[year]?.provenance { inputs.append(p) }
        for sector in EndUseSector.allCases {
            if let p = province.sectors[sector]?.direct[year]?.provenance { inputs.append(p) }
            if let p = province.sectors[sector]?.electricityShare[year]?.provenance { inputs.append(p) }
        }
        return inputs
    }

    func province(_ province: Province, trajectories: [Pathways.Trajectory]) -> ProvinceInput? {
        let baseYear = trajectories.first?.baseYear ?? province.accountedYears.last
        guard let baseYear, let account = EmissionAccounting.account(province, year: baseYear) else { return nil }
        let id = province.id.rawValue
        let path = file(province)
        let accounting = citation(
            key: "accounting-\(id)-\(baseYear)", what: "yrdplan emission accounting of \(province.name.en) \(baseYear)",
            whatZh: "yrdplan \(province.name.zh)\(baseYear)年排放核算", file: path,
            year: baseYear, inputs: accountInputs(province, year: baseYear))
        let mt = MtCO2.symbol
        let history = EmissionAccounting.accounts(province, years: (province.accountedYears.first ?? baseYear)...baseYear)
        let historyCitation = citation(
            key: "accounting-\(id)-history",
            what: "yrdplan emission accounting of \(province.name.en) \(history.first?.year ?? baseYear)–\(baseYear)",
            whatZh: "yrdplan \(province.name.zh)\(history.first?.year ?? baseYear)—\(baseYear)年排放核算",
            file: path, year: baseYear, inputs: history.flatMap { accountInputs(province, year: $0.year) })
        let sectors = account.sectors.map { sector in
            SectorEmissions(
                sector: sector.sector.rawValue.replacingUnderscores(), direct: Figure(sector.direct.value, unit: mt, accounting),
                indirect: Figure(sector.indirect.value, unit: mt, accounting))
        }
        let power = PowerSupply(
            localThermal: Figure(account.power.localThermal.value, unit: mt, accounting),
            imported: Figure(account.power.imported.value, unit: mt, accounting),
            exported: account.power.exported.value > 0 ? Figure(account.power.exported.value, unit: mt, accounting) : nil)
        return ProvinceInput(
            id: id, names: ["en": province.name.en, "zh-CN": province.name.zh], sourceFile: path, baseYear: baseYear,
            total: Figure(account.total.value, unit: mt, accounting),
            intensity: Figure(account.intensity.value, unit: TonnesCO2Per10kYuan.symbol, accounting),
            history: history.map { YearValue($0.year, $0.total.value) }, historyProvenance: historyCitation, sectors: sectors,
            power: power, indicators: indicators(province, account: account, history: history, accounting: accounting),
            trajectories: trajectories.map { trajectory($0, scenarioFile: "\(regionsPath)/scenarios/\($0.scenario).yaml") })
    }

    /// The indicators of the difficulties section, each derived from model values.
    func indicators(
        _ province: Province, account: EmissionAccount, history: [EmissionAccount], accounting: Citation
    ) -> [IndicatorValue] {
        let year = account.year
        let path = file(province)
        var found: [IndicatorValue] = []
        // Sorted by fuel: dictionary order differs between processes, and output must not.
        let generation = province.electricity.generation.filter { !$0.key.isStorage }.sorted { $0.key < $1.key }.map(\.value)
        let total = generation.compactMap { $0.value(in: year)?.value }.reduce(0, +)
        if let coal = province.electricity.generation[.coal]?[year], total > 0 {
            let inputs = generation.compactMap { $0[year]?.provenance }
            found.append(
                IndicatorValue(
                    indicator: "coal-power-share",
                    figure: Figure(
                        coal.value / total, unit: Fraction.symbol,
                        citation(
                            key: "generation-\(province.id.rawValue)-\(year)",
                            what: "coal ÷ local generation (electricity balance), \(year)",
                            whatZh: "\(year)年煤电发电量 ÷ 本地发电量（电力平衡）",
                            file: path, year: year, inputs: inputs + [coal.provenance]))))
        }
        if let imports = province.electricity.imports[year], let consumption = province.electricity.consumption[year],
            consumption.value > 0
        {
            found.append(
                IndicatorValue(
                    indicator: "import-dependence",
                    figure: Figure(
                        imports.value / consumption.value, unit: Fraction.symbol,
                        citation(
                            key: "imports-\(province.id.rawValue)-\(year)", what: "imported ÷ consumed electricity, \(year)",
                            whatZh: "\(year)年外来电量 ÷ 全社会用电量", file: path,
                            year: year, inputs: [imports.provenance, consumption.provenance]))))
        }
        if let first = history.first, first.year < year {
            let span = Double(year - first.year)
            for (indicator, sector, sectorZh) in [
                ("transport-growth", EndUseSector.transport, "交通"), ("building-growth", .buildings, "建筑"),
            ] {
                guard let a = first.sector(sector)?.total.value, let b = account.sector(sector)?.total.value, a > 0, b > 0 else { continue }
                let growth = pow(b / a, 1 / span) - 1
                found.append(
                    IndicatorValue(
                        indicator: indicator,
                        figure: Figure(
                            growth, unit: PerYear.symbol,
                            Citation(
                                sourceKey: "growth-\(province.id.rawValue)-\(first.year)-\(year)",
                                source:
                                    "average annual growth of \(sector.rawValue) CO2 (direct + electricity) \(first.year)–\(year), from yrdplan emission accounting, \(path)",
                                year: year, confidence: Confidence.weakest([accounting.confidence, first.confidence]),
                                note:
                                    "Derived from the accounts of \(first.year) and \(year); the inputs' notes in \(path) give their reasoning.",
                                sourceZh:
                                    "\(first.year)—\(year)年\(sectorZh)部门二氧化碳排放（直接排放加电力间接排放）年均增速，据 yrdplan 排放核算，\(path)",
                                noteZh: "由\(first.year)年和\(year)年的排放核算推算；各项输入的依据见 \(path) 中的说明。"
                            ))))
            }
        }
        let heavy = [EndUseSector.steel, .petrochemicals].compactMap { account.sector($0)?.total.value }.reduce(0, +)
        if account.total.value > 0 {
            found.append(
                IndicatorValue(
                    indicator: "heavy-industry-share", figure: Figure(heavy / account.total.value, unit: Fraction.symbol, accounting)))
        }
        return found
    }

    /// A model trajectory as the brief shows it: totals per year, the peak (none when still rising at the horizon).
    func trajectory(_ t: Pathways.Trajectory, scenarioFile: String) -> ScenarioTrajectory {
        let peak = t.peak
        let lastYear = t.years.last?.year
        let stillRising = t.peakIsLastYear  // the same rule as `project --json`'s peak_at_last_year
        let base = t.year(t.baseYear)?.account.confidence ?? .estimate
        let title = scenarioTitlesZh[t.scenario] ?? t.scenario
        let scenarioZh = title.contains("情景") ? title : title + "情景"
        let citation = Citation(
            sourceKey: "projection-\(t.scenario)",
            source:
                "yrdplan projection to \(lastYear ?? 2060), scenario '\(t.scenario)' (\(scenarioFile)), from the accounts in \(regionsPath)/",
            year: t.baseYear, confidence: Confidence.weakest([base, .estimate]),
            note: "A model projection under the scenario's assumptions, not a forecast; observed years come from the accounts.",
            sourceZh: "yrdplan 排放预测至\(lastYear ?? 2060)年，\(scenarioZh)（\(scenarioFile)），以 \(regionsPath)/ 中的排放核算为基础",
            noteZh: "在该情景假设下的模型预测，并非预报；历史年份取自排放核算。")
        return ScenarioTrajectory(
            scenario: t.scenario, points: t.years.map { YearValue($0.year, $0.total.value) },
            peak: stillRising ? nil : YearValue(peak.year, peak.value.value), peakAtFirstYear: t.peakIsFirstYear ? true : nil,
            verdict: t.verdict, provenance: citation)
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
