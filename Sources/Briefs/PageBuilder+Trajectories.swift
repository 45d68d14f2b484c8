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
            unit: trajectoryUnit(regional), labels: trajectoryLabels(subject: t("region_name"), unit: trajectoryUnit(regional)))
    }

    /// The unit the trajectories' table and chart are printed in: chosen from the values the table shows (peak,
    /// 2030 and 2060), so that one table has one unit.
    func trajectoryUnit(_ trajectories: [ScenarioTrajectory]) -> DisplayUnit {
        printed(
            ScenarioTrajectory.unit,
            trajectories.flatMap { t in
                (t.peak.map { [$0.value] } ?? []) + t.points.filter { [2030, 2060].contains($0.year) }.map(\.value)
            })
    }

    /// How a verdict is styled: the model's verdict, or `around` for a peak after 2030 within 0.5% of the 2030
    /// level (`ScenarioTrajectory.peaksAroundDeadline`).
    func verdictStyle(_ trajectory: ScenarioTrajectory) -> String {
        trajectory.peaksAroundDeadline ? "around" : trajectory.verdict.rawValue
    }

    /// The short verdict of a table cell, with `peaksAroundDeadline` worded as "around 2030".
    func verdictLabel(_ trajectory: ScenarioTrajectory) -> String {
        trajectory.peaksAroundDeadline ? t("verdict_short_around") : t(StringKey.for(.verdictShort, id: trajectory.verdict.rawValue))
    }

    /// A scenario's row of the pathway tables (and the XML `<scenario>`), in the trajectory's unit.
    func scenarioRow(_ trajectory: ScenarioTrajectory) -> TemplateValue {
        let unit = trajectoryUnit([trajectory])
        let value = { (year: Int) in trajectory.points.first { $0.year == year }.map { unit.format($0.value) } ?? "–" }
        let verdict = trajectory.verdict
        return .node([
            "scenarioId": .text(trajectory.scenario),
            "scenarioName": .text(scenarioName(trajectory.scenario)),
            "peakYear": .text(peakYearText(trajectory)),
            "peakYearMachine": .text(trajectory.peak.map { String($0.year) } ?? ""),
            "hasPeak": .flag(trajectory.peak != nil),
            "peakAtFirstYear": .flag(trajectory.peakAtFirstYear == true),
            "peakValue": .text(trajectory.peak.map { unit.format($0.value) } ?? "–"),
            "peakValueMachine": .text(trajectory.peak.map { NumberFormat.machine($0.value) } ?? ""),
            "value2030": .text(value(2030)),
            "value2060": .text(value(2060)),
            "unit": .text(ScenarioTrajectory.unit),
            "unitLabel": .text(unit.label),
            "verdictClass": .text(verdict.rawValue),
            "verdictStyle": .text(verdictStyle(trajectory)),
            "verdictLabel": .text(verdictLabel(trajectory)),
            "provenance": provenanceNode(trajectory.provenance),
        ])
    }

    /// The wording of a trajectory chart of `subject` (a province or the region); the chart names the unit itself.
    func trajectoryLabels(subject: String, unit: DisplayUnit) -> ChartLabels {
        ChartLabels(
            title: t("chart_trajectory_title", ["subject": subject]),
            description: t("chart_trajectory_desc", ["deadline": String(PeakVerdict.deadline)]),
            caption: t("chart_trajectory_caption", ["subject": subject]),
            columns: [
                t("col_scenario"), t("col_peak_year"), t("col_peak_value", ["unit": unit.label]),
                t("col_year_value", ["year": "2030", "unit": unit.label]), t("col_year_value", ["year": "2060", "unit": unit.label]),
            ],
            words: [
                "target": t("chart_deadline", ["deadline": String(PeakVerdict.deadline)]),
                "history": t("chart_history"), "noPeak": t("no_peak"),
            ])
    }
}

extension ScenarioTrajectory {
    /// A peak after 2030 that is within 0.5% of the 2030 level: the plateau is flat enough that "later than
    /// 2030" would be over-precise, so the briefs say "peaks around 2030" (the model's verdict stays `misses`).
    var peaksAroundDeadline: Bool {
        guard let peak, peak.year > PeakVerdict.deadline, peak.value > 0,
            let level = points.first(where: { $0.year == PeakVerdict.deadline })?.value
        else { return false }
        return (peak.value - level) / peak.value <= 0.005
    }
}
