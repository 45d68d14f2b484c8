import Analysis
import Foundation
import RegionLoading
import Testing
import YrdplanTestSupport

/// The data published with every brief, the editions archive and its changelog, and planned lines labelled as
/// planned — through the real binary on copies of the shipped data.
@Suite struct BriefDataEndToEndTests {
    static let root = ProjectPaths.root

    static func publish(regions: URL, out: String, in dir: URL, edition: String? = nil) throws -> ProcessResult {
        try BinaryRunner.run(
            [
                "publish", "--regions", regions.path, "--out", out, "--quiet", "--templates", root.appendingPathComponent("Templates").path,
                "--site", root.appendingPathComponent("Reports/site.yaml").path,
            ] + (edition.map { ["--edition", $0] } ?? []),
            in: dir, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The source text of every `<name …>…</name>` element of `html` (not nested in one of its own kind).
    static func elements(_ name: String, in html: String) -> [String] {
        html.components(separatedBy: "<\(name)").dropFirst().map { $0.components(separatedBy: "</\(name)>")[0] }
    }

    /// Publishes the shipped data, changes Shanghai's 2020 GDP in a copy, publishes a new edition: the changelog names
    /// the intensity figure with its old and new value; the first edition stays as it was; the same edition published
    /// again is byte-identical.
    @Test func changelogShowsAChangedFigureAndEditionsAreKept() throws {
        let dir = try TemporaryDirectory()
        let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
        let site = dir.url.appendingPathComponent("_site")
        let first = try Self.publish(regions: regions, out: "_site", in: dir.url, edition: "2026-11-30")
        try #require(first.status == 0, "\(first.stderr)")
        let firstTree = PublishEndToEndTests.tree(site)
        let before = try BriefData.decode(json: Data(contentsOf: site.appendingPathComponent("data/brief-shanghai.json")))
        let oldIntensity = try #require(before.figures.first { $0.id == "intensity" })

        // Shanghai's 2020 GDP 38,963.2 亿元 → 40,000 亿元; total CO2 does not depend on GDP, so intensity = total ÷ GDP
        // falls by the factor 38,963.2 / 40,000 (hand calculation).
        let file = regions.appendingPathComponent("shanghai.yaml")
        let original = try Self.text(file)
        let changed = original.replacingOccurrences(
            of: "{year: 2020, value: 38963.2, source: ds_final", with: "{year: 2020, value: 40000, source: ds_final")
        try #require(changed != original)
        try changed.write(to: file, atomically: true, encoding: .utf8)
        let second = try Self.publish(regions: regions, out: "_site", in: dir.url, edition: "2026-12-15")
        try #require(second.status == 0, "\(second.stderr)")
        let after = try BriefData.decode(json: Data(contentsOf: site.appendingPathComponent("data/brief-shanghai.json")))
        let newIntensity = try #require(after.figures.first { $0.id == "intensity" })
        let total = try #require(after.figures.first { $0.id == "total" }).value
        #expect(abs(total - 181.31) < 1e-6, "total CO2 does not depend on GDP")
        // 181.31 Mt ÷ 40,000 亿元 = 181.31e6 t ÷ 4e8 万元 = 0.453275 t/万元 (was 181.31e6 ÷ 3.89632e8 = 0.465337).
        #expect(abs(newIntensity.value - 0.453275) < 1e-6 && abs(oldIntensity.value - 0.465337) < 1e-6)
        #expect(after.edition == "2026-12-15")

        let changelog = try Self.text(site.appendingPathComponent("en/changelog.html"))
        let row = try #require(
            changelog.components(separatedBy: "<tr>").first { $0.contains("<code>intensity</code>") && $0.contains("Shanghai") },
            "the changelog names the changed figure")
        // Printed as the briefs print numbers (0.47 → 0.45), with the change and its share: 40,000 / 38,963.2 − 1 = +2.66 %
        // of GDP, so intensity changes by 38,963.2 / 40,000 − 1 = −2.59 %.
        #expect(row.contains(">0.47<") && row.contains(">0.45<") && row.contains("(−2.6%)"), "\(row)")
        #expect(changelog.contains("Compared with edition 2026-11-30"))
        let zh = try Self.text(site.appendingPathComponent("zh/changelog.html"))
        #expect(zh.contains("<code>intensity</code>") && zh.contains("与2026-11-30版相比"))

        // The first edition stays, byte for byte, at its permanent address.
        let tree = PublishEndToEndTests.tree(site)
        for (path, data) in firstTree where !path.hasPrefix("editions/") && path != "manifest.json" {
            #expect(tree["editions/2026-11-30/" + path] == data, "editions/2026-11-30/\(path)")
        }
        #expect(tree["editions/2026-12-15/en/shanghai.html"] == tree["en/shanghai.html"])

        // The same edition again: nothing changes.
        let third = try Self.publish(regions: regions, out: "_site", in: dir.url, edition: "2026-12-15")
        try #require(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.hasPrefix("yrdplan publish: unchanged"), "\(third.stdout)")
        let again = PublishEndToEndTests.tree(site)
        #expect(again.keys.sorted() == tree.keys.sorted())
        for path in tree.keys.sorted() where tree[path] != again[path] { Issue.record("\(path) differs when republished") }
    }

    /// Every `<figure>` of every XML brief is a row of that brief's data file with the same value, unit, source and
    /// year; the HTML briefs link the files; the zip holds the same CSV and JSON.
    @Test func dataFilesHoldEveryFigureOfTheBriefs() throws {
        let dir = try TemporaryDirectory()
        let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
        let result = try Self.publish(regions: regions, out: "_site", in: dir.url)
        try #require(result.status == 0, "\(result.stderr)")
        let site = dir.url.appendingPathComponent("_site")
        let model = try RegionLoader.load(from: regions, displayRoot: "Regions")
        var checked = 0
        for province in model.provinces.map(\.id.rawValue) {
            let data = try BriefData.decode(json: Data(contentsOf: site.appendingPathComponent("data/brief-\(province).json")))
            for language in ["en", "zh"] {
                let brief = try BriefPublishTests.BriefElements(site.appendingPathComponent("\(language)/\(province).xml"))
                for figure in brief.all("figure") {
                    let value = try #require(figure.attributes["value"].flatMap(Double.init))
                    let match = data.figures.contains { row in
                        BriefPublishTests.close(row.value, value) && row.sourceKey == figure.attributes["sourceKey"]
                            && String(row.year) == figure.attributes["year"]
                            && (figure.attributes["unit"] == "" || row.unit == figure.attributes["unit"])
                    }
                    #expect(match, "\(province) \(language): <figure name=\(figure.attributes["name"] ?? "")> is not in the data file")
                    checked += 1
                }
                for scenario in brief.all("scenario") {
                    let id = try #require(scenario.attributes["id"])
                    if let peak = scenario.attributes["peakValue"].flatMap(Double.init) {
                        let row = data.figures.first { $0.id == "pathway-\(id)-peak-value" }
                        #expect(BriefPublishTests.close(row?.value, peak), "\(province) \(id) peak")
                        #expect(row?.scenario == id)
                    }
                }
                let html = try Self.text(site.appendingPathComponent("\(language)/\(province).html"))
                for ext in ["csv", "json", "zip"] { #expect(html.contains("href=\"../data/brief-\(province).\(ext)\"")) }
            }
            // Each trajectory point carries its own year, and the scenario it belongs to.
            let point = try #require(data.figures.first { $0.id == "pathway-policy-2030" })
            #expect(point.year == 2030 && point.scenario == "policy")
            let unzip = "/usr/bin/unzip"
            if FileManager.default.isExecutableFile(atPath: unzip) {
                let zip = site.appendingPathComponent("data/brief-\(province).zip").path
                let csv = try BinaryRunner.runTool(unzip, ["-p", zip, "brief-\(province)/brief-\(province).csv"])
                #expect(csv.data == (try Data(contentsOf: site.appendingPathComponent("data/brief-\(province).csv"))))
                let readme = try BinaryRunner.runTool(unzip, ["-p", zip, "brief-\(province)/README.txt"])
                #expect(readme.output.contains("CC BY 4.0") && readme.output.contains("Suggested citation"))
            }
        }
        #expect(checked > 200)
    }

    /// The line the policy scenario adds from 2028 (Regions/grid/scenarios/policy.yaml: `from: 2028, add_link:
    /// Mengxi-Shanghai`) is marked planned, with that year, wherever a row or list item shows it — and no other line is.
    @Test func plannedLineIsLabelledPlannedOnEveryPageInBothLanguages() throws {
        let dir = try TemporaryDirectory()
        let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
        let result = try Self.publish(regions: regions, out: "_site", in: dir.url)
        try #require(result.status == 0, "\(result.stderr)")
        let site = dir.url.appendingPathComponent("_site")
        let languages = [("en", "Mengxi", "planned, in service from 2028"), ("zh", "蒙西", "规划线路，2028年起投运")]
        for (language, place, label) in languages {
            var pagesShowingIt: [String] = []
            let folder = site.appendingPathComponent(language)
            for page in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where page.hasSuffix(".html") {
                let html = try Self.text(folder.appendingPathComponent(page))
                for item in Self.elements("li", in: html) + Self.elements("tr", in: html) {
                    if item.contains(place + " →") || item.contains(place + "→") {
                        #expect(item.contains(label), "\(language)/\(page): \(item.prefix(200))")
                        pagesShowingIt.append(page)
                    } else {
                        #expect(!item.contains(label), "\(language)/\(page) marks another line planned: \(item.prefix(200))")
                    }
                }
            }
            #expect(Set(pagesShowingIt) == ["shanghai.html", "power.html"], "\(language): \(Set(pagesShowingIt))")
            let xml = try Self.text(folder.appendingPathComponent("shanghai.xml"))
            let planned = xml.components(separatedBy: "<corridor ").dropFirst().filter { $0.contains("plannedFrom=") }
            #expect(planned.count == 1 && planned.first?.contains("plannedFrom=\"2028\"") == true)
            // The observed year's dispatch (Regions/grid/grid.yaml base_year 2022, overlay baseline) and the scenario's
            // (policy.yaml year 2030) are listed apart, each figure with its own year; the planned line only in 2030.
            let brief = try BriefPublishTests.BriefElements(folder.appendingPathComponent("shanghai.xml"))
            let corridors = xml.components(separatedBy: "<corridor ").dropFirst().map { $0.components(separatedBy: "</corridor>")[0] }
            let observed = corridors.filter { $0.contains("scenario=\"baseline\"") }
            let scenario = corridors.filter { $0.contains("scenario=\"policy\"") }
            #expect(!observed.isEmpty && !scenario.isEmpty && observed.count + scenario.count == corridors.count)
            #expect(observed.allSatisfy { $0.contains("year=\"2022\"") && !$0.contains("plannedFrom") && !$0.contains(place) })
            #expect(scenario.allSatisfy { $0.contains("year=\"2030\"") })
            #expect(brief.all("figure").filter { $0.attributes["name"]?.hasPrefix("corridor-observed-") == true }.count == observed.count)
            let page = try Self.text(folder.appendingPathComponent("shanghai.html"))
            let note = language == "en" ? "grid as it was in 2022, the observed year" : "2022年现状电网的模型调度结果"
            let scenarioNote = language == "en" ? "for 2030: a scenario" : "2030年电力调度的模型模拟结果，属情景测算"
            #expect(page.contains(note) && page.contains(scenarioNote))
        }
    }
}
