import Analysis
import Briefs

// MARK: - The published data: per brief a CSV, a JSON and a zip with a README; the licence file and CITATION.cff.

extension SiteBuilder {
    /// Every data file of the edition planned by `plan` (no IO).
    func dataFiles(_ plan: SitePlan) -> [SiteFile] {
        var files: [SiteFile] = []
        let input = plan.input
        for province in input.provinces {
            let data = plan.briefData(province)
            let csv = data.csv(), json = data.json()
            let stem = "brief-\(province.id)"
            files.append(SiteFile(path: SitePlan.briefDataPath(province.id, "csv"), contents: csv))
            files.append(SiteFile(path: SitePlan.briefDataPath(province.id, "json"), contents: json))
            let readme = readme(plan, province: province, stem: stem, rows: data.figures.count)
            let zip = StoredZip.archive(
                [
                    .init(name: "\(stem)/README.txt", bytes: Array(readme.utf8)),
                    .init(name: "\(stem)/\(stem).csv", bytes: Array(csv.utf8)),
                    .init(name: "\(stem)/\(stem).json", bytes: Array(json.utf8)),
                ], date: input.editionDate)
            files.append(SiteFile(path: SitePlan.briefDataPath(province.id, "zip"), bytes: zip))
        }
        files.append(SiteFile(path: SitePlan.licenceFile, contents: licenceText(plan)))
        files.append(SiteFile(path: "CITATION.cff", contents: citationFile(plan)))
        return files
    }

    /// What the zip's README says: the brief, the edition, every column, the licence and the suggested citations.
    func readme(_ plan: SitePlan, province: ProvinceInput, stem: String, rows: Int) -> String {
        let columns = [
            ("figure", "the figure's id, unique within the brief (the name of its <figure> in the XML brief where it has one)"),
            ("description", "what the figure is, in English"),
            ("scenario", "the scenario the figure is a result of (projection or dispatch); empty for recorded data and its accounts"),
            ("value", "the value in `unit`, rounded to 6 decimals (no thousands separators)"),
            ("unit", "the unit of `value` (`year` for a year, `%` for a percentage)"),
            ("year", "the year of the data, or of the scenario the figure describes (e.g. 2030 for a 2030 dispatch)"),
            ("confidence", "sourced (from a cited publication), estimate (derived by the project, see note) or synthetic (illustrative)"),
            ("source_key", "the source's key; the brief's methods page lists it under #src-<key>"),
            ("source", "the source in words: the publication, or the model step with its data file and inputs"),
            ("note", "why an estimate or synthetic figure is what it is"),
        ]
        var out = "\(stem): every figure of the \(province.names["en"] ?? province.id) brief, edition \(plan.input.editionDate)\n"
        out += "Produced by yrdplan from the data under version control (Regions/). \(rows) figures.\n\n"
        out += "Files\n  \(stem).csv   one row per figure (UTF-8, comma-separated, RFC 4180 quoting)\n"
        out += "  \(stem).json  the same figures with the edition, licence and citation\n\n"
        out += "Columns\n" + columns.map { "  \($0.0): \($0.1)\n" }.joined() + "\n"
        out += "Licence\n  \(licenceSummary)\n\n"
        out += "Suggested citation\n" + plan.tables.map { "  [\($0.language)] \(plan.citation(province, $0))\n" }.joined()
        return out
    }

    /// The licence in one paragraph (English).
    var licenceSummary: String {
        "yrdplan's published data and text are licensed under the Creative Commons Attribution 4.0 International licence "
            + "(CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). Figures taken from a publication (confidence "
            + "`sourced`, source named in `source`) remain subject to the terms of the original publisher; CC BY 4.0 covers "
            + "yrdplan's compilation, estimates and model results."
    }

    /// `LICENSE-data.txt`: the licence in every language of the site, and the terms each source states of its own.
    func licenceText(_ plan: SitePlan) -> String {
        var out = "Licence of the published data and text — \(SitePlan.licence)\n\n" + licenceSummary + "\n\n"
        switch plan.input.sourceTerms {
        case let terms? where !terms.isEmpty:
            out += "Sources that state terms of their own (`licence:` in Regions/sources.yaml); these apply to their figures:\n"
            out += terms.map { "  \($0.sourceKey) (\($0.title)): \($0.licence)\n" }.joined()
            out += "Every other source states none: the terms of the original publisher apply to its figures.\n"
        case .some:
            out +=
                "No source in Regions/sources.yaml states terms of its own (`licence:`): for figures taken from a "
                + "publication, the terms of the original publisher apply.\n"
        case nil:
            out += "For figures taken from a publication, the terms of the original publisher apply.\n"
        }
        for table in plan.tables where table.language != "en" {
            out += "\n" + Localizer(table)("licence_file_text") + "\n"
        }
        return out
    }

    /// `CITATION.cff` (Citation File Format 1.2.0): the site's data as a dataset of this edition.
    func citationFile(_ plan: SitePlan) -> String {
        let table = plan.tables.first { $0.language == "en" } ?? plan.tables.first
        let title = table?.strings["site_title"] ?? "yrdplan briefs"
        let edition = plan.input.editionDate
        return """
            cff-version: 1.2.0
            message: "If you use these briefs or their data, please cite them as below; each brief also gives its own citation."
            type: dataset
            title: \(JSONValue.quote(title))
            authors:
              - name: "yrdplan"
            version: \(JSONValue.quote(edition))
            date-released: \(JSONValue.quote(edition))
            license: \(SitePlan.licence)
            url: \(JSONValue.quote(settings.baseURL))
            identifiers:
              - type: url
                value: \(JSONValue.quote(settings.baseURL + SitePlan.editionPath(edition, "")))
                description: "This edition's permanent copy"

            """
    }
}
