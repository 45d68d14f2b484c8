import Analysis
import Pathways

// MARK: - Scenario trajectories as printed: peak years, table rows and chart labels, shared by the briefs,
// the overview and the scenarios page.

extension PageBuilder {
    /// The peak year as printed: `≤2017` when emissions fall from the first year with data.
    func peakYearText(_ trajectory: ScenarioTrajectory) -> String {
        guard let peak = trajectory.peak else { return t("no_peak") }
        return (trajectory.peakAtFirstYear == true ? "≤" : "") + String(peak.year)
    }

    /// The trajectories among `trajectories` of the edition's scenarios, in the order scenarios are shown.
    func inScenarioOrder(_ trajectories: [ScenarioTrajectory]) -> [ScenarioTrajectory] {
        input.scenarios.compactMap { id in trajectories.first { $0.scenario == id } }
    }

    /// The region's trajectories in one chart, as on the overview and the scenarios page.
    func regionTrajectoryChart(_ regional: [ScenarioTrajectory]) -> Chart {
        Charts.trajectory(
            id: "trajectory-region", history: [], trajectories: regional.map { (scenarioName($0.scenario), $0) },
            labels: trajectoryLabels(subject: t("region_name")))
    }

    /// A scenario's row of the pathway tables (and the XML `<scenario>`), in the trajectory's unit.
    func scenarioRow(_ trajectory: ScenarioTrajectory) -> TemplateValue {
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
            "unit": .text(ScenarioTrajectory.unit),
            "verdictClass": .text(verdict.rawValue),
            "verdictLabel": .text(t(StringKey.for(.verdictShort, id: verdict.rawValue))),
            "provenance": provenanceNode(trajectory.provenance),
        ])
    }

    /// The wording of a trajectory chart of `subject` (a province or the region); the chart names the unit itself.
    func trajectoryLabels(subject: String) -> ChartLabels {
        ChartLabels(
            title: t("chart_trajectory_title", ["subject": subject]),
            description: t("chart_trajectory_desc", ["deadline": String(PeakVerdict.deadline)]),
            caption: t("chart_trajectory_caption", ["subject": subject]),
            columns: [t("col_scenario"), t("col_peak_year"), t("col_peak_value"), "2030", "2060"],
            words: [
                "target": t("chart_deadline", ["deadline": String(PeakVerdict.deadline)]),
                "history": t("chart_history"), "noPeak": t("no_peak"),
            ])
    }
}
