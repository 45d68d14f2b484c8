import Analysis

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
        let key = StringKey.for(.place, id: id)
        return t.has(key) ? t(key) : id
    }

    /// The destination as printed; with the corridor's own name when another corridor joins the same two places.
    func corridorDestination(_ corridor: CorridorFlow) -> String {
        let twins = input.corridors.filter { $0.from == corridor.from && $0.to == corridor.to }.count
        guard twins > 1, let own = corridor.name else { return name(corridor.to) }
        return "\(name(corridor.to)) (\(own))"
    }

    func scenarioName(_ id: String) -> String {
        input.scenarioLabels?[id]?.names[t.language] ?? t(StringKey.for(.scenario, id: id))
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
}
