import Analysis
import Pathways

// MARK: - The province brief (HTML and XML share one context): summary, characteristics, difficulties,
// pathways, regional coordination and the sources it cites.

extension PageBuilder {
    func headline(_ province: ProvinceInput) -> ScenarioTrajectory? {
        province.trajectories.first { $0.scenario == input.headlineScenario }
    }

    /// The headline verdict as a sentence, with the style it is shown in (`verdictStyle`).
    func verdict(_ province: ProvinceInput) -> (PeakVerdict, String)? {
        guard let trajectory = headline(province) else { return nil }
        let verdict = trajectory.verdict
        let values = [
            "province": name(province.id), "scenario": scenarioName(trajectory.scenario),
            "year": trajectory.peak.map { String($0.year) } ?? "",
            "value": trajectory.peak.map { amount($0.value, unit: ScenarioTrajectory.unit) } ?? "",
            "deadline": String(PeakVerdict.deadline),
        ]
        let key =
            trajectory.peakAtFirstYear == true && verdict == .meets
            ? "verdict_meets_falling"
            : trajectory.peaksAroundDeadline ? "verdict_around" : StringKey.for(.verdict, id: verdict.rawValue)
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
            let spread = headline(province)?.spread
            func year(_ y: Int?) -> TemplateValue { .text(y.map(String.init) ?? "") }
            c["verdicts"] = .list([
                .node([
                    "verdictText": .text(text), "verdictClass": .text(verdict.rawValue),
                    "verdictStyle": .text(headline(province).map(verdictStyle) ?? verdict.rawValue),
                    "spreadTexts": .list(headline(province).flatMap(spreadText).map { [.text($0)] } ?? []),
                    "spreads": .list(
                        spread.map { s in
                            [
                                .node([
                                    "draws": .text(String(s.draws)), "seed": .text(String(s.seed)),
                                    "pBy2030": .text(NumberFormat.machine(s.pBy2030)), "pNoPeak": .text(NumberFormat.machine(s.pNoPeak)),
                                    "hasP5": .flag(s.p5 != nil), "p5": year(s.p5), "hasMedian": .flag(s.median != nil),
                                    "median": year(s.median), "hasP95": .flag(s.p95 != nil), "p95": year(s.p95),
                                ])
                            ]
                        } ?? []),
                ])
            ])
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
                    Figure(peak.value, unit: ScenarioTrajectory.unit, provenance), name: "peak-value",
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
                            "change": NumberFormat.percent(abs(change)), "value": amount(last.value, unit: ScenarioTrajectory.unit),
                        ])))
        }
        if let power = province.power {
            trend.append(
                .text(
                    t(
                        "power_split",
                        [
                            "local": amount(power.localThermal.value, unit: power.localThermal.unit),
                            "imported": amount(power.imported.value, unit: power.imported.unit),
                            "share": NumberFormat.percent(power.importedShare),
                        ])))
        }
        c["trendParagraphs"] = .list(trend)
        c["hasSectors"] = .flag(!province.sectors.isEmpty)
        c["sectorRows"] = .list(
            province.sectors.map { sector in
                var node: [String: TemplateValue] = [
                    "sectorName": .text(t(StringKey.for(.sector, id: sector.sector))),
                    "sectorId": .text(sector.sector),
                    "direct": figure(sector.direct, name: "\(sector.sector)-direct", label: t("sector_direct")),
                ]
                node["indirects"] = .list(
                    sector.indirect.map { [figure($0, name: "\(sector.sector)-indirect", label: t("sector_indirect"))] } ?? [])
                return .node(TemplateNode(node))
            })
        let sectorUnit = printed(
            province.sectors.first?.direct.unit ?? ScenarioTrajectory.unit,
            province.sectors.flatMap { [$0.direct.value] + ($0.indirect.map { [$0.value] } ?? []) })
        c["sectorCharts"] = optional(
            province.sectors.isEmpty
                ? nil
                : Charts.sectors(
                    id: "sectors-\(province.id)",
                    sectors: province.sectors.map { (t(StringKey.for(.sector, id: $0.sector)), $0) }, unit: sectorUnit,
                    labels: ChartLabels(
                        title: t("chart_sectors_title", ["province": provinceName, "year": String(province.baseYear)]),
                        description: t("chart_sectors_desc"),
                        caption: t("chart_sectors_caption", ["province": provinceName, "year": String(province.baseYear)]),
                        columns: [
                            t("col_sector"), t("col_direct", ["unit": sectorUnit.label]), t("col_indirect", ["unit": sectorUnit.label]),
                        ],
                        words: ["direct": t("sector_direct"), "indirect": t("sector_indirect")])))

        // Difficulties and bottlenecks.
        var difficulties: [TemplateValue] = []
        for rule in plan.rules {
            guard let indicator = province.indicators.first(where: { $0.indicator == rule.indicator }) else { continue }
            let value = indicator.figure.value
            let flagged = rule.isBottleneck(value)
            let values = [
                "province": provinceName, "value": rule.format(value, language: t.language),
                "threshold": rule.format(rule.threshold, language: t.language),
            ]
            difficulties.append(
                .node([
                    "difficultyTitle": .text(t(rule.key("title"))),
                    "difficultyText": .text(t(rule.key(flagged ? "above" : "below"), values)),
                    "indicatorId": .text(rule.indicator),
                    "status": .text(flagged ? "bottleneck" : "within"),
                    "statusLabel": .text(t(flagged ? "status_bottleneck" : "status_within")),
                    "thresholdDisplay": .text(rule.label(rule.threshold, language: t.language)),
                    "thresholdMachine": .text(NumberFormat.machine(rule.threshold)),
                    "indicator": figure(
                        indicator.figure, name: rule.indicator, label: t(rule.key("title")),
                        display: rule.label(value, language: t.language),
                        showUnit: false),
                ]))
        }
        c["difficulties"] = .list(difficulties)
        c["hasDifficulties"] = .flag(!difficulties.isEmpty)

        // Pathways.
        let trajectories = inScenarioOrder(province.trajectories)
        c["scenarioRows"] = .list(trajectories.map(scenarioRow))
        c["hasPathways"] = .flag(!trajectories.isEmpty)
        c["trajectoryCharts"] = optional(
            trajectories.isEmpty
                ? nil
                : Charts.trajectory(
                    id: "trajectory-\(province.id)", history: province.history, historyProvenance: province.historyProvenance,
                    trajectories: trajectories.map { (scenarioName($0.scenario), $0) }, unit: trajectoryUnit(trajectories),
                    labels: trajectoryLabels(subject: provinceName, unit: trajectoryUnit(trajectories))))
        c["levers"] = .list(
            trajectories.compactMap { trajectory in
                let key = StringKey.for(.scenario, id: trajectory.scenario, suffix: "levers")
                let summary = input.scenarioLabels?[trajectory.scenario]?.summaries[t.language] ?? (t.has(key) ? t(key) : nil)
                let targets = input.scenarioLabels?[trajectory.scenario]?.targets?[province.id] ?? []
                return summary.map {
                    .node([
                        "leverScenario": .text(scenarioName(trajectory.scenario)), "leverScenarioId": .text(trajectory.scenario),
                        "leverText": .text($0),
                        "hasTargets": .flag(!targets.isEmpty),
                        "targetsIntro": .text(t("targets_intro", ["province": provinceName])),
                        "targets": .list(
                            targets.map { target in
                                .node([
                                    "targetText": .text(target.texts[t.language] ?? target.texts["en"] ?? ""),
                                    "provenance": provenanceNode(target.provenance),
                                ])
                            }),
                    ])
                }
            })
        c.merge(actionsContext(province))

        // Regional coordination: only what the model computed.
        let provinceCorridors = input.corridors.filter { $0.to == province.id || $0.from == province.id }
        c["corridorRows"] = .list(
            provinceCorridors.map { corridor in
                .node([
                    "corridorFrom": .text(name(corridor.from)), "corridorTo": .text(corridorDestination(corridor)),
                    "flow": figure(corridor.flow, name: "corridor-\(corridor.id)", label: t("figure_flow")),
                    "congestion": .text(corridor.congestion.map { NumberFormat.percent($0) } ?? "–"),
                    "plannedFrom": .list(corridor.plannedFrom.map { [.text(String($0))] } ?? []),
                    "dispatchScenario": .list((corridor.scenario ?? input.dispatchScenario).map { [.text($0)] } ?? []),
                ])
            })
        c["corridorNotes"] = .list(corridorScenarioNote().map { [.text($0)] } ?? [])
        c["observedCorridors"] = .list(observedCorridorNode(province).map { [$0] } ?? [])
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
        c["pooledDeals"] = .list(input.pooled?.shares[province.id] != nil ? pooledNode(highlight: province.id) : [])
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
            + actionProvenances(province, deals: deals, trajectories: trajectories)
        where cited[p.sourceKey] == nil {
            cited[p.sourceKey] = p
        }
        c["sources"] = .list(cited.values.sorted { $0.sourceKey < $1.sourceKey }.map(provenanceNode))
        return c
    }

    /// The citations of what the actions, the named targets, the moves and the pooled deal show in a brief.
    func actionProvenances(_ province: ProvinceInput, deals: [RelocationDeal], trajectories: [ScenarioTrajectory]) -> [Citation] {
        var cited: [Citation] = []
        for deal in deals { for move in deal.moves ?? [] { cited += [move.before.provenance, move.after.provenance] } }
        for trajectory in trajectories {
            cited += input.scenarioLabels?[trajectory.scenario]?.targets?[province.id]?.map(\.provenance) ?? []
        }
        for action in input.dealActions ?? [] where action.province == province.id {
            cited += [action.net, action.amendedNet, action.sidePayment].compactMap { $0?.provenance }
        }
        if let pooled = input.pooled, pooled.shares[province.id] != nil { cited.append(pooled.total.provenance) }
        return cited
    }
}
