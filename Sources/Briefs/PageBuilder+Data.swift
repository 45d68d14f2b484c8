import Analysis

// MARK: - A brief's data files, licence and suggested citation; the changelog page of the editions archive.

extension SitePlan {
    /// The licence of yrdplan's published data and text (SPDX id).
    public static let licence = "CC-BY-4.0"
    /// Where the licence file is, at the site's root.
    public static let licenceFile = "LICENSE-data.txt"

    /// The site path of a brief's data file, `data/brief-<province>.<ext>` (`csv`, `json`, `zip`).
    public static func briefDataPath(_ province: String, _ ext: String) -> String { "data/brief-\(province).\(ext)" }

    /// The archived copy of `path` in edition `edition`: `editions/<edition>/<path>`.
    public static func editionPath(_ edition: String, _ path: String) -> String { "editions/\(edition)/\(path)" }

    /// The permanent address of the brief of `province` in the page language of `table`, in this edition.
    public func permalink(_ province: String, _ table: StringTable) -> String {
        settings.baseURL + Self.editionPath(input.editionDate, "\(Self.folder(for: table.language))/\(province).html")
    }

    /// The suggested citation of the brief of `province` in `table`'s language, with its permanent address.
    public func citation(_ province: ProvinceInput, _ table: StringTable) -> String {
        let t = Localizer(table)
        let name = province.names[table.language] ?? province.id
        return t(
            "cite_brief",
            [
                "title": t("brief_title", ["province": name]), "edition": input.editionDate,
                "year": String(input.editionDate.prefix(4)), "site": t("site_title"), "url": permalink(province.id, table),
            ])
    }

    /// The data of the brief of `province`: every figure it shows (`BriefInput.publishedFigures`), with the licence
    /// and the English citation (the first table's when there is no English one).
    public func briefData(_ province: ProvinceInput) -> BriefData {
        let table = tables.first { $0.language == "en" } ?? tables.first
        return BriefData(
            edition: input.editionDate, brief: province.id, licence: Self.licence, citation: table.map { citation(province, $0) } ?? "",
            figures: input.publishedFigures(of: province))
    }
}

extension PageBuilder {
    /// The brief's downloads, permanent address and suggested citation.
    func briefDataContext(_ province: ProvinceInput) -> TemplateNode {
        var c = TemplateNode()
        c["dataCsvHref"] = .text("../" + SitePlan.briefDataPath(province.id, "csv"))
        c["dataJsonHref"] = .text("../" + SitePlan.briefDataPath(province.id, "json"))
        c["dataZipHref"] = .text("../" + SitePlan.briefDataPath(province.id, "zip"))
        c["dataCsvPath"] = .text(SitePlan.briefDataPath(province.id, "csv"))
        c["dataJsonPath"] = .text(SitePlan.briefDataPath(province.id, "json"))
        c["dataZipPath"] = .text(SitePlan.briefDataPath(province.id, "zip"))
        c["permalink"] = .text(plan.permalink(province.id, t.table))
        c["citation"] = .text(plan.citation(province, t.table))
        return c
    }

    /// The changelog: every edition in the archive (newest first) with a link to its permanent copy and the
    /// figures that changed against the edition before it.
    func changelogContext() -> TemplateNode {
        var c = TemplateNode()
        let briefs = Dictionary(input.provinces.map { ($0.id, name($0.id)) }, uniquingKeysWith: { a, _ in a })
        c["editions"] = .list(
            plan.changelog.map { edition in
                let rows: [TemplateValue] = edition.changes.map { change in
                    let shown =
                        change.unit == "year"
                        ? DisplayUnit(label: t("unit_year"), decimals: 0)
                        : printed(change.unit, [change.old, change.new].compactMap { $0 })
                    let format = { (value: Double?) in
                        value.map { change.unit == "year" ? String(Int($0.rounded())) : shown.format($0) }
                    }
                    let difference: String
                    if let delta = change.change {
                        let relative = change.relativeChange.map { " (" + (($0 >= 0 ? "+" : "") + NumberFormat.percent($0)) + ")" } ?? ""
                        difference = (delta >= 0 ? "+" : "") + shown.format(delta) + relative
                    } else {
                        difference = change.old == nil ? t("changelog_new_figure") : t("changelog_removed_figure")
                    }
                    return .node([
                        "briefName": .text(briefs[change.brief] ?? change.brief), "figureId": .text(change.figure),
                        "figureDescription": .text(change.description), "oldValue": .text(format(change.old) ?? "–"),
                        "newValue": .text(format(change.new) ?? "–"), "changeText": .text(difference), "unitLabel": .text(shown.label),
                    ])
                }
                let summary =
                    edition.previous.map {
                        t("changelog_compared", ["previous": $0, "count": String(edition.changes.count)])
                    } ?? t("changelog_first")
                return .node([
                    "edition": .text(edition.edition),
                    "editionHeading": .text(t("changelog_edition", ["edition": edition.edition])),
                    // Absolute: the changelog is itself archived with each edition, where a relative link would not resolve.
                    "editionHref": .text(plan.settings.baseURL + SitePlan.editionPath(edition.edition, "\(folder)/index.html")),
                    "editionSummary": .text(summary), "changeRows": .list(rows), "hasChanges": .flag(!rows.isEmpty),
                ])
            })
        return c
    }
}
