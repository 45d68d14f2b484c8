import Pathways
import RegionModel

// MARK: - Every figure a brief shows, as one flat list: the brief's data files (CSV, JSON, zip) and the changelog
// are built from it, and a test holds it against every <figure> of the XML brief.

/// One figure of a brief, flattened for the data downloads: what it is, its value and unit, the year of the data or
/// scenario it describes, and its provenance.
public struct PublishedFigure: Hashable, Sendable, Codable {
    /// Unique within the brief, `[a-z0-9-]` (`total`, `steel-direct`, `pathway-policy-2030`, `corridor-mengxi-shanghai`).
    public var id: String
    /// What the figure is, in English (the data files are language-neutral; the pages carry the translations).
    public var description: String
    /// The scenario the figure is a result of; `nil` for recorded (observed) data and the model's accounts of it.
    public var scenario: String?
    public var value: Double
    public var unit: String
    /// The year of the data, or of the scenario the figure describes.
    public var year: Int
    public var confidence: Confidence
    public var sourceKey: String
    public var source: String
    public var note: String?

    /// A figure with its provenance taken from `citation`.
    public init(id: String, description: String, scenario: String? = nil, value: Double, unit: String, citation: Citation) {
        self.id = id
        self.description = description
        self.scenario = scenario
        self.value = value
        self.unit = unit
        year = citation.year
        confidence = citation.confidence
        sourceKey = citation.sourceKey
        source = citation.source
        note = citation.note
    }

    /// A figure of `figure`'s value, unit and provenance.
    public init(id: String, description: String, scenario: String? = nil, _ figure: Figure) {
        self.init(
            id: id, description: description, scenario: scenario, value: figure.value, unit: figure.unit,
            citation: figure.provenance)
    }
}

extension Citation {
    /// The same citation for the value of one year of its series.
    func `in`(_ year: Int) -> Citation {
        var citation = self
        citation.year = year
        return citation
    }
}

extension BriefInput {
    /// The scenario of the dispatch behind the corridor figures, from their citation (`dispatch-<scenario>`).
    public var dispatchScenario: String? {
        guard let corridor = corridors.first else { return nil }
        if let scenario = corridor.scenario { return scenario }
        let key = corridor.flow.provenance.sourceKey
        return key.hasPrefix("dispatch-") ? String(key.dropFirst("dispatch-".count)) : nil
    }

    /// Every figure the brief of `province` shows, in the order the brief shows them: key figures, emission history
    /// and characteristics, indicators, every scenario's trajectory, and the regional figures that concern the province.
    public func publishedFigures(of province: ProvinceInput) -> [PublishedFigure] {
        var out: [PublishedFigure] = []
        let base = String(province.baseYear)
        out.append(
            PublishedFigure(id: "total", description: "Total CO2 emissions in \(base) (electricity counted where consumed)", province.total)
        )
        if let intensity = province.intensity {
            out.append(PublishedFigure(id: "intensity", description: "CO2 per unit of GDP in \(base)", intensity))
        }
        if let trajectory = province.trajectories.first(where: { $0.scenario == headlineScenario }), let peak = trajectory.peak {
            let falling =
                trajectory.peakAtFirstYear == true ? " (emissions fall from the first year with data: the peak may be earlier)" : ""
            out.append(
                PublishedFigure(
                    id: "peak-year", description: "Peak year of CO2 emissions, \(trajectory.scenario) scenario\(falling)",
                    scenario: trajectory.scenario, value: Double(peak.year), unit: "year", citation: trajectory.provenance))
            out.append(
                PublishedFigure(
                    id: "peak-value", description: "CO2 emissions in the peak year, \(trajectory.scenario) scenario",
                    scenario: trajectory.scenario, value: peak.value, unit: MtCO2.symbol, citation: trajectory.provenance))
        }
        if let power = province.power {
            out.append(
                PublishedFigure(
                    id: "imported-power-share", description: "Imported electricity's share of the power sector's CO2 in \(base)",
                    value: power.importedShare * 100, unit: "%", citation: power.imported.provenance))
            out.append(
                PublishedFigure(id: "power-local-thermal", description: "CO2 of local thermal generation in \(base)", power.localThermal))
            out.append(
                PublishedFigure(id: "power-imported", description: "CO2 embodied in imported electricity in \(base)", power.imported))
            if let exported = power.exported {
                out.append(
                    PublishedFigure(id: "power-exported", description: "CO2 of electricity sent out of the province in \(base)", exported))
            }
        }
        if let provenance = province.historyProvenance {
            for point in province.history {
                out.append(
                    PublishedFigure(
                        id: "history-\(point.year)", description: "Total CO2 emissions in \(point.year) (accounted)", value: point.value,
                        unit: MtCO2.symbol, citation: provenance.in(point.year)))
            }
        }
        for sector in province.sectors {
            out.append(
                PublishedFigure(id: "\(sector.sector)-direct", description: "Direct CO2 of \(sector.sector) in \(base)", sector.direct))
            if let indirect = sector.indirect {
                out.append(
                    PublishedFigure(
                        id: "\(sector.sector)-indirect", description: "Indirect CO2 (electricity) of \(sector.sector) in \(base)", indirect)
                )
            }
        }
        for indicator in province.indicators {
            out.append(PublishedFigure(id: indicator.indicator, description: "Indicator \(indicator.indicator)", indicator.figure))
        }
        for trajectory in scenarios.compactMap({ id in province.trajectories.first { $0.scenario == id } }) {
            let s = trajectory.scenario
            if let peak = trajectory.peak {
                out.append(
                    PublishedFigure(
                        id: "pathway-\(s)-peak-year", description: "Peak year, \(s) scenario", scenario: s, value: Double(peak.year),
                        unit: "year", citation: trajectory.provenance))
                out.append(
                    PublishedFigure(
                        id: "pathway-\(s)-peak-value", description: "CO2 in the peak year, \(s) scenario", scenario: s, value: peak.value,
                        unit: MtCO2.symbol, citation: trajectory.provenance))
            }
            for point in trajectory.points {
                out.append(
                    PublishedFigure(
                        id: "pathway-\(s)-\(point.year)", description: "CO2 emissions in \(point.year), \(s) scenario", scenario: s,
                        value: point.value, unit: MtCO2.symbol, citation: trajectory.provenance.in(point.year)))
            }
        }
        let scenario = dispatchScenario
        if let factor = province.importFactor {
            out.append(
                PublishedFigure(
                    id: "import-emission-factor",
                    description:
                        "CO2 intensity of the power received over the corridors, dispatch of the \(scenario ?? "model") scenario for \(factor.provenance.year)",
                    scenario: scenario, factor))
        }
        for corridor in corridors where corridor.from == province.id || corridor.to == province.id {
            let planned = corridor.plannedFrom.map { ", a planned line in service from \($0) in the scenario" } ?? ""
            let what = "\(corridor.name ?? corridor.id) (\(corridor.from) to \(corridor.to)\(planned))"
            out.append(
                PublishedFigure(
                    id: "corridor-\(corridor.id)",
                    description:
                        "Energy delivered on \(what), dispatch of the \(scenario ?? "model") scenario for \(corridor.flow.provenance.year)",
                    scenario: scenario, corridor.flow))
            if let congestion = corridor.congestion {
                out.append(
                    PublishedFigure(
                        id: "corridor-\(corridor.id)-congestion", description: "Share of hours at capacity on \(what)", scenario: scenario,
                        value: congestion * 100, unit: "%", citation: corridor.flow.provenance))
            }
        }
        for corridor in observedCorridors ?? [] where corridor.from == province.id || corridor.to == province.id {
            let what = "\(corridor.name ?? corridor.id) (\(corridor.from) to \(corridor.to))"
            let year = corridor.flow.provenance.year
            out.append(
                PublishedFigure(
                    id: "corridor-observed-\(corridor.id)",
                    description: "Energy delivered on \(what), dispatch of the grid as observed in \(year)", scenario: corridor.scenario,
                    corridor.flow))
            if let congestion = corridor.congestion {
                out.append(
                    PublishedFigure(
                        id: "corridor-observed-\(corridor.id)-congestion",
                        description: "Share of hours at capacity on \(what), grid as observed in \(year)", scenario: corridor.scenario,
                        value: congestion * 100, unit: "%", citation: corridor.flow.provenance))
            }
        }
        if let allocation {
            for rule in allocation.rules {
                guard let share = allocation.shares[rule]?[province.id] else { continue }
                out.append(
                    PublishedFigure(
                        id: "allocation-\(rule)", description: "Share of \(allocation.benefit) under the \(rule) rule", value: share,
                        unit: allocation.unit, citation: allocation.provenance))
            }
        }
        if let position = fund.first(where: { $0.province == province.id }) {
            out.append(PublishedFigure(id: "fund-contribution", description: "Contribution to the joint fund", position.contribution))
            out.append(PublishedFigure(id: "fund-benefit", description: "Gross benefit from the joint fund", position.benefit))
        }
        for deal in (relocations ?? []) where deal.origin == province.id || deal.destination == province.id {
            for row in deal.splits {
                let span = "agreement years \(row.fromYear)-\(row.toYear)"
                for (side, share, party) in [
                    ("origin", row.originShare, deal.origin), ("destination", row.destinationShare, deal.destination),
                ] {
                    out.append(
                        PublishedFigure(
                            id: "\(deal.id)-\(row.stream)-\(row.fromYear)-\(row.toYear)-\(side)",
                            description: "\(party)'s share of \(row.stream), \(deal.title), \(span)", value: share * 100, unit: "%",
                            citation: deal.splitProvenance))
                }
            }
            for party in deal.npv.keys.sorted() {
                out.append(
                    PublishedFigure(id: "\(deal.id)-npv-\(party)", description: "NPV for \(party) of \(deal.title)", deal.npv[party]!))
            }
        }
        for action in (dealActions ?? []) where action.province == province.id {
            let what = "\(action.agreement) (\(action.kind.rawValue))"
            if let net = action.net {
                out.append(PublishedFigure(id: "deal-\(action.agreement)-net", description: "Net position under \(what)", net))
            }
            if let amended = action.amendedNet {
                out.append(
                    PublishedFigure(
                        id: "deal-\(action.agreement)-amended-net", description: "Net position under the designed amendment of \(what)",
                        amended))
            }
            if let payment = action.sidePayment, abs(payment.value) >= 0.005 {
                out.append(
                    PublishedFigure(
                        id: "deal-\(action.agreement)-side-payment",
                        description: "Side payment that would make \(what) pass its checks (positive: received)", payment))
            }
        }
        return out
    }
}
