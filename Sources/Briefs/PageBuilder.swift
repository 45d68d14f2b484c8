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
            var brief = briefContext(province)
            brief.merge(briefDataContext(province))
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
        pages.append(page("changelog.html", template: "changelog.html", title: t("changelog_title"), changelogContext()))
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
        // Absolute addresses, printed on paper where a link cannot be followed.
        context["siteURL"] = .text(plan.settings.baseURL + folder + "/")
        context["siteRootURL"] = .text(plan.settings.baseURL)
        context["pageURL"] = .text(plan.settings.baseURL + folder + "/" + file)
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
        items.append(("changelog.html", t("nav_changelog")))
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

    /// The destination as printed; with the corridor's own name when another corridor joins the same two places, and
    /// `(planned, in service from 2028)` for a line the scenario adds to the observed grid.
    func corridorDestination(_ corridor: CorridorFlow) -> String {
        let twins = input.corridors.filter { $0.from == corridor.from && $0.to == corridor.to }.count
        var shown = name(corridor.to)
        if twins > 1, corridor.name != nil {
            shown += isChinese ? "（\(corridorName(corridor))）" : " (\(corridorName(corridor)))"
        }
        return shown + plannedSuffix(corridor)
    }

    /// `（规划线路，2028年起投运）` / ` (planned, in service from 2028)` for a planned line, else nothing.
    func plannedSuffix(_ corridor: CorridorFlow) -> String {
        guard let year = corridor.plannedFrom else { return "" }
        let words = t("corridor_planned", ["year": String(year)])
        return isChinese ? "（\(words)）" : " (\(words))"
    }

    /// The corridors of the province in the dispatch of the grid's observed year, with the sentence that says so;
    /// `nil` when that dispatch is not part of the edition.
    func observedCorridorNode(_ province: ProvinceInput) -> TemplateValue? {
        let shown = (input.observedCorridors ?? []).filter { $0.from == province.id || $0.to == province.id }
        guard let first = shown.first else { return nil }
        return .node([
            "observedNote": .text(t("corridors_observed_note", ["year": String(first.flow.provenance.year)])),
            "observedRows": .list(
                shown.map { corridor in
                    .node([
                        "corridorFrom": .text(name(corridor.from)), "corridorTo": .text(corridorDestination(corridor)),
                        "flow": figure(corridor.flow, name: "corridor-observed-\(corridor.id)", label: t("figure_flow")),
                        "congestion": .text(corridor.congestion.map { NumberFormat.percent($0) } ?? "–"),
                        "dispatchScenario": .list(corridor.scenario.map { [.text($0)] } ?? []),
                    ])
                }),
        ])
    }

    /// The sentence under the corridor figures: the scenario and year of the dispatch they come from.
    func corridorScenarioNote() -> String? {
        guard let corridor = input.corridors.first, let scenario = input.dispatchScenario, input.scenarios.contains(scenario) else {
            return nil
        }
        return t("corridors_scenario_note", ["scenario": scenarioName(scenario), "year": String(corridor.flow.provenance.year)])
    }

    /// A corridor's name as printed: `corridor_<id>` from the string tables (the Chinese names of the lines), else
    /// the grid's name.
    func corridorName(_ corridor: CorridorFlow) -> String {
        let key = StringKey.for(.corridor, id: corridor.id)
        return t.has(key) ? t(key) : corridor.name ?? corridor.id
    }

    /// A scenario's name as printed. Chinese names say 情景 as official texts do: the model's name when it does,
    /// else the string table's (基准情景, 政策情景, …), else the model's name with 情景.
    func scenarioName(_ id: String) -> String {
        let key = StringKey.for(.scenario, id: id)
        guard let model = input.scenarioLabels?[id]?.names[t.language] else { return t(key) }
        guard isChinese, !model.contains("情景") else { return model }
        return t.has(key) ? t(key) : model + "情景"
    }

    /// Whether the page is in Chinese.
    var isChinese: Bool { t.language.hasPrefix("zh") }

    /// How values of `unit` are printed on this page when shown together (see `DisplayUnit.printed`).
    func printed(_ unit: String, _ values: [Double]) -> DisplayUnit {
        DisplayUnit.printed(unit, language: t.language, values: values)
    }

    /// A value with its unit as a sentence prints it: `1.81亿吨二氧化碳` in Chinese, `181 Mt CO2` in English.
    func amount(_ value: Double, unit: String) -> String {
        let shown = printed(unit, [value])
        if shown.label == "%" { return shown.format(value) + "%" }
        return shown.format(value) + (isChinese ? "" : " ") + shown.label
    }

    /// A figure with its provenance. `display` replaces the printed number (then in the data's unit); the unit is
    /// printed as `printed(_:_:)` says, `%` without a space.
    func figure(_ f: Figure, name: String, label: String, display: String? = nil, showUnit: Bool = true) -> TemplateValue {
        let shown = display == nil ? printed(f.unit, [f.value]) : DisplayUnit(label: printed(f.unit, [f.value]).label)
        let percent = showUnit && f.unit == "%"
        return .node([
            "figureName": .text(name),
            "label": .text(label),
            "display": .text((display ?? shown.format(f.value)) + (percent ? "%" : "")),
            "machine": .text(NumberFormat.machine(f.value)),
            "displayMachine": .text(NumberFormat.machine(f.value * shown.factor)),
            "unit": .text(f.unit),
            "unitLabel": .text(shown.label),
            "hasUnit": .flag(showUnit && !f.unit.isEmpty && !percent),
            "sourceKey": .text(f.provenance.sourceKey),
            "sourceText": .text(sourceText(f.provenance)),
            "sourceShort": .text(sourceShort(f.provenance)),
            "year": .text(String(f.provenance.year)),
            "confidence": .text(f.provenance.confidence.rawValue),
            "confidenceLabel": .text(t("confidence_" + f.provenance.confidence.rawValue)),
            "sourceHref": .text("methods.html#src-\(f.provenance.sourceKey)"),
        ])
    }

    func provenanceNode(_ p: Citation) -> TemplateValue {
        .node([
            "sourceKey": .text(p.sourceKey), "sourceText": .text(sourceText(p)), "sourceShort": .text(sourceShort(p)),
            "sourceMarkup": .markup(sourceMarkup(p)), "sourceInEnglish": .flag(sourceInEnglish(p)),
            "sourceQuoted": .flag(isChinese && p.sourceZh == nil),
            "year": .text(String(p.year)),
            "confidence": .text(p.confidence.rawValue),
            "confidenceLabel": .text(t("confidence_" + p.confidence.rawValue)),
            "hasNote": .flag(p.note != nil), "note": .text((isChinese ? p.noteZh : nil) ?? p.note ?? ""),
            "noteInEnglish": .flag(!isChinese || p.noteZh == nil),
        ])
    }

    // MARK: - Sources in the page's language

    /// The model step and file as this page's language has them: yrdplan's Chinese on Chinese pages, else as cited.
    func sourceShort(_ p: Citation) -> String { isChinese ? (p.sourceZh ?? p.shortSource) : p.shortSource }

    /// Whether a Chinese page shows the cited step in English: a title quoted from the data in its own language.
    func sourceInEnglish(_ p: Citation) -> Bool {
        isChinese && p.sourceZh == nil && !Self.hasChinese(p.shortSource)
    }

    /// The full citation as plain text (the XML brief): on Chinese pages yrdplan's words in Chinese, the inputs'
    /// titles as published.
    func sourceText(_ p: Citation) -> String {
        guard isChinese, let zh = p.sourceZh else { return p.source }
        if let inputs = p.inputs, !inputs.isEmpty { return zh + "；" + t("source_inputs") + inputs.joined(separator: "；") }
        guard let tail = p.sourceTail else { return zh }
        return zh + "；" + tail
    }

    /// The full citation as HTML: the model step in `<cite>`, on Chinese pages in Chinese, each input a
    /// `<cite class="title">` in its own language (`lang="en"` when it has no Chinese) and the command that prints
    /// the figures as code; a source quoted from the data is a `<cite class="title">` too. English pages show the
    /// citation as written.
    func sourceMarkup(_ p: Citation) -> TrustedMarkup {
        let html = Escape.htmlText
        guard isChinese else { return TrustedMarkup("<cite>\(html(p.source))</cite>") }
        func title(_ text: String) -> String {
            "<cite class=\"title\"\(Self.hasChinese(text) ? "" : " lang=\"en\"")>\(html(text))</cite>"
        }
        guard let zh = p.sourceZh else { return TrustedMarkup(title(p.source)) }
        var markup = "<cite>\(html(zh))</cite>"
        if let inputs = p.inputs, !inputs.isEmpty {
            markup += "；" + html(t("source_inputs")) + inputs.map(title).joined(separator: "；")
        } else if let tail = p.sourceTail {
            markup += "；" + (tail.hasPrefix("yrdplan ") ? "<code>\(html(tail))</code>" : title(tail))
        }
        return TrustedMarkup(markup)
    }

    /// Whether `text` has Chinese characters (CJK unified ideographs).
    static func hasChinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

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
