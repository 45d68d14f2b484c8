import Analysis

// MARK: - The overview page: every province's total and verdict, and the region's trajectories.

extension PageBuilder {
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
                    "verdictClass": .text(trajectory.map(verdictStyle) ?? verdict.rawValue),
                    "verdictLabel": .text(trajectory.map(verdictLabel) ?? "–"),
                ])
            })
        let regional = inScenarioOrder(input.regionTrajectories)
        c["regionScenarioRows"] = .list(regional.map(scenarioRow))
        c["hasRegion"] = .flag(!regional.isEmpty)
        c["regionCharts"] = optional(regional.isEmpty ? nil : regionTrajectoryChart(regional))
        c["headlineScenarioName"] = .text(scenarioName(input.headlineScenario))
        c["overviewCaption"] = .text(t("overview_table_caption", ["scenario": scenarioName(input.headlineScenario)]))
        return c
    }
}
