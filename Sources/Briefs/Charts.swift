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

    /// `num` for a number (kept on one line, so a narrow table scrolls rather than breaking figures), else `text`.
    static func cellClass(_ value: String) -> String {
        value.count <= 16 && value.allSatisfy({ $0.isNumber || ",.%−-–≤+ ".contains($0) }) ? "num" : "text"
    }

    /// The table as a template node (`caption`, `columns`, `rows` with `head` and `cells`).
    var node: TemplateValue {
        .node([
            "caption": .text(caption),
            "columns": .list(columns.map { .node(["label": .text($0)]) }),
            "rows": .list(
                rows.map { row in
                    .node([
                        "head": .text(row.first ?? ""),
                        "cells": .list(row.dropFirst().map { .node(["value": .text($0), "cellClass": .text(Self.cellClass($0))]) }),
                    ])
                }),
        ])
    }
}

/// A drawn chart: its SVG in both layouts, the accessible title and description, and the same data as a table.
public struct Chart: Hashable, Sendable {
    /// Id `[a-z0-9-]`, unique in a page (also used for SVG element ids).
    public var id: String
    public var title: String
    public var description: String
    /// The wide layout (screens from 42rem and print).
    public var svg: String
    /// The narrow layout (screens below 42rem), drawn with its own text sizes rather than scaled down.
    public var narrowSVG: String
    public var table: DataTable
    /// The provenance of every figure drawn (shown under the chart, linked to the methods page).
    public var provenances: [Citation] = []

    var node: TemplateValue {
        .node([
            "chartId": .text(id), "chartTitle": .text(title), "chartDescription": .text(description),
            "chartMarkup": .markup(TrustedMarkup(svg)), "chartNarrowMarkup": .markup(TrustedMarkup(narrowSVG)),
            "table": table.node,
        ])
    }
}

/// The two layouts of every chart. site.css shows one of them: the wide one from 42rem (the chart is then at
/// least 590 px wide, so 12 units of text are at least 11 px), the narrow one below (at least 328 px wide on a
/// 360 px screen, at most 30rem).
enum ChartVariant: CaseIterable {
    case wide
    case narrow

    /// Width of the view box.
    var width: Double { self == .wide ? 640 : 340 }
    /// Suffix of the SVG's element ids (both layouts sit in one page).
    var idSuffix: String { self == .wide ? "" : "-n" }
    /// Text size for labels and ticks: never below 12 units.
    var text: Double { 12 }
}

/// Colours of the charts: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies),
/// without its yellow (too pale on white); lines also differ by dash, so they survive greyscale print.
enum Palette {
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
    static let dashes: [String?] = [nil, "7 3", "2 3", "9 3 2 3", "4 2", "1 2"]
    static let history = "#000000"
    static let grid = "#d5d9df"
    static let ink = "#222"
    static let muted = "#5b6470"
}

/// Approximate width of `text` at `size` units: CJK characters are square, others about 0.6 of the size.
func textWidth(_ text: String, size: Double) -> Double {
    text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? size : $1 == " " ? size * 0.3 : size * 0.6) }
}

/// `text` broken into lines no wider than `width`: at spaces, before an opening parenthesis, and between CJK
/// characters when a run is still too wide.
func wrapped(_ text: String, width: Double, size: Double) -> [String] {
    var words: [String] = []
    for word in text.split(separator: " ").map(String.init) {
        var piece = ""
        for character in word {
            let breaksBefore = character == "（" || character == "("
            let isCJK = character.unicodeScalars.first.map { $0.value > 0x2E80 } ?? false
            if !piece.isEmpty && (breaksBefore || (isCJK && textWidth(piece + String(character), size: size) > width)) {
                words.append(piece)
                piece = ""
            }
            piece.append(character)
        }
        if !piece.isEmpty { words.append(piece) }
    }
    var lines: [String] = []
    var current = ""
    for word in words {
        let joiner = word.first.map { $0 == "（" || ($0.unicodeScalars.first?.value ?? 0) > 0x2E80 } == true ? "" : " "
        let candidate = current.isEmpty ? word : current + joiner + word
        if !current.isEmpty && textWidth(candidate, size: size) > width {
            lines.append(current)
            current = word
        } else {
            current = candidate
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

/// Builds SVG text with escaping and fixed number formatting.
struct SVGWriter {
    private(set) var body = ""
    let width: Double
    var height: Double

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
        _ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Double = 12, fill: String = Palette.ink,
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

    /// A legend of line samples (or swatches when `dash` is `.none`) and names, wrapped into rows that fit between
    /// `left` and `right`, starting at `top`; returns the y below the last row.
    mutating func legend(
        _ items: [(name: String, colour: String, dash: String??)], left: Double, right: Double, top: Double, size: Double
    ) -> Double {
        var x = left
        var y = top + size
        for item in items {
            let itemWidth = 24 + textWidth(item.name, size: size) + 16
            if x > left && x + itemWidth - 16 > right {
                x = left
                y += size + 8
            }
            if case .some(let dash) = item.dash {
                line(x, y - size * 0.35, x + 20, y - size * 0.35, stroke: item.colour, width: 2.5, dash: dash)
            } else {
                rect(x, y - size * 0.75, 14, size * 0.75, fill: item.colour)
            }
            text(x + 24, y, item.name, size: size)
            x += itemWidth
        }
        return y + 6
    }

    /// Horizontal grid lines with their values at the left, from 0 at `bottom` to `scale.top` at `top`.
    mutating func valueGrid(left: Double, right: Double, top: Double, bottom: Double, scale: (top: Double, step: Double)) {
        var tick = 0.0
        while tick <= scale.top + scale.step / 2 {
            let tickY = bottom - tick / scale.top * (bottom - top)
            line(left, tickY, right, tickY, stroke: Palette.grid)
            text(left - 6, tickY + 4, tickLabel(tick, scale.step), anchor: "end", fill: Palette.muted)
            tick += scale.step
        }
    }

    /// The unit at the top left and a legend of two swatches in the first two series colours from `top` down; the
    /// chart ends below the legend.
    mutating func closeTwoSeries(unit: String, _ first: String, _ second: String, below top: Double) {
        text(2, 14, unit, fill: Palette.muted)
        height = legend(
            [(first, Palette.series[0], .none), (second, Palette.series[1], .none)], left: 2, right: width - 2, top: top, size: 12)
    }

    /// The complete `<svg>` element with `<title>` and `<desc>` referenced by `aria-labelledby`.
    func finish(
        id: String, title: String, description: String, variant: ChartVariant = .wide, classes: String = "", defs: String = ""
    ) -> String {
        "<svg class=\"chart chart-\(variant)\(classes.isEmpty ? "" : " " + classes)\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(Escape.xml(title))</title><desc id=\"\(id)-desc\">\(Escape.xml(description))</desc>"
            + (defs.isEmpty ? "" : "<defs>\(defs)</defs>") + body + "</svg>"
    }

    func n(_ value: Double) -> String { NumberFormat.machine(value) }
}

/// An axis label with as many decimals as the step needs (0 for steps of 1 or more), with thousands separators.
func tickLabel(_ value: Double, _ step: Double) -> String {
    NumberFormat.fixed(value, step >= 1 ? 0 : step >= 0.1 ? 1 : 2, grouped: true)
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
    /// Emission trajectories per scenario, with history, each peak marked and 2030 drawn, in `unit` (the
    /// trajectories' Mt CO2 as the page prints it).
    static func trajectory(
        id: String, history: [YearValue], historyProvenance: Citation? = nil,
        trajectories: [(name: String, trajectory: ScenarioTrajectory)], unit: DisplayUnit, labels: ChartLabels
    ) -> Chart {
        let svgs = ChartVariant.allCases.map { variant in
            trajectorySVG(
                id: id + variant.idSuffix, history: history, trajectories: trajectories, unit: unit, labels: labels, variant: variant)
        }
        let rows: [[String]] = trajectories.map { entry in
            let t = entry.trajectory
            let at = { (year: Int) in t.points.first { $0.year == year }.map { unit.format($0.value) } ?? "–" }
            return [
                entry.name, t.peak.map { (t.peakAtFirstYear == true ? "≤" : "") + String($0.year) } ?? (labels.words["noPeak"] ?? "–"),
                t.peak.map { unit.format($0.value) } ?? "–", at(2030), at(2060),
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description, svg: svgs[0], narrowSVG: svgs[1],
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: historyProvenance.map { [$0] }.orEmpty + trajectories.map(\.trajectory.provenance))
    }

    /// One layout of the trajectory chart. Wide: each line named at its end (labels moved apart so they never
    /// overlap). Narrow: a legend under the plot, wrapped into rows. History is black and drawn last, on top of
    /// the scenarios that start from it; peaks at the same point are drawn as one ringed dot with the year.
    static func trajectorySVG(
        id: String, history: [YearValue], trajectories: [(name: String, trajectory: ScenarioTrajectory)], unit: DisplayUnit,
        labels: ChartLabels, variant: ChartVariant
    ) -> String {
        let size = variant.text
        let wide = variant == .wide
        let labelWidth = 132.0
        let names = trajectories.map { wrapped($0.name, width: labelWidth, size: size) }
        let longest = names.flatMap { $0 }.map { textWidth($0, size: size) }.max() ?? 0
        let all = history + trajectories.flatMap(\.trajectory.points)
        let firstYear = Double(all.map(\.year).min() ?? 2010)
        let lastYear = Double(all.map(\.year).max() ?? 2060)
        let (top, step) = niceScale((all.map(\.value).max() ?? 1) * unit.factor)
        let tickWidth = textWidth(tickLabel(top, step), size: size)
        let left = tickWidth + 14
        let right = wide ? variant.width - 10 - min(longest, labelWidth) - 10 : variant.width - 18
        let topY = 26.0, bottom = wide ? 232.0 : 190.0
        var svg = SVGWriter(width: variant.width, height: 0)
        func x(_ year: Double) -> Double { left + (year - firstYear) / max(1, lastYear - firstYear) * (right - left) }
        func y(_ value: Double) -> Double { bottom - value * unit.factor / top * (bottom - topY) }
        svg.valueGrid(left: left, right: right, top: topY, bottom: bottom, scale: (top, step))
        let decade = wide || lastYear - firstYear <= 30 ? 10.0 : 20.0
        var year = (firstYear / decade).rounded(.up) * decade
        while year <= lastYear {
            svg.text(x(year), bottom + 17, String(Int(year)), anchor: "middle", size: size, fill: Palette.muted)
            year += decade
        }
        svg.text(2, 14, unit.label, size: size, fill: Palette.muted)
        if 2030 >= firstYear && 2030 <= lastYear {
            svg.line(x(2030), topY, x(2030), bottom, stroke: Palette.muted, width: 1, dash: "4 3")
            svg.text(x(2030) + 4, topY + 11, labels.words["target"] ?? "2030", size: size, fill: Palette.muted)
        }
        for (index, entry) in trajectories.enumerated() {
            svg.polyline(
                entry.trajectory.points.map { (x(Double($0.year)), y($0.value)) }, stroke: Palette.series[index % Palette.series.count],
                width: 2.2, dash: Palette.dashes[index % Palette.dashes.count])
        }
        if history.count > 1 {
            svg.polyline(history.map { (x(Double($0.year)), y($0.value)) }, stroke: Palette.history, width: 2.8)
        }
        // Peaks: one dot per place; peaks that coincide get one ring per scenario and the year beside them.
        var groups: [(x: Double, y: Double, text: String, colours: [String])] = []
        for (index, entry) in trajectories.enumerated() {
            guard let peak = entry.trajectory.peak else { continue }
            let point = (x: x(Double(peak.year)), y: y(peak.value))
            let colour = Palette.series[index % Palette.series.count]
            if let g = groups.firstIndex(where: { abs($0.x - point.x) < 6 && abs($0.y - point.y) < 6 }) {
                groups[g].colours.append(colour)
            } else {
                let text = (entry.trajectory.peakAtFirstYear == true ? "≤" : "") + String(peak.year)
                groups.append((point.x, point.y, text, [colour]))
            }
        }
        for group in groups {
            for (ring, colour) in group.colours.enumerated().reversed() {
                svg.circle(group.x, group.y, 4.5 + 2.5 * Double(ring), fill: colour)
            }
            if group.colours.count > 1 {
                let radius = 4.5 + 2.5 * Double(group.colours.count - 1)
                svg.text(group.x + radius + 3, group.y - radius - 1, group.text, size: size, fill: Palette.ink)
            }
        }
        if wide {
            // Direct labels at the line ends, moved apart to at least one line height.
            var placed: [(y: Double, lines: [String], index: Int)] = trajectories.enumerated().compactMap { index, entry in
                entry.trajectory.points.last.map { (y($0.value), names[index], index) }
            }
            placed.sort { $0.y < $1.y }
            let lineHeight = size + 2
            for i in placed.indices {
                let height = Double(placed[i].lines.count) * lineHeight
                placed[i].y = max(placed[i].y, i == 0 ? topY : placed[i - 1].y + Double(placed[i - 1].lines.count) * lineHeight + 5)
                if placed[i].y + height > bottom + 20 { placed[i].y = bottom + 20 - height }
            }
            for i in placed.indices.reversed() where i + 1 < placed.count {
                let limit = placed[i + 1].y - Double(placed[i].lines.count) * lineHeight - 5
                placed[i].y = min(placed[i].y, limit)
            }
            for label in placed {
                for (k, text) in label.lines.enumerated() {
                    svg.text(right + 8, label.y + 4 + Double(k) * lineHeight, text, size: size, weight: k == 0 ? "600" : nil)
                }
            }
            if history.count > 1, let first = history.first {
                // Below the start of the line: above it sit the peak labels of trajectories that start from history.
                svg.text(x(Double(first.year)), y(first.value) + 20, labels.words["history"] ?? "", size: size, weight: "600")
            }
            svg.height = bottom + 30
        } else {
            let items: [(name: String, colour: String, dash: String??)] =
                (history.count > 1 ? [(labels.words["history"] ?? "", Palette.history, .some(nil))] : [])
                + trajectories.enumerated().map { index, entry in
                    (entry.name, Palette.series[index % Palette.series.count], .some(Palette.dashes[index % Palette.dashes.count]))
                }
            svg.height = svg.legend(items, left: 2, right: variant.width - 2, top: bottom + 26, size: size)
        }
        return svg.finish(id: id, title: labels.title, description: labels.description, variant: variant)
    }

    /// Base-year emissions by sector, direct and indirect stacked, in `unit`.
    static func sectors(
        id: String, sectors: [(name: String, emissions: SectorEmissions)], unit: DisplayUnit, labels: ChartLabels
    ) -> Chart {
        let svgs = ChartVariant.allCases.map { variant in
            var svg = SVGWriter(width: variant.width, height: 0)
            let size = variant.text
            let rowHeight = 24.0
            let widest = sectors.map { textWidth($0.name, size: size) }.max() ?? 0
            let left = min(widest + 14, variant.width * 0.4), right = variant.width - 24
            let maximum = sectors.map { ($0.emissions.direct.value + ($0.emissions.indirect?.value ?? 0)) * unit.factor }.max() ?? 1
            let (top, step) = niceScale(maximum, ticks: variant == .wide ? 5 : 3)
            func x(_ value: Double) -> Double { left + value / top * (right - left) }
            let axisBottom = 20 + rowHeight * Double(sectors.count)
            var tick = 0.0
            while tick <= top + step / 2 {
                svg.line(x(tick), 16, x(tick), axisBottom, stroke: Palette.grid)
                svg.text(x(tick), axisBottom + 15, tickLabel(tick, step), anchor: "middle", size: size, fill: Palette.muted)
                tick += step
            }
            for (index, entry) in sectors.enumerated() {
                let rowY = 20 + rowHeight * Double(index)
                svg.text(left - 8, rowY + 15, entry.name, anchor: "end", size: size)
                let direct = entry.emissions.direct.value * unit.factor
                svg.rect(x(0), rowY + 4, x(direct) - x(0), 15, fill: Palette.series[0])
                if let indirect = entry.emissions.indirect.map({ $0.value * unit.factor }) {
                    svg.rect(x(direct), rowY + 4, x(direct + indirect) - x(direct), 15, fill: Palette.series[1])
                }
            }
            svg.closeTwoSeries(unit: unit.label, labels.words["direct"] ?? "", labels.words["indirect"] ?? "", below: axisBottom + 24)
            return svg.finish(id: id + variant.idSuffix, title: labels.title, description: labels.description, variant: variant)
        }
        let rows = sectors.map { entry in
            [
                entry.name, unit.format(entry.emissions.direct.value),
                entry.emissions.indirect.map { unit.format($0.value) } ?? "–",
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description, svg: svgs[0], narrowSVG: svgs[1],
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: sectors.flatMap { [$0.emissions.direct.provenance] + ($0.emissions.indirect.map { [$0.provenance] } ?? []) })
    }

    /// Schematic map: the four provinces in their rough relative positions, outside supply regions on
    /// the west edge, corridors as arrows whose width scales with the annual flow; a planned line is dashed and its
    /// table row carries `suffixes[corridor.id]` (e.g. ` (planned, in service from 2028)`).
    static func corridorMap(
        id: String, corridors: [CorridorFlow], names: [String: String], corridorNames: [String: String] = [:],
        suffixes: [String: String] = [:], provinces: [String],
        layout: MapLayout, unit: DisplayUnit, labels: ChartLabels
    ) -> Chart {
        // A map cannot be re-laid out without losing its geography: the narrow layout is the same drawing, shown
        // at a fixed width of 38rem (text ≥ 11 px) inside a box that scrolls sideways (site.css `.chart-map`).
        let svgs = ChartVariant.allCases.map { variant in
            corridorMapSVG(
                id: id + variant.idSuffix, corridors: corridors, names: names, provinces: provinces, layout: layout, labels: labels,
                variant: variant)
        }
        let rows = corridors.map { corridor in
            [
                (names[corridor.from].map { "\($0) → \(names[corridor.to] ?? corridor.to)" } ?? corridor.id)
                    + (corridors.filter { $0.from == corridor.from && $0.to == corridor.to }.count > 1
                        ? corridorNames[corridor.id] ?? " (\(corridor.name ?? corridor.id))" : "") + (suffixes[corridor.id] ?? ""),
                unit.format(corridor.flow.value),
                corridor.congestion.map { NumberFormat.percent($0) } ?? "–",
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description, svg: svgs[0], narrowSVG: svgs[1],
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: corridors.map(\.flow.provenance))
    }

    /// One layout of the corridor map (the same drawing in both; see `corridorMap`).
    static func corridorMapSVG(
        id: String, corridors: [CorridorFlow], names: [String: String], provinces: [String], layout: MapLayout, labels: ChartLabels,
        variant: ChartVariant
    ) -> String {
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
                "<path d=\"M\(svg.n(start.0)),\(svg.n(start.1)) Q\(svg.n(control.0)),\(svg.n(control.1)) \(svg.n(end.0)),\(svg.n(end.1))\" fill=\"none\" stroke=\"\(Palette.series[1])\" stroke-opacity=\"0.85\" stroke-width=\"\(svg.n(width))\"\(corridor.plannedFrom == nil ? "" : " stroke-dasharray=\"6 4\"") marker-end=\"url(#\(id)-arrow)\"/>"
            )
        }
        for (key, point) in position.sorted(by: { $0.key < $1.key }) {
            let isProvince = isProvince.contains(key)
            svg.circle(
                point.0, point.1, isProvince ? 30 : 20, fill: isProvince ? "#e8edf3" : "#f4f1ea",
                stroke: isProvince ? Palette.series[0] : Palette.muted)
            svg.text(
                point.0, point.1 + 4, names[key] ?? key, anchor: "middle", size: isProvince ? 13 : 12, weight: isProvince ? "600" : nil)
        }
        svg.text(620, 350, labels.words["note"] ?? "", anchor: "end", size: 12, fill: Palette.muted)
        return svg.finish(
            id: id, title: labels.title, description: labels.description, variant: variant, classes: "chart-map", defs: defs)
    }

    /// Shares of one benefit under several rules, grouped by province, in `unit`.
    static func allocation(
        id: String, comparison: AllocationComparison, ruleNames: [String: String], provinces: [(id: String, name: String)],
        unit: DisplayUnit, labels: ChartLabels
    ) -> Chart {
        let svgs = ChartVariant.allCases.map { variant in
            let size = variant.text
            var svg = SVGWriter(width: variant.width, height: 0)
            let values = comparison.rules.flatMap { rule in provinces.map { (comparison.shares[rule]?[$0.id] ?? 0) * unit.factor } }
            let (top, step) = niceScale(values.max() ?? 1)
            let left = textWidth(tickLabel(top, step), size: size) + 12, right = variant.width - 8, topY = 26.0
            let bottom = variant == .wide ? 230.0 : 180.0
            func y(_ value: Double) -> Double { bottom - max(0, value) / top * (bottom - topY) }
            svg.valueGrid(left: left, right: right, top: topY, bottom: bottom, scale: (top, step))
            let groupWidth = (right - left) / Double(max(1, provinces.count))
            let gap = variant == .wide ? 16.0 : 8.0
            let barWidth = (groupWidth - gap) / Double(max(1, comparison.rules.count))
            for (p, province) in provinces.enumerated() {
                let groupX = left + Double(p) * groupWidth + gap / 2
                for (r, rule) in comparison.rules.enumerated() {
                    let value = (comparison.shares[rule]?[province.id] ?? 0) * unit.factor
                    svg.rect(
                        groupX + Double(r) * barWidth, y(value), barWidth - 1.5, bottom - y(value),
                        fill: Palette.series[r % Palette.series.count])
                }
                svg.text(groupX + (groupWidth - gap) / 2, bottom + 17, province.name, anchor: "middle", size: size)
            }
            svg.text(2, 14, unit.label, size: size, fill: Palette.muted)
            svg.height = svg.legend(
                comparison.rules.enumerated().map { r, rule in (ruleNames[rule] ?? rule, Palette.series[r % Palette.series.count], .none) },
                left: 2, right: variant.width - 2, top: bottom + 26, size: size)
            return svg.finish(id: id + variant.idSuffix, title: labels.title, description: labels.description, variant: variant)
        }
        let rows = provinces.map { province in
            [province.name]
                + comparison.rules.map { rule in
                    comparison.shares[rule]?[province.id].map { unit.format($0) } ?? "–"
                }
        }
        return Chart(
            id: id, title: labels.title, description: labels.description, svg: svgs[0], narrowSVG: svgs[1],
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: [comparison.provenance])
    }

    /// Joint-fund contributions against benefits per province, in `unit` (the contributions' unit as printed).
    static func fund(id: String, positions: [(name: String, position: FundPosition)], unit: DisplayUnit, labels: ChartLabels) -> Chart {
        let svgs = ChartVariant.allCases.map { variant in
            let size = variant.text
            var svg = SVGWriter(width: variant.width, height: 0)
            let maximum =
                positions.flatMap { [$0.position.contribution.value, $0.position.benefit.value] }.max().map { $0 * unit.factor } ?? 1
            let (top, step) = niceScale(maximum)
            let left = textWidth(tickLabel(top, step), size: size) + 12, right = variant.width - 8, topY = 26.0
            let bottom = variant == .wide ? 220.0 : 180.0
            func y(_ value: Double) -> Double { bottom - max(0, value * unit.factor) / top * (bottom - topY) }
            svg.valueGrid(left: left, right: right, top: topY, bottom: bottom, scale: (top, step))
            let groupWidth = (right - left) / Double(max(1, positions.count))
            let bar = min(28, groupWidth / 2 - 6)
            for (index, entry) in positions.enumerated() {
                let groupX = left + Double(index) * groupWidth + groupWidth / 2
                let contribution = entry.position.contribution.value, benefit = entry.position.benefit.value
                svg.rect(groupX - bar - 1, y(contribution), bar, bottom - y(contribution), fill: Palette.series[0])
                svg.rect(groupX + 1, y(benefit), bar, bottom - y(benefit), fill: Palette.series[1])
                svg.text(groupX, bottom + 17, entry.name, anchor: "middle", size: size)
            }
            svg.closeTwoSeries(unit: unit.label, labels.words["contribution"] ?? "", labels.words["benefit"] ?? "", below: bottom + 26)
            return svg.finish(id: id + variant.idSuffix, title: labels.title, description: labels.description, variant: variant)
        }
        let rows = positions.map { entry in
            [
                entry.name, unit.format(entry.position.contribution.value), unit.format(entry.position.benefit.value),
                unit.format(entry.position.benefit.value - entry.position.contribution.value),
            ]
        }
        return Chart(
            id: id, title: labels.title, description: labels.description, svg: svgs[0], narrowSVG: svgs[1],
            table: DataTable(caption: labels.caption, columns: labels.columns, rows: rows),
            provenances: positions.flatMap { [$0.position.contribution.provenance, $0.position.benefit.provenance] })
    }
}

extension Optional where Wrapped == [Citation] {
    var orEmpty: [Citation] { self ?? [] }
}
