import Analysis
import Pathways

// MARK: - "What we must do": the lever gaps to the goal (from the goal seek) and the deals to sign, renegotiate or
// refuse (from the checks and the deal designer); and the verdict's spread over the Monte Carlo.

extension PageBuilder {
    /// The peak year's spread as a sentence: median, 5–95 % and P(peak ≤ 2030) over the draws.
    func spreadText(_ trajectory: ScenarioTrajectory) -> String? {
        guard let s = trajectory.spread else { return nil }
        let first = trajectory.points.first?.year
        func year(_ y: Int?) -> String {
            guard let y else { return t("spread_after_horizon", ["year": String(trajectory.points.last?.year ?? 2060)]) }
            return (y == first ? "≤" : "") + String(y)
        }
        return t(
            "verdict_spread",
            [
                "draws": NumberFormat.fixed(Double(s.draws), 0, grouped: true), "median": year(s.median), "p5": year(s.p5),
                "p95": year(s.p95), "p": NumberFormat.percent(s.pBy2030, 0), "deadline": String(PeakVerdict.deadline),
            ])
    }

    /// The short spread of a table cell: `2030 (2029–2035) · 71%`.
    func spreadCell(_ trajectory: ScenarioTrajectory) -> String {
        guard let s = trajectory.spread else { return "–" }
        let first = trajectory.points.first?.year
        func year(_ y: Int?) -> String {
            guard let y else { return ">" + String(trajectory.points.last?.year ?? 2060) }
            return (y == first ? "≤" : "") + String(y)
        }
        return "\(year(s.median)) (\(year(s.p5))–\(year(s.p95))) · \(NumberFormat.percent(s.pBy2030, 0))"
    }

    /// A lever level as printed with its unit: shares and rates in per cent, floor area and CO2 in the page's units.
    func leverAmount(_ gap: LeverGap, _ value: Double, signed: Bool = false) -> String {
        let sign = signed && value > 0 ? "+" : ""
        switch gap.unit {
        case "fraction", "1/yr":
            let unit = gap.unit == "fraction" ? t("unit_percent") : t("unit_percent_per_year")
            return sign + NumberFormat.fixed(value * 100, gap.unit == "fraction" ? 1 : 2, grouped: true) + unit
        case "ratio":
            return sign + t("unit_ratio_of_base", ["value": NumberFormat.fixed(value, 2)])
        default:
            return sign + amount(value, unit: gap.unit)
        }
    }

    /// The name of an agreement as printed: a relocation's title, else the string table's name of its kind.
    func agreementName(_ action: DealAction) -> String {
        if let deal = input.relocations?.first(where: { $0.id == action.agreement }) { return relocationTitle(deal) }
        let key = StringKey.for(.agreement, id: action.agreementKind)
        return t.has(key) ? t(key) : action.agreement
    }

    /// The actions section of one province's brief.
    func actionsContext(_ province: ProvinceInput) -> TemplateNode {
        var c = TemplateNode()
        let provinceName = name(province.id)
        var goals: [TemplateValue] = []
        if let result = input.goal, let goal = result.goal(province.id) {
            let values = [
                "province": provinceName, "year": String(result.targetYear),
                "probability": NumberFormat.percent(result.probability, 0),
                "draws": NumberFormat.fixed(Double(result.draws), 0, grouped: true), "toward": scenarioName(result.toward),
                "first": String(result.firstYear), "p0": NumberFormat.percent(goal.announcedProbability, 0),
                "p1": NumberFormat.percent(goal.requiredProbability, 1), "share": NumberFormat.percent(goal.weight, 1),
                "less": NumberFormat.percent(max(0, goal.weight - result.resolution), 1),
                "pLess": goal.probabilityOneStepLess.map { NumberFormat.percent($0, 1) } ?? "–",
            ]
            let sentence = t(StringKey.for(.deal, id: "goal-" + goal.status.rawValue), values)
            let rows = goal.levers.map { gap -> [String] in
                [
                    t(StringKey.for(.lever, id: gap.lever.replacingOccurrences(of: "_", with: "-")))
                        + (gap.inPlan ? "" : t("lever_not_in_plan")),
                    leverAmount(gap, gap.announced), leverAmount(gap, gap.required), leverAmount(gap, gap.gap, signed: true),
                ]
            }
            let table = DataTable(
                caption: t("actions_levers_caption", values),
                columns: [
                    t("col_lever"), t("col_announced", ["year": String(result.targetYear)]),
                    t("col_required", ["year": String(result.targetYear)]), t("col_gap"),
                ],
                rows: rows)
            goals.append(
                .node([
                    "goalText": .text(sentence), "goalStatus": .text(goal.status.rawValue),
                    "targetYear": .text(String(result.targetYear)), "probability": .text(NumberFormat.machine(result.probability)),
                    "from": .text(result.from), "toward": .text(result.toward), "firstYear": .text(String(result.firstYear)),
                    "draws": .text(String(result.draws)), "seed": .text(String(result.seed)),
                    "weight": .text(NumberFormat.machine(goal.weight)),
                    "pAnnounced": .text(NumberFormat.machine(goal.announcedProbability)),
                    "pRequired": .text(NumberFormat.machine(goal.requiredProbability)),
                    "leverTables": .list(rows.isEmpty ? [] : [table.node]),
                    "notInPlanNotes": .list(goal.levers.contains { !$0.inPlan } ? [.text(t("actions_not_in_plan_note"))] : []),
                    "leverGaps": .list(
                        goal.levers.map { gap in
                            .node([
                                "lever": .text(gap.lever), "unit": .text(gap.unit), "year": .text(String(gap.year)),
                                "announced": .text(NumberFormat.machine(gap.announced)),
                                "required": .text(NumberFormat.machine(gap.required)), "gap": .text(NumberFormat.machine(gap.gap)),
                                "inPlan": .text(gap.inPlan ? "true" : "false"),
                            ])
                        }),
                ]))
        }
        c["goals"] = .list(goals)
        let actions = (input.dealActions ?? []).filter { $0.province == province.id }
        c["dealActions"] = .list(actions.map { dealActionNode($0, provinceName: provinceName) })
        c["hasDealActions"] = .flag(!actions.isEmpty)
        c["hasActions"] = .flag(!goals.isEmpty || !actions.isEmpty)
        return c
    }

    /// One deal action: what to do and why, with its figures.
    func dealActionNode(_ action: DealAction, provinceName: String) -> TemplateValue {
        let failing = action.failing.map { t(StringKey.for(.check, id: $0, suffix: "short")) }
            .joined(separator: t("list_separator"))
        let changes = action.changes.map { change in
            t(
                "deal_share_change",
                [
                    "stream": t(StringKey.for(.stream, id: change.stream)), "from": String(change.fromYear), "to": String(change.toYear),
                    "before": NumberFormat.percent(change.before, 1), "after": NumberFormat.percent(change.after, 1),
                ])
        }.joined(separator: t("list_separator"))
        var values = [
            "agreement": agreementName(action), "province": provinceName, "failing": failing, "changes": changes,
            "net": action.net.map { amount($0.value, unit: $0.unit) } ?? "–",
            "amended": action.amendedNet.map { amount($0.value, unit: $0.unit) } ?? "–",
        ]
        var key = "deal_" + action.kind.rawValue
        if action.kind == .renegotiate {
            if let payment = action.sidePayment {
                let rounded = abs(payment.value) < 0.005
                key = rounded ? "deal_renegotiate_none" : payment.value > 0 ? "deal_renegotiate_receive" : "deal_renegotiate_pay"
                values["payment"] = amount(abs(payment.value), unit: payment.unit)
            } else {
                key = "deal_renegotiate_amended"
            }
        }
        var figures: [TemplateValue] = []
        if let net = action.net {
            figures.append(figure(net, name: "deal-\(action.agreement)-net", label: t("deal_net_label")))
        }
        if let amended = action.amendedNet {
            figures.append(figure(amended, name: "deal-\(action.agreement)-amended-net", label: t("deal_amended_label")))
        }
        if let payment = action.sidePayment, abs(payment.value) >= 0.005 {
            figures.append(figure(payment, name: "deal-\(action.agreement)-side-payment", label: t("deal_payment_label")))
        }
        return .node([
            "dealText": .text(t(key, values)), "dealKind": .text(action.kind.rawValue),
            "dealKindLabel": .text(t(StringKey.for(.deal, id: action.kind.rawValue, suffix: "label"))),
            "agreementId": .text(action.agreement), "agreementKind": .text(action.agreementKind),
            "dealFigures": .list(figures),
            "shareChanges": .list(
                action.changes.map { change in
                    .node([
                        "stream": .text(change.stream), "fromYear": .text(String(change.fromYear)), "toYear": .text(String(change.toYear)),
                        "before": .text(NumberFormat.machine(change.before)), "after": .text(NumberFormat.machine(change.after)),
                    ])
                }),
        ])
    }

    /// What a relocation moves, as a table: each quantity before (origin), after (destination) and the change.
    func movesTable(_ deal: RelocationDeal) -> [TemplateValue] {
        guard let moves = deal.moves, !moves.isEmpty else { return [] }
        let names = ["origin": name(deal.origin), "destination": name(deal.destination)]
        let rows = moves.map { move -> [String] in
            [
                t(StringKey.for(.move, id: move.quantity)), amount(move.before.value, unit: move.before.unit),
                amount(move.after.value, unit: move.after.unit),
                (move.after.value - move.before.value > 0 ? "+" : "") + amount(move.after.value - move.before.value, unit: move.after.unit),
            ]
        }
        return [
            DataTable(
                caption: t("relocation_moves_caption", names),
                columns: [t("col_quantity"), t("col_before", names), t("col_after", names), t("col_change")], rows: rows
            ).node
        ]
    }

    /// The pooled-dispatch deal: total, each province's share and every check.
    func pooledNode(highlight province: String?) -> [TemplateValue] {
        guard let pooled = input.pooled else { return [] }
        let ruleName = t(StringKey.for(.rule, id: pooled.rule))
        let shares = input.provinces.compactMap { p -> TemplateValue? in
            guard let share = pooled.shares[p.id] else { return nil }
            return .node([
                "shareProvince": .text(name(p.id)), "shareProvinceId": .text(p.id), "isSelf": .flag(p.id == province),
                "share": figure(share, name: "pooled-share-\(p.id)", label: t("pooled_share", ["province": name(p.id)])),
                "shareMachine": .text(NumberFormat.machine(share.value)),
            ])
        }
        return [
            .node([
                "pooledId": .text(pooled.id), "pooledRule": .text(pooled.rule),
                "pooledText": .text(t("pooled_deal", ["rule": ruleName])),
                "pooledTotal": figure(pooled.total, name: "pooled-total", label: t("pooled_total")),
                "pooledTotalMachine": .text(NumberFormat.machine(pooled.total.value)), "pooledUnit": .text(pooled.total.unit),
                "pooledShares": .list(shares),
                "pooledChecks": .list(pooled.checks.map(checkNode)),
            ])
        ]
    }

    /// A rule check with its result and, when it fails, the counterexample in the page's language.
    func checkNode(_ result: RuleCheckResult) -> TemplateValue {
        .node([
            "checkId": .text(result.property), "checkName": .text(t(StringKey.for(.check, id: result.property))),
            "held": .text(result.held ? "true" : "false"), "checkClass": .text(result.held ? "within" : "bottleneck"),
            "checkStatus": .text(t(result.held ? "check_pass" : "check_fail")),
            "counterexamples": .list(result.counterexample.map { [.text($0)] } ?? []),
            "shownCounterexamples": .list(counterexample(result).map { [.text($0)] } ?? []),
        ])
    }
}
