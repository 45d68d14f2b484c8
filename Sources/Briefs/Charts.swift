import Analysis
import Foundation

// MARK: - Inline SVG charts, drawn in Swift. Every label passes through `Escape.xml`; every chart has
// <title> and <desc> and comes with its data as a table.

/// A data table shown under a chart (and usable alone): caption, column headers, rows whose first
/// cell is a row header.
public struct DataTable: Hashable, Sendable {
    public var caption: String
    public var columns: [String]
    public var rows: [[String]]

    /// The table as a template node (`caption`, `columns`, `rows` with `head` and `cells`).
    var node: TemplateValue {
        .node([
            "caption": .text(caption),
            "columns": .list(columns.map { .node(["label": .text($0)]) }),
            "rows": .list(
                rows.map { row in
                    .node([
                        "head": .text(row.first ?? ""),
                        "cells": .list(row.dropFirst().map { .node(["value": .text($0)]) }),
                    ])
                }),
        ])
    }
}

/// A drawn chart: its SVG, the accessible title and description, and the same data as a table.
public struct Chart: Hashable, Sendable {
    /// Id `[a-z0-9-]`, unique in a page (also used for SVG element ids).
    public var id: String
    public var title: String
    public var description: String
    public var svg: String
    public var table: DataTable
    /// The provenance of every figure drawn (shown under the chart, linked to the methods page).
    public var provenances: [Citation] = []

    var node: TemplateValue {
        .node([
            "chartId": .text(id), "chartTitle": .text(title), "chartDescription": .text(description),
            "chartMarkup": .markup(TrustedMarkup(svg)), "table": table.node,
        ])
    }
}

/// Colours of the charts (also in site.css): restrained, distinguishable in greyscale print.
enum Palette {
    static let series = ["#1f3a5f", "#2a7f62", "#c77d1a", "#7a4e8c", "#8a8f98", "#b03a2e"]
    static let grid = "#d5d9df"
    static let ink = "#222"
    static let muted = "#5b6470"
}

/// Builds SVG text with escaping and fixed number formatting.
struct SVGWriter {
    private(set) var body = ""
    let width: Double
    let height: Double

    mutating func raw(_ markup: String) { body += markup }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil,
        marker: String? = nil
    ) {
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let marker { body += " marker-end=\"url(#\(marker))\"" }
        body += "/>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil) {
        body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, w)))\" height=\"\(n(max(0, h)))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        body += "/>"
    }

    mutating func text(
        _ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Double = 11, fill: String = Palette.ink,
        weight: String? = nil
    ) {
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { body += " font-weight=\"\(weight)\"" }
        body += ">\(Escape.xml(content))</text>"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>"
    }

    mutating func circle(_ x: Double, _ y: Double, _ r: Double, fill: String, stroke: String = "#fff") {
        body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>"
    }

    /// The complete `<svg>` element with `<title>` and `<desc>` referenced by `aria-labelledby`.
    func finish(id: String, title: String, description: String, defs: String = "") -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(Escape.xml(title))</title><desc id=\"\(id)-desc\">\(Escape.xml(description))</desc>"
            + (defs.isEmpty ? "" : "<defs>\(defs)</defs>") + body + "</svg>"
    }

    func n(_ value: Double) -> String { NumberFormat.machine(value) }
}

/// An axis label with as many decimals as the step needs (0 for steps of 1 or more).
func tickLabel(_ value: Double, _ step: Double) -> String {
    NumberFormat.fixed(value, step >= 1 ? 0 : step >= 0.1 ? 1 : 2)
}

/// A "nice" axis maximum and step for values up to `maximum`.
func niceScale(_ maximum: Double, ticks: Int = 5) -> (top: Double, step: Double) {
    guard maximum > 0, maximum.isFinite else { return (1, 0.2) }
    let rough = maximum / Double(ticks)
    var magnitude = 1.0
    while magnitude * 10 <= rough { magnitude *= 10 }
    while magnitude > rough { magnitude /= 10 }
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
    return ((maximum / step).rounded(.up) * step, step)
}

// MARK: - The five chart types

/// Labels a chart needs from the string tables.
public struct ChartLabels: Sendable {
    public var title: String
    public var description: String
    public var caption: String
    public var columns: [String]
    /// Extra words (axis names, legend entries) by key.
    public var words: [String: String]
}

enum Charts {
    /// Emission trajectories per scenario, with history, each peak marked and 2030 drawn, in `ScenarioTrajectory.unit`.
    static func trajectory(
        id: String, history: [YearValue], historyProvenance: Citation? = nil,
        trajectories: [(name: String, trajectory: ScenarioTrajectory)], labels: ChartLabels
    ) -> Chart {
        var svg = SVGWriter(width: 640, height: 270)
        let all = history + trajectories.flatMap(\.trajectory.points)
        let firstYear = Double(all.map(\.year).min() ?? 2010)
        let lastYear = Double(all.map(\.year).max() ?? 2060)
        let (top, step) = niceScale(all.map(\.value).max() ?? 1)
        let left = 52.0, right = 620.0, topY = 20.0, bottom = 215.0
        func x(_ year: Double) -> Double { left + (year - firstYear) / max(1, lastYear - firstYear) * (right - left) }
        func y(_ value: Double) -> Double { bottom - value / top * (bottom - topY) }
        var tick = 0.0
        while tick <= top + step / 2 {
            svg.line(left, y(tick), right, y(tick), stroke: Palette.grid)
            svg.text(left - 6, y(tick) + 4, tickLabel(tick, step), anchor: "end", size: 10, fill: Palette.muted)
            tick += step
        }
        var year = (firstYear / 10).rounded(.up) * 10
        while year <= lastYear {
            svg.text(x(year), bottom + 16, String(Int(year)), anchor: "middle", size: 10, fill: Palette.muted)
            year += 10
        }
        svg.text(left, 12, ScenarioTrajectory.unit, size: 10, fill: Palette.muted)
        if 2030 >= firstYear && 2030 <= lastYear {
            svg.line(x(2030), topY, x(2030), bottom, stroke: Palette.muted, width: 1, dash: "4 3")
            svg.text(x(2030) + 4, topY + 10, labels.words["target"] ?? "2030", size: 10, fill: Palette.muted)
        }
        if history.count > 1 {
            svg.polyline(history.map { (x(Double($0.year)), y($0.value)) }, stroke: Palette.ink, width: 2.5)
        }
        for (index, entry) in trajectories.enumerated() {
            let colour = Palette.series[index % Palette.series.count]
            svg.polyline(
                entry.trajectory.points.map { (x(Double($0.year)), y($0.value)) }, stroke: colour, width: 2,
                dash: index == 0 ? nil : index == 1 ? "6 3" : "2 3")
            if let peak = entry.trajectory.peak {
                svg.circle(x(Double(peak.year)), y(peak.value), 4.5, fill: colour)
            }
        }
        var legendX = left
        let legend =
            (history.count > 1 ? [(labels.words["history"] ?? "", Palette.ink)] : [])
            + trajectories.enumerated().map { ($0.element.name, Palette.series[$0.offset % Palette.series.count]) }
        for (name, colour) in legend {
            svg.rect(legendX, 248, 14, 4, fill: colour)
            svg.text(legendX + 18, 254, name, size: 11)
            legendX += 26 + Double(name.count) * (name.unicodeScalars.contains { $0.value > 0x2E80 } ? 11 : 6.5)
        }
        let rows: [[String]] = trajectories.map { entry in
            let t = entry.trajectory
            let at = { (year: Int) in t.points.first { $0.year == year }.map { NumberFormat.display($0.value) } ?? "–" }
            return [
                entry.name, t.peak.map { (t.peakAtFirstYear == true ? "≤" : "") + String($0.year) } ?? (labels.words["noPeak"] ?? "–"),
                t.peak.map { NumberFormat.display($0.value) } ?? "–", at(2030), at(2060),
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description,
            svg: svg.finish(id: id, title: labels.title, description: labels.description),
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: historyProvenance.map { [$0] }.orEmpty + trajectories.map(\.trajectory.provenance))
    }

    /// Base-year emissions by sector, direct and indirect stacked, in the unit of the sector figures.
    static func sectors(id: String, sectors: [(name: String, emissions: SectorEmissions)], labels: ChartLabels) -> Chart {
        let rowHeight = 28.0
        var svg = SVGWriter(width: 640, height: 40 + rowHeight * Double(sectors.count) + 30)
        let left = 150.0, right = 600.0
        let maximum = sectors.map { $0.emissions.direct.value + ($0.emissions.indirect?.value ?? 0) }.max() ?? 1
        let (top, step) = niceScale(maximum)
        func x(_ value: Double) -> Double { left + value / top * (right - left) }
        let axisBottom = 20 + rowHeight * Double(sectors.count)
        var tick = 0.0
        while tick <= top + step / 2 {
            svg.line(x(tick), 16, x(tick), axisBottom, stroke: Palette.grid)
            svg.text(x(tick), axisBottom + 14, tickLabel(tick, step), anchor: "middle", size: 10, fill: Palette.muted)
            tick += step
        }
        for (index, entry) in sectors.enumerated() {
            let rowY = 20 + rowHeight * Double(index)
            svg.text(left - 8, rowY + 17, entry.name, anchor: "end", size: 11)
            let direct = entry.emissions.direct.value
            svg.rect(x(0), rowY + 5, x(direct) - x(0), 16, fill: Palette.series[0])
            if let indirect = entry.emissions.indirect?.value {
                svg.rect(x(direct), rowY + 5, x(direct + indirect) - x(direct), 16, fill: Palette.series[2])
            }
        }
        let legendY = axisBottom + 26
        svg.rect(left, legendY - 8, 14, 8, fill: Palette.series[0])
        svg.text(left + 18, legendY, labels.words["direct"] ?? "", size: 11)
        svg.rect(left + 150, legendY - 8, 14, 8, fill: Palette.series[2])
        svg.text(left + 168, legendY, labels.words["indirect"] ?? "", size: 11)
        svg.text(right, legendY, sectors.first?.emissions.direct.unit ?? "", anchor: "end", size: 10, fill: Palette.muted)
        let rows = sectors.map { entry in
            [
                entry.name, NumberFormat.display(entry.emissions.direct.value),
                entry.emissions.indirect.map { NumberFormat.display($0.value) } ?? "–",
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description,
            svg: svg.finish(id: id, title: labels.title, description: labels.description),
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: sectors.flatMap { [$0.emissions.direct.provenance] + ($0.emissions.indirect.map { [$0.provenance] } ?? []) })
    }

    /// Schematic map: the four provinces in their rough relative positions, outside supply regions on
    /// the west edge, corridors as arrows whose width scales with the annual flow.
    static func corridorMap(
        id: String, corridors: [CorridorFlow], names: [String: String], provinces: [String], layout: MapLayout, labels: ChartLabels
    ) -> Chart {
        var svg = SVGWriter(width: 640, height: 360)
        // Places listed in Templates/map.yaml sit where it says; other provinces on a ring in the middle.
        var position: [String: (Double, Double)] = [:]
        for (key, point) in layout.positions { position[key] = (point.x, point.y) }
        let unplaced = provinces.filter { position[$0] == nil }
        for (index, province) in unplaced.enumerated() {
            let angle = 2 * Double.pi * Double(index) / Double(max(1, unplaced.count))
            position[province] = (400 + 110 * cos(angle), 185 + 85 * sin(angle))
        }
        let isProvince = Set(provinces)
        let externals = Array(Set(corridors.map(\.from)).subtracting(position.keys)).sorted()
        // External supply regions down the west edge: one column, or two staggered ones when there are many.
        let twoColumns = externals.count > 6
        let externalRows = twoColumns ? (externals.count + 1) / 2 : externals.count
        for (index, external) in externals.enumerated() {
            let row = twoColumns ? index / 2 : index
            let x = twoColumns && index % 2 == 1 ? 118.0 : 48.0
            let y = 36 + Double(row) * (290 / Double(max(1, externalRows - 1))) + (twoColumns && index % 2 == 1 ? 14 : 0)
            position[external] = (x, y)
        }
        let maxFlow = corridors.map(\.flow.value).max() ?? 1
        let defs =
            "<marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"2.6\" markerHeight=\"2.6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(Palette.series[1])\"/></marker>"
        for corridor in corridors {
            guard let from = position[corridor.from], let to = position[corridor.to] else { continue }
            let dx = to.0 - from.0, dy = to.1 - from.1
            let length = max(1, (dx * dx + dy * dy).squareRoot())
            let width = 1.5 + 7 * corridor.flow.value / maxFlow
            // A gentle curve (control point off the chord) keeps long corridors clear of the circles between.
            let bend = 0.22
            let control = ((from.0 + to.0) / 2 - dy * bend, (from.1 + to.1) / 2 + dx * bend)
            func trimmed(_ p: (Double, Double), toward q: (Double, Double), by distance: Double) -> (Double, Double) {
                let ddx = q.0 - p.0, ddy = q.1 - p.1
                let d = max(1, (ddx * ddx + ddy * ddy).squareRoot())
                return (p.0 + ddx / d * distance, p.1 + ddy / d * distance)
            }
            let start = trimmed(from, toward: control, by: externals.contains(corridor.from) ? 18 : 34)
            let end = trimmed(to, toward: control, by: 36)
            _ = length
            svg.raw(
                "<path d=\"M\(svg.n(start.0)),\(svg.n(start.1)) Q\(svg.n(control.0)),\(svg.n(control.1)) \(svg.n(end.0)),\(svg.n(end.1))\" fill=\"none\" stroke=\"\(Palette.series[1])\" stroke-opacity=\"0.85\" stroke-width=\"\(svg.n(width))\" marker-end=\"url(#\(id)-arrow)\"/>"
            )
        }
        for (key, point) in position.sorted(by: { $0.key < $1.key }) {
            let isProvince = isProvince.contains(key)
            svg.circle(
                point.0, point.1, isProvince ? 30 : 20, fill: isProvince ? "#e8edf3" : "#f4f1ea",
                stroke: isProvince ? Palette.series[0] : Palette.muted)
            svg.text(
                point.0, point.1 + 4, names[key] ?? key, anchor: "middle", size: isProvince ? 12 : 10, weight: isProvince ? "600" : nil)
        }
        svg.text(620, 350, labels.words["note"] ?? "", anchor: "end", size: 10, fill: Palette.muted)
        let rows = corridors.map { corridor in
            [
                (names[corridor.from].map { "\($0) → \(names[corridor.to] ?? corridor.to)" } ?? corridor.id)
                    + (corridors.filter { $0.from == corridor.from && $0.to == corridor.to }.count > 1
                        ? " (\(corridor.name ?? corridor.id))" : ""),
                NumberFormat.display(corridor.flow.value),
                corridor.congestion.map { NumberFormat.percent($0) } ?? "–",
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description,
            svg: svg.finish(id: id, title: labels.title, description: labels.description, defs: defs),
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: corridors.map(\.flow.provenance))
    }

    /// Shares of one benefit under several rules, grouped by province.
    static func allocation(
        id: String, comparison: AllocationComparison, ruleNames: [String: String], provinces: [(id: String, name: String)],
        labels: ChartLabels
    ) -> Chart {
        var svg = SVGWriter(width: 640, height: 300)
        let left = 56.0, right = 620.0, topY = 20.0, bottom = 230.0
        let values = comparison.rules.flatMap { rule in provinces.map { comparison.shares[rule]?[$0.id] ?? 0 } }
        let (top, step) = niceScale(values.max() ?? 1)
        func y(_ value: Double) -> Double { bottom - max(0, value) / top * (bottom - topY) }
        var tick = 0.0
        while tick <= top + step / 2 {
            svg.line(left, y(tick), right, y(tick), stroke: Palette.grid)
            svg.text(left - 6, y(tick) + 4, tickLabel(tick, step), anchor: "end", size: 10, fill: Palette.muted)
            tick += step
        }
        let groupWidth = (right - left) / Double(max(1, provinces.count))
        let barWidth = (groupWidth - 16) / Double(max(1, comparison.rules.count))
        for (p, province) in provinces.enumerated() {
            let groupX = left + Double(p) * groupWidth + 8
            for (r, rule) in comparison.rules.enumerated() {
                let value = comparison.shares[rule]?[province.id] ?? 0
                svg.rect(
                    groupX + Double(r) * barWidth, y(value), barWidth - 2, bottom - y(value), fill: Palette.series[r % Palette.series.count]
                )
            }
            svg.text(groupX + (groupWidth - 16) / 2, bottom + 16, province.name, anchor: "middle", size: 11)
        }
        var legendX = left
        for (r, rule) in comparison.rules.enumerated() {
            let name = ruleNames[rule] ?? rule
            svg.rect(legendX, 262, 12, 8, fill: Palette.series[r % Palette.series.count])
            svg.text(legendX + 16, 270, name, size: 11)
            legendX += 30 + Double(name.count) * 7
        }
        svg.text(left, 12, comparison.unit, size: 10, fill: Palette.muted)
        let rows = provinces.map { province in
            [province.name]
                + comparison.rules.map { rule in
                    comparison.shares[rule]?[province.id].map { NumberFormat.display($0) } ?? "–"
                }
        }
        return Chart(
            id: id, title: labels.title, description: labels.description,
            svg: svg.finish(id: id, title: labels.title, description: labels.description),
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: [comparison.provenance])
    }

    /// Joint-fund contributions against benefits per province, in the unit of the contributions.
    static func fund(id: String, positions: [(name: String, position: FundPosition)], labels: ChartLabels) -> Chart {
        var svg = SVGWriter(width: 640, height: 280)
        let left = 56.0, right = 620.0, topY = 20.0, bottom = 220.0
        let maximum = positions.flatMap { [$0.position.contribution.value, $0.position.benefit.value] }.max() ?? 1
        let (top, step) = niceScale(maximum)
        func y(_ value: Double) -> Double { bottom - max(0, value) / top * (bottom - topY) }
        var tick = 0.0
        while tick <= top + step / 2 {
            svg.line(left, y(tick), right, y(tick), stroke: Palette.grid)
            svg.text(left - 6, y(tick) + 4, tickLabel(tick, step), anchor: "end", size: 10, fill: Palette.muted)
            tick += step
        }
        let groupWidth = (right - left) / Double(max(1, positions.count))
        for (index, entry) in positions.enumerated() {
            let groupX = left + Double(index) * groupWidth + groupWidth / 2
            svg.rect(
                groupX - 30, y(entry.position.contribution.value), 28, bottom - y(entry.position.contribution.value),
                fill: Palette.series[0])
            svg.rect(groupX + 2, y(entry.position.benefit.value), 28, bottom - y(entry.position.benefit.value), fill: Palette.series[1])
            svg.text(groupX, bottom + 16, entry.name, anchor: "middle", size: 11)
        }
        svg.rect(left, 250, 12, 8, fill: Palette.series[0])
        svg.text(left + 16, 258, labels.words["contribution"] ?? "", size: 11)
        svg.rect(left + 160, 250, 12, 8, fill: Palette.series[1])
        svg.text(left + 176, 258, labels.words["benefit"] ?? "", size: 11)
        svg.text(left, 12, positions.first?.position.contribution.unit ?? "", size: 10, fill: Palette.muted)
        let rows = positions.map { entry in
            [
                entry.name, NumberFormat.display(entry.position.contribution.value), NumberFormat.display(entry.position.benefit.value),
                NumberFormat.display(entry.position.benefit.value - entry.position.contribution.value),
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description,
            svg: svg.finish(id: id, title: labels.title, description: labels.description),
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: positions.flatMap { [$0.position.contribution.provenance, $0.position.benefit.provenance] })
    }
}

extension Optional where Wrapped == [Citation] {
    var orEmpty: [Citation] { self ?? [] }
}
