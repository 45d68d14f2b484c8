import Analysis

// MARK: - The regional pages (one template): scenarios, power corridors, benefit sharing and the joint fund.

extension PageBuilder {
    func regionFrame(heading: String, intro: String) -> TemplateNode {
        var c = TemplateNode()
        c["regionHeading"] = .text(heading)
        c["regionIntro"] = .text(intro)
        c["charts"] = .list([])
        c["tables"] = .list([])
        c["sections"] = .list([])
        return c
    }

    /// A section of a regional page: heading, paragraphs, figures, tables, checks and deal actions.
    func regionSection(
        id: String, heading: String, paragraphs: [String], figures: [TemplateValue] = [], tables: [TemplateValue] = [],
        checks: [RuleCheckResult] = [], actions: [TemplateValue] = []
    ) -> TemplateValue {
        .node([
            "sectionId": .text(id), "sectionHeading": .text(heading), "paragraphs": .list(paragraphs.map { .text($0) }),
            "hasFigures": .flag(!figures.isEmpty), "sectionFigures": .list(figures), "sectionTables": .list(tables),
            "hasChecks": .flag(!checks.isEmpty), "sectionChecks": .list(checks.map(checkNode)),
            "hasAmendments": .flag(!actions.isEmpty), "sectionAmendments": .list(actions),
        ])
    }

    /// The benefit-sharing page's deals in full: the pooled-dispatch saving with each share and every check, the rules
    /// compared and what each means, every relocation (what moves, NPV per province, checks, the action per party)
    /// and the joint fund's actions.
    func dealSections() -> [TemplateValue] {
        var sections: [TemplateValue] = []
        if let net = netPositionTable() {
            sections.append(regionSection(id: "net-positions", heading: t("net_positions_heading"), paragraphs: [], tables: [net]))
        }
        if let pooled = input.pooled {
            let shares = input.provinces.compactMap { p in
                pooled.shares[p.id].map { figure($0, name: "pooled-share-\(p.id)", label: t("pooled_share", ["province": name(p.id)])) }
            }
            sections.append(
                regionSection(
                    id: "pooled", heading: t("pooled_heading"),
                    paragraphs: [t("pooled_deal", ["rule": t(StringKey.for(.rule, id: pooled.rule))])],
                    figures: [figure(pooled.total, name: "pooled-total", label: t("pooled_total"))] + shares, checks: pooled.checks,
                    actions: actionNodes(agreement: pooled.id)))
        }
        if let allocation = input.allocation {
            sections.append(
                regionSection(
                    id: "rules", heading: t("rules_heading"),
                    paragraphs: allocation.rules.map {
                        t(
                            "rule_explained",
                            ["rule": t(StringKey.for(.rule, id: $0)), "meaning": t(StringKey.for(.rule, id: $0, suffix: "meaning"))])
                    }))
        }
        for deal in input.relocations ?? [] {
            let title = relocationTitle(deal)
            let parties = [deal.origin, deal.destination] + deal.npv.keys.sorted().filter { $0 != deal.origin && $0 != deal.destination }
            sections.append(
                regionSection(
                    id: deal.id, heading: title,
                    paragraphs: [
                        t(
                            "relocation_deal",
                            [
                                "title": title, "origin": name(deal.origin), "destination": name(deal.destination),
                                "years": String(deal.horizonYears),
                            ])
                    ],
                    figures: parties.compactMap { party in
                        deal.npv[party].map {
                            figure($0, name: "relocation-npv-\(party)", label: t("relocation_npv", ["province": name(party)]))
                        }
                    },
                    tables: movesTable(deal), checks: deal.checks, actions: actionNodes(agreement: deal.id)))
        }
        var funds: [String] = []
        for action in input.dealActions ?? [] where action.agreementKind == "joint-fund" && !funds.contains(action.agreement) {
            funds.append(action.agreement)
        }
        for fund in funds {
            sections.append(
                regionSection(id: fund, heading: t("agreement_joint_fund"), paragraphs: [], actions: actionNodes(agreement: fund)))
        }
        return sections
    }

    /// Each province's net position under each agreement as written, and the action the checks call for: one row per
    /// province, one column per agreement, every cell with its unit.
    func netPositionTable() -> TemplateValue? {
        let actions = input.dealActions ?? []
        var agreements: [DealAction] = []
        for action in actions where !agreements.contains(where: { $0.agreement == action.agreement }) { agreements.append(action) }
        guard !agreements.isEmpty else { return nil }
        let rows = input.provinces.map { province -> [String] in
            [name(province.id)]
                + agreements.map { agreement in
                    guard let mine = actions.first(where: { $0.agreement == agreement.agreement && $0.province == province.id }),
                        let net = mine.net
                    else { return "–" }
                    return amount(net.value, unit: net.unit) + " · " + t(StringKey.for(.deal, id: mine.kind.rawValue, suffix: "label"))
                }
        }
        return DataTable(
            caption: t("net_positions_caption"), columns: [t("col_province")] + agreements.map(agreementName), rows: rows
        ).node
    }

    /// Each party's action on one agreement, with the province named.
    func actionNodes(agreement: String) -> [TemplateValue] {
        (input.dealActions ?? []).filter { $0.agreement == agreement }.map { dealActionNode($0, provinceName: name($0.province)) }
    }

    func scenariosContext() -> TemplateNode {
        var c = regionFrame(heading: t("region_scenarios_title"), intro: t("region_scenarios_intro"))
        var tables: [TemplateValue] = []
        for scenario in input.scenarios {
            let shown = input.provinces.compactMap { province in
                province.trajectories.first { $0.scenario == scenario }.map { (province, $0) }
            }
            let unit = trajectoryUnit(shown.map(\.1))
            let rows: [[String]] = shown.map { province, trajectory in
                let at2030 = trajectory.points.first { $0.year == 2030 }.map { unit.format($0.value) } ?? "–"
                return [
                    name(province.id), peakYearText(trajectory), trajectory.peak.map { unit.format($0.value) } ?? "–", at2030,
                    verdictLabel(trajectory), spreadCell(trajectory),
                ]
            }
            if rows.isEmpty { continue }
            tables.append(
                DataTable(
                    caption: t("table_scenario_caption", ["scenario": scenarioName(scenario)]),
                    columns: [
                        t("col_province"), t("col_peak_year"), t("col_peak_value", ["unit": unit.label]),
                        t("col_year_value", ["year": "2030", "unit": unit.label]), t("col_verdict"), t("col_spread"),
                    ],
                    rows: rows
                ).node)
        }
        c["tables"] = .list(tables)
        let regional = inScenarioOrder(input.regionTrajectories)
        if !regional.isEmpty {
            c["charts"] = .list([chartNode(regionTrajectoryChart(regional))])
        }
        return c
    }

    func powerContext() -> TemplateNode {
        var c = regionFrame(
            heading: t("region_power_title"),
            intro: ([t("region_power_intro")] + [corridorScenarioNote()].compactMap { $0 }).joined(separator: isChinese ? "" : " "))
        var names: [String: String] = [:]
        for corridor in input.corridors { names[corridor.from] = name(corridor.from); names[corridor.to] = name(corridor.to) }
        for province in input.provinces { names[province.id] = name(province.id) }
        let unit = printed(input.corridors.first?.flow.unit ?? "", input.corridors.map(\.flow.value))
        var corridorNames: [String: String] = [:]
        for corridor in input.corridors {
            corridorNames[corridor.id] = isChinese ? "（\(corridorName(corridor))）" : " (\(corridorName(corridor)))"
        }
        c["charts"] = .list([
            chartNode(
                Charts.corridorMap(
                    id: "corridor-map", corridors: input.corridors, names: names, corridorNames: corridorNames,
                    suffixes: Dictionary(input.corridors.map { ($0.id, plannedSuffix($0)) }, uniquingKeysWith: { a, _ in a }),
                    provinces: input.provinces.map(\.id), layout: plan.mapLayout, unit: unit,
                    labels: ChartLabels(
                        title: t("chart_map_title"), description: t("chart_map_desc"), caption: t("chart_map_caption"),
                        columns: [t("col_corridor"), t("col_flow", ["unit": unit.label]), t("col_congestion")],
                        words: ["note": t("chart_map_note")])))
        ])
        // The observed year's dispatch apart from the scenario's map: a table of its own.
        if let observed = input.observedCorridors, let first = observed.first {
            let year = String(first.flow.provenance.year)
            let unit = printed(first.flow.unit, observed.map(\.flow.value))
            c["tables"] = .list([
                DataTable(
                    caption: t("table_observed_corridors_caption", ["year": year]),
                    columns: [t("col_corridor"), t("col_flow", ["unit": unit.label]), t("col_congestion")],
                    rows: observed.map { corridor in
                        [
                            "\(name(corridor.from)) → \(corridorDestination(corridor))", unit.format(corridor.flow.value),
                            corridor.congestion.map { NumberFormat.percent($0) } ?? "–",
                        ]
                    }
                ).node
            ])
        }
        return c
    }

    func benefitContext() -> TemplateNode {
        var c = regionFrame(heading: t("region_benefit_title"), intro: t("region_benefit_intro"))
        guard let allocation = input.allocation else { return c }
        var ruleNames: [String: String] = [:]
        for rule in allocation.rules { ruleNames[rule] = t(StringKey.for(.rule, id: rule)) }
        let unit = printed(allocation.unit, allocation.shares.values.flatMap(\.values))
        c["charts"] = .list([
            chartNode(
                Charts.allocation(
                    id: "allocation", comparison: allocation, ruleNames: ruleNames,
                    provinces: input.provinces.map { ($0.id, name($0.id)) }, unit: unit,
                    labels: ChartLabels(
                        title: t("chart_allocation_title"), description: t("chart_allocation_desc"),
                        caption: t("chart_allocation_caption", ["unit": unit.label]),
                        columns: [t("col_province")]
                            + allocation.rules.map { t("col_with_unit", ["column": ruleNames[$0]!, "unit": unit.label]) },
                        words: [:])))
        ])
        c["sections"] = .list(dealSections())
        return c
    }

    func fundContext() -> TemplateNode {
        var c = regionFrame(heading: t("region_fund_title"), intro: t("region_fund_intro"))
        let unit = printed(
            input.fund.first?.contribution.unit ?? "", input.fund.flatMap { [$0.contribution.value, $0.benefit.value] })
        let columns = [t("fund_contribution"), t("fund_benefit"), t("col_net")].map {
            t("col_with_unit", ["column": $0, "unit": unit.label])
        }
        c["charts"] = .list([
            chartNode(
                Charts.fund(
                    id: "fund", positions: input.fund.map { (name($0.province), $0) }, unit: unit,
                    labels: ChartLabels(
                        title: t("chart_fund_title"), description: t("chart_fund_desc"),
                        caption: t("chart_fund_caption", ["unit": unit.label]), columns: [t("col_province")] + columns,
                        words: ["contribution": t("fund_contribution"), "benefit": t("fund_benefit")])))
        ])
        return c
    }
}
