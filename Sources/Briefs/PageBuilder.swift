import Analysis
import Pathways

/// Builds the view models of one language's pages: the briefs (HTML and XML), the overview, the
/// regional pages and the methods page. Sections and charts appear only when their data exists.
struct PageBuilder {
    let plan: SitePlan
    let t: Localizer
    /// The language's strings as `t_<key>` values, built once for all of its pages.
    let strings: TemplateNode

    init(plan: SitePlan, t: Localizer) {
        self.plan = plan
        self.t = t
        strings = plan.strings(t.table)
    }

    var input: BriefInput { plan.input }
    var folder: String { SitePlan.folder(for: t.language) }
    var otherTables: [StringTable] { plan.tables.filter { $0.language != t.language } }

    func languagePages() -> [PageSpec] {
        var pages: [PageSpec] = []
        pages.append(page("index.html", template: "index.html", title: t("site_title"), overviewContext()))
        for province in input.provinces {
            let brief = briefContext(province)
            let title = t("brief_title", ["province": name(province.id)])
            pages.append(page("\(province.id).html", template: "brief.html", title: title, brief, briefOf: province.id))
            pages.append(page("\(province.id).xml", template: "brief.xml", title: title, brief, format: .xml, briefOf: province.id))
        }
        pages.append(page("scenarios.html", template: "region.html", title: t("region_scenarios_title"), scenariosContext()))
        if !input.corridors.isEmpty {
            pages.append(page("power.html", template: "region.html", title: t("region_power_title"), powerContext()))
        }
        if input.allocation != nil {
            pages.append(page("benefit-sharing.html", template: "region.html", title: t("region_benefit_title"), benefitContext()))
        }
        if !input.fund.isEmpty {
            pages.append(page("fund.html", template: "region.html", title: t("region_fund_title"), fundContext()))
        }
        pages.append(page("methods.html", template: "methods.html", title: t("methods_title"), methodsContext()))
        return pages
    }

    // MARK: - Page frame

    private func page(
        _ file: String, template: String, title: String, _ body: TemplateNode, format: PageSpec.Format = .html,
        briefOf: String? = nil
    ) -> PageSpec {
        var context = strings
        context.merge(body)
        context["lang"] = .text(t.language)
        context["root"] = "../"
        context["pageTitle"] = .text(title)
        context["editionDate"] = .text(input.editionDate)
        context["pageFile"] = .text(file)
        context["alternates"] = .list(
            otherTables.map { table in
                .node([
                    "altLang": .text(table.language),
                    "altHref": .text("../\(SitePlan.folder(for: table.language))/\(file)"),
                    "altLabel": .text(table.strings["language_name"] ?? table.language),
                ])
            })
        context["nav"] = .list(navigation(current: file))
        return PageSpec(
            path: "\(folder)/\(file)", template: template, format: format, context: context, briefOf: briefOf,
            language: t.language, title: title)
    }

    private func navigation(current: String) -> [TemplateValue] {
        var items: [(String, String)] = [("index.html", t("nav_overview"))]
        items += input.provinces.map { ("\($0.id).html", name($0.id)) }
        items.append(("scenarios.html", t("nav_scenarios")))
        if !input.corridors.isEmpty { items.append(("power.html", t("nav_power"))) }
        if input.allocation != nil { items.append(("benefit-sharing.html", t("nav_benefit"))) }
        if !input.fund.isEmpty { items.append(("fund.html", t("nav_fund"))) }
        items.append(("methods.html", t("nav_methods")))
        return items.map { href, label in
            .node(["href": .text(href), "label": .text(label), "current": .flag(href == current)])
        }
    }

    // MARK: - Names and figures

    func name(_ id: String) -> String {
        if let province = input.provinces.first(where: { $0.id == id }) {
            return province.names[t.language] ?? id
        }
        let key = "place_" + id.replacingHyphens()
        return t.has(key) ? t(key) : id
    }

    /// The destination as printed; with the corridor's own name when another corridor joins the same two places.
    func corridorDestination(_ corridor: CorridorFlow) -> String {
        let twins = input.corridors.filter { $0.from == corridor.from && $0.to == corridor.to }.count
        guard twins > 1, let own = corridor.name else { return name(corridor.to) }
        return "\(name(corridor.to)) (\(own))"
    }

    func scenarioName(_ id: String) -> String {
        input.scenarioLabels?[id]?.names[t.language] ?? t("scenario_" + id.replacingHyphens())
    }

    /// The peak year as printed: `≤2017` when emissions fall from the first year with data.
    func peakYearText(_ trajectory: ScenarioTrajectory) -> String {
        guard let peak = trajectory.peak else { return t("no_peak") }
        return (trajectory.peakAtFirstYear == true ? "≤" : "") + String(peak.year)
    }

    func figure(_ f: Figure, name: String, label: String, display: String? = nil, showUnit: Bool = true) -> TemplateValue {
        .node([
            "figureName": .text(name),
            "label": .text(label),
            "display": .text(display ?? NumberFormat.display(f.value)),
            "machine": .text(NumberFormat.machine(f.value)),
            "unit": .text(f.unit),
            "hasUnit": .flag(showUnit && !f.unit.isEmpty),
            "sourceKey": .text(f.provenance.sourceKey),
            "sourceText": .text(f.provenance.source),
            "sourceShort": .text(f.provenance.shortSource),
            "year": .text(String(f.provenance.year)),
            "confidence": .text(f.provenance.confidence.rawValue),
            "confidenceLabel": .text(t("confidence_" + f.provenance.confidence.rawValue)),
            "sourceHref": .text("methods.html#src-\(f.provenance.sourceKey)"),
        ])
    }

    func provenanceNode(_ p: Citation) -> TemplateValue {
        .node([
            "sourceKey": .text(p.sourceKey), "sourceText": .text(p.source), "sourceShort": .text(p.shortSource),
            "year": .text(String(p.year)),
            "confidence": .text(p.confidence.rawValue),
            "confidenceLabel": .text(t("confidence_" + p.confidence.rawValue)),
            "hasNote": .flag(p.note != nil), "note": .text(p.note ?? ""),
        ])
    }

    func optional(_ chart: Chart?) -> TemplateValue { .list(chart.map { [chartNode($0)] } ?? []) }

    /// A chart with the sources of the figures it draws, each linked to the methods page.
    func chartNode(_ chart: Chart) -> TemplateValue {
        guard case .node(var node) = chart.node else { return chart.node }
        var seen = Set<String>()
        let sources = chart.provenances.filter { seen.insert($0.sourceKey).inserted }
        node["chartSources"] = .list(
            sources.map(provenanceNode))
        node["sourceLabel"] = .text(t("source_link"))
        return .node(node)
    }

    // MARK: - The brief

    func headline(_ province: ProvinceInput) -> ScenarioTrajectory? {
        province.trajectories.first { $0.scenario == input.headlineScenario }
    }

    func verdict(_ province: ProvinceInput) -> (PeakVerdict, String)? {
        guard let trajectory = headline(province) else { return nil }
        let verdict = trajectory.verdict
        let values = [
            "province": name(province.id), "scenario": scenarioName(trajectory.scenario),
            "year": trajectory.peak.map { String($0.year) } ?? "",
            "value": trajectory.peak.map { NumberFormat.display($0.value) } ?? "",
            "deadline": String(PeakVerdict.deadline),
        ]
        let key =
            trajectory.peakAtFirstYear == true && verdict == .meets
            ? "verdict_meets_falling" : "verdict_" + verdict.rawValue.replacingHyphens()
        return (verdict, t(key, values))
    }

    func briefContext(_ province: ProvinceInput) -> TemplateNode {
        var c = TemplateNode()
        let provinceName = name(province.id)
        c["provinceId"] = .text(province.id)
        c["provinceName"] = .text(provinceName)
        c["baseYear"] = .text(String(province.baseYear))
        c["xmlHref"] = .text("\(province.id).xml")
        c["htmlHref"] = .text("\(province.id).html")
        c["briefHeading"] = .text(t("brief_title", ["province": provinceName]))
        if let (verdict, text) = verdict(province) {
            c["verdicts"] = .list([.node(["verdictText": .text(text), "verdictClass": .text(verdict.rawValue)])])
        } else {
            c["verdicts"] = .list([])
        }
        // Summary: key figures.
        var keyFigures: [TemplateValue] = [
            figure(province.total, name: "total", label: t("figure_total", ["year": String(province.baseYear)]))
        ]
        if let intensity = province.intensity {
            keyFigures.append(figure(intensity, name: "intensity", label: t("figure_intensity", ["year": String(province.baseYear)])))
        }
        if let trajectory = headline(province), let peak = trajectory.peak {
            let provenance = trajectory.provenance
            keyFigures.append(
                figure(
                    Figure(Double(peak.year), unit: "", provenance), name: "peak-year",
                    label: t("figure_peak_year", ["scenario": scenarioName(trajectory.scenario)]), display: peakYearText(trajectory)))
            keyFigures.append(
                figure(
                    Figure(peak.value, unit: province.total.unit, provenance), name: "peak-value",
                    label: t("figure_peak_value", ["scenario": scenarioName(trajectory.scenario)])))
        }
        if let power = province.power {
            let share = power.importedShare
            keyFigures.append(
                figure(
                    Figure(share * 100, unit: "%", power.imported.provenance), name: "imported-power-share",
                    label: t("figure_imported_share"), display: NumberFormat.fixed(share * 100, 1)))
        }
        c["keyFigures"] = .list(keyFigures)

        // Emission characteristics.
        var trend: [TemplateValue] = []
        if let first = province.history.first, let last = province.history.last, first.year < last.year, first.value > 0 {
            let change = (last.value - first.value) / first.value
            trend.append(
                .text(
                    t(
                        change < 0 ? "trend_falling" : "trend_rising",
                        [
                            "province": provinceName, "from": String(first.year), "to": String(last.year),
                            "change": NumberFormat.percent(abs(change)), "value": NumberFormat.display(last.value),
                        ])))
        }
        if let power = province.power {
            trend.append(
                .text(
                    t(
                        "power_split",
                        [
                            "local": NumberFormat.display(power.localThermal.value), "imported": NumberFormat.display(power.imported.value),
                            "share": NumberFormat.percent(power.importedShare), "unit": power.imported.unit,
                        ])))
        }
        c["trendParagraphs"] = .list(trend)
        c["hasSectors"] = .flag(!province.sectors.isEmpty)
        c["sectorRows"] = .list(
            province.sectors.map { sector in
                var node: [String: TemplateValue] = [
                    "sectorName": .text(t("sector_" + sector.sector.replacingHyphens())),
                    "sectorId": .text(sector.sector),
                    "direct": figure(sector.direct, name: "\(sector.sector)-direct", label: t("sector_direct")),
                ]
                node["indirects"] = .list(
                    sector.indirect.map { [figure($0, name: "\(sector.sector)-indirect", label: t("sector_indirect"))] } ?? [])
                return .node(TemplateNode(node))
            })
        c["sectorCharts"] = optional(
            province.sectors.isEmpty
                ? nil
                : Charts.sectors(
                    id: "sectors-\(province.id)",
                    sectors: province.sectors.map { (t("sector_" + $0.sector.replacingHyphens()), $0) },
                    labels: ChartLabels(
                        title: t("chart_sectors_title", ["province": provinceName, "year": String(province.baseYear)]),
                        description: t("chart_sectors_desc"),
                        caption: t("chart_sectors_caption", ["province": provinceName, "year": String(province.baseYear)]),
                        columns: [t("col_sector"), t("col_direct"), t("col_indirect")],
                        words: ["direct": t("sector_direct"), "indirect": t("sector_indirect"), "unit": province.total.unit])))

        // Difficulties and bottlenecks.
        var difficulties: [TemplateValue] = []
        for rule in plan.rules {
            guard let indicator = province.indicators.first(where: { $0.indicator == rule.indicator }) else { continue }
            let value = indicator.figure.value
            let flagged = rule.isBottleneck(value)
            let values = ["province": provinceName, "value": rule.format(value), "threshold": rule.format(rule.threshold)]
            difficulties.append(
                .node([
                    "difficultyTitle": .text(t(rule.keyStem + "_title")),
                    "difficultyText": .text(t(rule.keyStem + (flagged ? "_above" : "_below"), values)),
                    "indicatorId": .text(rule.indicator),
                    "status": .text(flagged ? "bottleneck" : "within"),
                    "statusLabel": .text(t(flagged ? "status_bottleneck" : "status_within")),
                    "thresholdDisplay": .text(rule.format(rule.threshold)),
                    "thresholdMachine": .text(NumberFormat.machine(rule.threshold)),
                    "indicator": figure(
                        indicator.figure, name: rule.indicator, label: t(rule.keyStem + "_title"), display: rule.format(value),
                        showUnit: false),
                ]))
        }
        c["difficulties"] = .list(difficulties)
        c["hasDifficulties"] = .flag(!difficulties.isEmpty)

        // Pathways.
        let trajectories = input.scenarios.compactMap { id in province.trajectories.first { $0.scenario == id } }
        c["scenarioRows"] = .list(trajectories.map { scenarioRow($0, unit: province.total.unit) })
        c["hasPathways"] = .flag(!trajectories.isEmpty)
        c["trajectoryCharts"] = optional(
            trajectories.isEmpty
                ? nil
                : Charts.trajectory(
                    id: "trajectory-\(province.id)", history: province.history, historyProvenance: province.historyProvenance,
                    trajectories: trajectories.map { (scenarioName($0.scenario), $0) },
                    labels: trajectoryLabels(subject: provinceName, unit: province.total.unit)))
        c["levers"] = .list(
            trajectories.compactMap { trajectory in
                let key = "scenario_\(trajectory.scenario.replacingHyphens())_levers"
                let summary = input.scenarioLabels?[trajectory.scenario]?.summaries[t.language] ?? (t.has(key) ? t(key) : nil)
                return summary.map { .node(["leverScenario": .text(scenarioName(trajectory.scenario)), "leverText": .text($0)]) }
            })

        // Regional coordination: only what the model computed.
        let provinceCorridors = input.corridors.filter { $0.to == province.id || $0.from == province.id }
        c["corridorRows"] = .list(
            provinceCorridors.map { corridor in
                .node([
                    "corridorFrom": .text(name(corridor.from)), "corridorTo": .text(corridorDestination(corridor)),
                    "flow": figure(corridor.flow, name: "corridor-\(corridor.id)", label: t("col_flow")),
                    "congestion": .text(corridor.congestion.map { NumberFormat.percent($0) } ?? "–"),
                ])
            })
        c["hasCorridors"] = .flag(!provinceCorridors.isEmpty)
        c["importFactors"] = .list(
            province.importFactor.map { [figure($0, name: "import-emission-factor", label: t("figure_import_factor"))] } ?? [])
        c["allocationShares"] = .list(allocationShares(for: province.id))
        c["hasAllocation"] = .flag(input.allocation != nil)
        let fund = input.fund.first { $0.province == province.id }
        c["fundPositions"] = .list(
            fund.map { position in
                [
                    .node([
                        "contribution": figure(position.contribution, name: "fund-contribution", label: t("fund_contribution")),
                        "benefit": figure(position.benefit, name: "fund-benefit", label: t("fund_benefit")),
                    ])
                ]
            } ?? [])
        let deals = (input.relocations ?? []).filter { $0.origin == province.id || $0.destination == province.id }
        c["relocations"] = .list(deals.map(relocationNode))
        c["hasRelocations"] = .flag(!deals.isEmpty)
        var missing: [TemplateValue] = []
        if input.relocations == nil {
            missing.append(.text(t("not_computed_relocation")))
        } else if deals.isEmpty {
            missing.append(.text(t("relocation_none_involving", ["province": provinceName])))
        }
        if provinceCorridors.isEmpty { missing.append(.text(t("not_computed_power"))) }
        if input.allocation == nil { missing.append(.text(t("not_computed_allocation"))) }
        if fund == nil { missing.append(.text(t("not_computed_fund"))) }
        c["notComputed"] = .list(missing)
        c["hasNotComputed"] = .flag(!missing.isEmpty)

        // Data and methods: the sources this brief cites.
        var cited: [String: Citation] = [:]
        for p in [province.total.provenance] + [province.intensity?.provenance, province.historyProvenance].compactMap({ $0 })
            + province.sectors.flatMap({ [$0.direct.provenance] + ($0.indirect.map { [$0.provenance] } ?? []) })
            + (province.power.map { [$0.localThermal.provenance, $0.imported.provenance] } ?? [])
            + province.indicators.map(\.figure.provenance) + trajectories.map(\.provenance)
            + provinceCorridors.map(\.flow.provenance) + (province.importFactor.map { [$0.provenance] } ?? [])
            + (input.allocation.map { [$0.provenance] } ?? [])
            + (fund.map { [$0.contribution.provenance, $0.benefit.provenance] } ?? [])
            + deals.flatMap({ deal in [deal.splitProvenance] + deal.npv.keys.sorted().map { deal.npv[$0]!.provenance } })
        where cited[p.sourceKey] == nil {
            cited[p.sourceKey] = p
        }
        c["sources"] = .list(cited.values.sorted { $0.sourceKey < $1.sourceKey }.map(provenanceNode))
        return c
    }

    func scenarioRow(_ trajectory: ScenarioTrajectory, unit: String) -> TemplateValue {
        let value = { (year: Int) in trajectory.points.first { $0.year == year }.map { NumberFormat.display($0.value) } ?? "–" }
        let verdict = trajectory.verdict
        return .node([
            "scenarioId": .text(trajectory.scenario),
            "scenarioName": .text(scenarioName(trajectory.scenario)),
            "peakYear": .text(peakYearText(trajectory)),
            "peakYearMachine": .text(trajectory.peak.map { String($0.year) } ?? ""),
            "hasPeak": .flag(trajectory.peak != nil),
            "peakAtFirstYear": .flag(trajectory.peakAtFirstYear == true),
            "peakValue": .text(trajectory.peak.map { NumberFormat.display($0.value) } ?? "–"),
            "peakValueMachine": .text(trajectory.peak.map { NumberFormat.machine($0.value) } ?? ""),
            "value2030": .text(value(2030)),
            "value2060": .text(value(2060)),
            "unit": .text(unit),
            "verdictClass": .text(verdict.rawValue),
            "verdictLabel": .text(t("verdict_short_" + verdict.rawValue.replacingHyphens())),
            "provenance": provenanceNode(trajectory.provenance),
        ])
    }

    func trajectoryLabels(subject: String, unit: String) -> ChartLabels {
        ChartLabels(
            title: t("chart_trajectory_title", ["subject": subject]),
            description: t("chart_trajectory_desc", ["deadline": String(PeakVerdict.deadline)]),
            caption: t("chart_trajectory_caption", ["subject": subject]),
            columns: [t("col_scenario"), t("col_peak_year"), t("col_peak_value"), "2030", "2060"],
            words: [
                "unit": unit, "target": t("chart_deadline", ["deadline": String(PeakVerdict.deadline)]),
                "history": t("chart_history"), "noPeak": t("no_peak"),
            ])
    }

    /// An industry-relocation deal: what moves where, the split schedule, the NPV per party and the rule checks.
    func relocationNode(_ deal: RelocationDeal) -> TemplateValue {
        let origin = name(deal.origin)
        let destination = name(deal.destination)
        let parties = [deal.origin, deal.destination] + deal.npv.keys.sorted().filter { $0 != deal.origin && $0 != deal.destination }
        return .node([
            "relocationId": .text(deal.id), "relocationTitle": .text(deal.title),
            "originId": .text(deal.origin), "destinationId": .text(deal.destination),
            "horizonYears": .text(String(deal.horizonYears)),
            "relocationDeal": .text(
                t(
                    "relocation_deal",
                    ["title": deal.title, "origin": origin, "destination": destination, "years": String(deal.horizonYears)])),
            "splitCaption": .text(t("relocation_split_caption", ["origin": origin, "destination": destination])),
            "colOriginShare": .text(t("col_share_of", ["province": origin])),
            "colDestinationShare": .text(t("col_share_of", ["province": destination])),
            "splitRows": .list(
                deal.splits.map { row in
                    .node([
                        "streamId": .text(row.stream), "streamName": .text(t("stream_" + row.stream.replacingHyphens())),
                        "fromYear": .text(String(row.fromYear)), "toYear": .text(String(row.toYear)),
                        "yearsText": .text(t("relocation_years", ["from": String(row.fromYear), "to": String(row.toYear)])),
                        "originShareMachine": .text(NumberFormat.machine(row.originShare)),
                        "destinationShareMachine": .text(NumberFormat.machine(row.destinationShare)),
                        "originShare": figure(
                            Figure(row.originShare * 100, unit: "%", deal.splitProvenance), name: "split-\(row.stream)-origin",
                            label: t("col_share_of", ["province": origin]), display: NumberFormat.fixed(row.originShare * 100, 0)),
                        "destinationShare": figure(
                            Figure(row.destinationShare * 100, unit: "%", deal.splitProvenance), name: "split-\(row.stream)-destination",
                            label: t("col_share_of", ["province": destination]),
                            display: NumberFormat.fixed(row.destinationShare * 100, 0)),
                    ])
                }),
            "splitSourceKey": .text(deal.splitProvenance.sourceKey), "splitSource": .text(deal.splitProvenance.shortSource),
            "splitYear": .text(String(deal.splitProvenance.year)), "splitConfidence": .text(deal.splitProvenance.confidence.rawValue),
            "npvFigures": .list(
                parties.compactMap { party in
                    deal.npv[party].map {
                        figure($0, name: "relocation-npv-\(party)", label: t("relocation_npv", ["province": name(party)]))
                    }
                }),
            "checkRows": .list(
                deal.checks.map { result in
                    .node([
                        "checkId": .text(result.property), "checkName": .text(t("check_" + result.property.replacingHyphens())),
                        "held": .text(result.held ? "true" : "false"), "checkClass": .text(result.held ? "within" : "bottleneck"),
                        "checkStatus": .text(t(result.held ? "check_pass" : "check_fail")),
                        "counterexamples": .list(result.counterexample.map { [.text($0)] } ?? []),
                    ])
                }),
        ])
    }

    func allocationShares(for province: String) -> [TemplateValue] {
        guard let allocation = input.allocation else { return [] }
        return allocation.rules.compactMap { rule in
            guard let share = allocation.shares[rule]?[province] else { return nil }
            return .node([
                "ruleName": .text(t("rule_" + rule.replacingHyphens())),
                "share": figure(
                    Figure(share, unit: allocation.unit, allocation.provenance), name: "allocation-\(rule)",
                    label: t("rule_" + rule.replacingHyphens())),
            ])
        }
    }

    // MARK: - Overview, regional pages, methods

    func overviewContext() -> TemplateNode {
        var c = TemplateNode()
        c["provinceRows"] = .list(
            input.provinces.map { province in
                let trajectory = headline(province)
                let verdict = (trajectory?.verdict ?? .noPeak)
                return .node([
                    "provinceId": .text(province.id), "provinceName": .text(name(province.id)),
                    "href": .text("\(province.id).html"),
                    "total": figure(province.total, name: "total", label: t("figure_total", ["year": String(province.baseYear)])),
                    "baseYear": .text(String(province.baseYear)),
                    "peakYear": .text(trajectory.map(peakYearText) ?? t("no_peak")),
                    "verdictClass": .text(verdict.rawValue),
                    "verdictLabel": .text(trajectory == nil ? "–" : t("verdict_short_" + verdict.rawValue.replacingHyphens())),
                ])
            })
        let regional = input.scenarios.compactMap { id in input.regionTrajectories.first { $0.scenario == id } }
        c["regionScenarioRows"] = .list(regional.map { scenarioRow($0, unit: "Mt CO2") })
        c["hasRegion"] = .flag(!regional.isEmpty)
        c["regionCharts"] = optional(
            regional.isEmpty
                ? nil
                : Charts.trajectory(
                    id: "trajectory-region", history: [], trajectories: regional.map { (scenarioName($0.scenario), $0) },
                    labels: trajectoryLabels(subject: t("region_name"), unit: "Mt CO2")))
        c["headlineScenarioName"] = .text(scenarioName(input.headlineScenario))
        return c
    }

    func regionFrame(heading: String, intro: String) -> TemplateNode {
        var c = TemplateNode()
        c["regionHeading"] = .text(heading)
        c["regionIntro"] = .text(intro)
        c["charts"] = .list([])
        c["tables"] = .list([])
        return c
    }

    func scenariosContext() -> TemplateNode {
        var c = regionFrame(heading: t("region_scenarios_title"), intro: t("region_scenarios_intro"))
        var tables: [TemplateValue] = []
        for scenario in input.scenarios {
            let rows: [[String]] = input.provinces.compactMap { province in
                guard let trajectory = province.trajectories.first(where: { $0.scenario == scenario }) else { return nil }
                let at2030 = trajectory.points.first { $0.year == 2030 }.map { NumberFormat.display($0.value) } ?? "–"
                return [
                    name(province.id), peakYearText(trajectory),
                    trajectory.peak.map { NumberFormat.display($0.value) } ?? "–", at2030,
                    t("verdict_short_" + trajectory.verdict.rawValue.replacingHyphens()),
                ]
            }
            if rows.isEmpty { continue }
            tables.append(
                DataTable(
                    caption: t("table_scenario_caption", ["scenario": scenarioName(scenario)]),
                    columns: [t("col_province"), t("col_peak_year"), t("col_peak_value"), "2030", t("col_verdict")],
                    rows: rows
                ).node)
        }
        c["tables"] = .list(tables)
        let regional = input.scenarios.compactMap { id in input.regionTrajectories.first { $0.scenario == id } }
        if !regional.isEmpty {
            c["charts"] = .list([
                chartNode(
                    Charts.trajectory(
                        id: "trajectory-region", history: [], trajectories: regional.map { (scenarioName($0.scenario), $0) },
                        labels: trajectoryLabels(subject: t("region_name"), unit: "Mt CO2")))
            ])
        }
        return c
    }

    func powerContext() -> TemplateNode {
        var c = regionFrame(heading: t("region_power_title"), intro: t("region_power_intro"))
        var names: [String: String] = [:]
        for corridor in input.corridors { names[corridor.from] = name(corridor.from); names[corridor.to] = name(corridor.to) }
        for province in input.provinces { names[province.id] = name(province.id) }
        c["charts"] = .list([
            chartNode(
                Charts.corridorMap(
                    id: "corridor-map", corridors: input.corridors, names: names,
                    labels: ChartLabels(
                        title: t("chart_map_title"), description: t("chart_map_desc"), caption: t("chart_map_caption"),
                        columns: [t("col_corridor"), "\(t("col_flow")) (\(input.corridors.first?.flow.unit ?? ""))", t("col_congestion")],
                        words: ["note": t("chart_map_note")])))
        ])
        return c
    }

    func benefitContext() -> TemplateNode {
        var c = regionFrame(heading: t("region_benefit_title"), intro: t("region_benefit_intro"))
        guard let allocation = input.allocation else { return c }
        var ruleNames: [String: String] = [:]
        for rule in allocation.rules { ruleNames[rule] = t("rule_" + rule.replacingHyphens()) }
        c["charts"] = .list([
            chartNode(
                Charts.allocation(
                    id: "allocation", comparison: allocation, ruleNames: ruleNames,
                    provinces: input.provinces.map { ($0.id, name($0.id)) },
                    labels: ChartLabels(
                        title: t("chart_allocation_title"), description: t("chart_allocation_desc"),
                        caption: t("chart_allocation_caption", ["unit": allocation.unit]),
                        columns: [t("col_province")] + allocation.rules.map { ruleNames[$0]! },
                        words: ["unit": allocation.unit])))
        ])
        return c
    }

    func fundContext() -> TemplateNode {
        var c = regionFrame(heading: t("region_fund_title"), intro: t("region_fund_intro"))
        let unit = input.fund.first?.contribution.unit ?? ""
        c["charts"] = .list([
            chartNode(
                Charts.fund(
                    id: "fund", positions: input.fund.map { (name($0.province), $0) },
                    labels: ChartLabels(
                        title: t("chart_fund_title"), description: t("chart_fund_desc"), caption: t("chart_fund_caption", ["unit": unit]),
                        columns: [t("col_province"), t("fund_contribution"), t("fund_benefit"), t("col_net")],
                        words: ["contribution": t("fund_contribution"), "benefit": t("fund_benefit"), "unit": unit])))
        ])
        return c
    }

    func methodsContext() -> TemplateNode {
        var c = TemplateNode()
        c["allSources"] = .list(input.allProvenances.map(provenanceNode))
        c["thresholdRows"] = .list(
            plan.rules.map { rule in
                .node([
                    "ruleTitle": .text(t(rule.keyStem + "_title")),
                    "ruleIndicator": .text(rule.indicator),
                    "ruleThreshold": .text(rule.format(rule.threshold)),
                ])
            })
        c["downloads"] = .list(
            input.downloads.map { .node(["fileName": .text($0.fileName), "downloadHref": .text("../data/\($0.fileName)")]) })
        c["briefXMLs"] = .list(input.provinces.map { .node(["provinceName": .text(name($0.id)), "xmlHref": .text("\($0.id).xml")]) })
        c["deadline"] = .text(String(PeakVerdict.deadline))
        return c
    }
}
