import Foundation
import Testing
import YrdplanTestSupport

/// Every figure of the published briefs matches what `yrdplan emissions --json` and `yrdplan project --json`
/// print for the same data (relative tolerance 1e-6: the XML keeps six decimals).
@Suite struct BriefParityTests {
    static func attributes(of element: String, named name: String, in xml: String) -> [[String: String]] {
        var found: [[String: String]] = []
        var rest = Substring(xml)
        while let start = rest.range(of: "<\(element) ") {
            let tail = rest[start.upperBound...]
            guard let end = tail.range(of: ">") else { break }
            let body = tail[..<end.lowerBound]
            var attributes: [String: String] = [:]
            var scanner = Substring(body)
            while let eq = scanner.range(of: "=\"") {
                let key = scanner[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)
                let afterQuote = scanner[eq.upperBound...]
                guard let close = afterQuote.firstIndex(of: "\"") else { break }
                attributes[key] = String(afterQuote[..<close])
                scanner = afterQuote[afterQuote.index(after: close)...]
            }
            if name.isEmpty || attributes["name"] == name { found.append(attributes) }
            rest = tail[end.upperBound...]
        }
        return found
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    /// Publishes the site from a copy of the shipped Regions/ into a scratch folder (`_site/` inside it); the
    /// other commands of a test then run on the same copy.
    static func publishShippedData() throws -> (dir: TemporaryDirectory, regions: URL) {
        let dir = try TemporaryDirectory()
        let regions = try dir.copy(ProjectPaths.regions, as: "Regions")
        let root = ProjectPaths.root
        let publish = try BinaryRunner.run(
            [
                "publish", "--regions", regions.path, "--out", "_site", "--templates", root.appendingPathComponent("Templates").path,
                "--site", root.appendingPathComponent("Reports/site.yaml").path, "--quiet",
            ],
            in: dir.url, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        try #require(publish.status == 0, "\(publish.stderr)")
        return (dir, regions)
    }

    @Test func briefFiguresMatchTheModelsJSON() throws {
        let (dir, regions) = try BriefParityTests.publishShippedData()

        let project = try BinaryRunner.run(["project", "--regions", regions.path, "--json"])
        let projection = try #require(try JSONSerialization.jsonObject(with: Data(project.stdout.utf8)) as? [String: Any])
        let scenarios = try #require(projection["scenarios"] as? [[String: Any]])
        var compared = 0
        var stillRisingSeen = 0
        for province in ["shanghai", "jiangsu", "zhejiang", "anhui"] {
            for language in ["en", "zh"] {
                let xml = try String(contentsOf: dir.url.appendingPathComponent("_site/\(language)/\(province).xml"), encoding: .utf8)
                let baseYear = try #require(Self.attributes(of: "brief", named: "", in: xml).first?["baseYear"])
                let emissions = try BinaryRunner.run([
                    "emissions", "--regions", regions.path, "--region", province, "--years", baseYear, "--json",
                ])
                let account = try #require(
                    ((try JSONSerialization.jsonObject(with: Data(emissions.stdout.utf8)) as? [String: Any])?["years"] as? [[String: Any]])?
                        .first)
                func figure(_ name: String) throws -> Double {
                    let text = Self.attributes(of: "figure", named: name, in: xml).first?["value"] ?? ""
                    return try #require(Double(text), "figure \(name) missing in \(province)")
                }
                let sectors = try #require(account["sectors"] as? [String: [String: Double]])
                #expect(Self.close(try figure("total"), try #require(account["total_mt"] as? Double)))
                #expect(Self.close(try figure("intensity"), try #require(account["intensity_t_per_10k_yuan"] as? Double)))
                #expect(Self.close(try figure("imported-power-share") / 100, try #require(sectors["power"]?["imported_share"])))
                for (sector, values) in sectors where sector != "power" {
                    let id = sector.replacingOccurrences(of: "_", with: "-")
                    #expect(Self.close(try figure("\(id)-direct"), try #require(values["direct_mt"])), "\(province) \(sector)")
                    #expect(Self.close(try figure("\(id)-indirect"), try #require(values["indirect_mt"])), "\(province) \(sector)")
                    compared += 2
                }
                for scenario in scenarios {
                    let name = try #require(scenario["name"] as? String)
                    let regionsJSON = try #require(scenario["regions"] as? [String: [String: Any]])
                    let trajectory = try #require(regionsJSON[province])
                    let element = try #require(Self.attributes(of: "scenario", named: "", in: xml).first { $0["id"] == name })
                    let peakYear = try #require(trajectory["peak_year"] as? Double)
                    let years = try #require(trajectory["years"] as? [[String: Any]])
                    let stillRising = try #require(trajectory["peak_at_last_year"] as? Bool)
                    // The flag is exactly "the highest year is the horizon"; peak_year still names that year.
                    #expect(stillRising == (peakYear == (years.last?["year"] as? Double)))
                    if stillRising {
                        #expect(element["peakYear"] == nil && element["verdict"] == "no-peak")
                        if language == "en" {
                            let html = try String(
                                contentsOf: dir.url.appendingPathComponent("_site/en/\(province).html"), encoding: .utf8)
                            #expect(html.contains("still rising in 2060 (no peak before the horizon)"), "\(province) \(name)")
                        }
                        stillRisingSeen += 1
                    } else {
                        #expect(element["peakYear"] == String(Int(peakYear)))
                        #expect(Self.close(Double(element["peakValue"] ?? "") ?? .nan, try #require(trajectory["peak_mt"] as? Double)))
                        let before2030 = try #require(trajectory["peaks_before_2030"] as? Bool)
                        #expect(element["verdict"] == (before2030 ? "meets" : "misses"))
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
        #expect(stillRisingSeen > 0, "the shipped baseline rises to 2060: the still-rising case must be exercised")

        // Corridor flows: the dispatch of Regions/grid under the headline scenario (policy).
        let dispatch = try BinaryRunner.run(["dispatch", "--regions", regions.path, "--scenario", "policy", "--json"])
        #expect(dispatch.status == 0, "\(dispatch.stderr)")
        let links = try #require(
            (try JSONSerialization.jsonObject(with: Data(dispatch.stdout.utf8)) as? [String: Any])?["links"] as? [String: [String: Any]])
        let xml = try String(contentsOf: dir.url.appendingPathComponent("_site/en/shanghai.xml"), encoding: .utf8)
        var corridors = 0
        for (name, link) in links {
            let delivered = try #require(link["delivered_mwh"] as? Double) / 1e6
            let figures = Self.attributes(of: "figure", named: "corridor-\(Self.slug(name))", in: xml)
            let touchesShanghai = (link["bus0"] as? String) == "SH" || (link["bus1"] as? String) == "SH"
            if touchesShanghai && delivered > 1e-9 {
                let value = try #require(Double(figures.first?["value"] ?? ""), "corridor \(name) missing from the Shanghai brief")
                #expect(abs(value - delivered) <= 1e-6 * max(1, delivered), "\(name): \(value) vs \(delivered)")
                corridors += 1
            } else {
                #expect(figures.isEmpty, "\(name) should not be in the Shanghai brief")
            }
        }
        #expect(corridors >= 3)

        let buses = try #require(
            (try JSONSerialization.jsonObject(with: Data(dispatch.stdout.utf8)) as? [String: Any])?["buses"] as? [String: [String: Any]])
        let factor = try #require(buses["SH"]?["import_emission_factor_t_per_mwh"] as? Double)
        let shown = try #require(Double(Self.attributes(of: "figure", named: "import-emission-factor", in: xml).first?["value"] ?? ""))
        #expect(abs(shown - factor) <= 1e-6)
    }

    /// The corridor id the briefs use for a dispatch link name.
    static func slug(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}

/// The benefit-sharing figures of the briefs equal what `yrdplan check --details` prints (2 decimals).
@Suite struct BriefAgreementParityTests {
    /// The number after `label` in `line` (e.g. `Shapley 28.52`, `contribution 10.77`).
    static func number(after label: String, in line: Substring) -> Double? {
        guard let range = line.range(of: label) else { return nil }
        let rest = line[range.upperBound...].drop { $0 == " " || $0 == ":" }
        return Double(rest.prefix { $0.isNumber || $0 == "." || $0 == "-" })
    }

    @Test func allocationAndFundMatchCheckDetails() throws {
        let (dir, regions) = try BriefParityTests.publishShippedData()
        let check = try BinaryRunner.run(
            [
                "check", "--details", "--regions", regions.path, regions.path + "/agreements/pooled-dispatch.yaml",
                regions.path + "/agreements/joint-fund.yaml",
            ])
        let lines = check.stdout.split(separator: "\n").filter { $0.hasPrefix("#   ") }
        var compared = 0
        for province in ["shanghai", "jiangsu", "zhejiang", "anhui"] {
            let xml = try String(contentsOf: dir.url.appendingPathComponent("_site/en/\(province).xml"), encoding: .utf8)
            let mine = lines.filter { $0.hasPrefix("#   \(province):") }
            #expect(mine.count == 2, "\(province): \(mine)")
            guard mine.count == 2 else { continue }
            let agreed = BriefParityTests.attributes(of: "figure", named: "allocation-agreed", in: xml).first?["value"].flatMap(Double.init)
            let shapley = BriefParityTests.attributes(of: "figure", named: "allocation-shapley", in: xml).first?["value"].flatMap(
                Double.init)
            let pooledShapley = try #require(Self.number(after: "Shapley", in: mine[0]))
            let pooledAgreed = try #require(Self.number(after: "\(province)", in: mine[0]))
            #expect(abs((agreed ?? .nan) - pooledAgreed) <= 0.0051, "\(province) agreed")
            #expect(abs((shapley ?? .nan) - pooledShapley) <= 0.0051, "\(province) Shapley")
            let contribution = BriefParityTests.attributes(of: "figure", named: "fund-contribution", in: xml).first?["value"].flatMap(
                Double.init)
            let benefit = BriefParityTests.attributes(of: "figure", named: "fund-benefit", in: xml).first?["value"].flatMap(Double.init)
            #expect(
                abs((contribution ?? .nan) - (Self.number(after: "contribution", in: mine[1]) ?? .nan)) <= 0.0051,
                "\(province) contribution")
            #expect(abs((benefit ?? .nan) - (Self.number(after: "benefit (NPV)", in: mine[1]) ?? .nan)) <= 0.0051, "\(province) benefit")
            // Contributions are paid in, not discounted: only the benefit is an NPV (as check --details labels them).
            #expect(BriefParityTests.attributes(of: "figure", named: "fund-contribution", in: xml).first?["unit"] == "亿元")
            #expect(BriefParityTests.attributes(of: "figure", named: "fund-benefit", in: xml).first?["unit"] == "亿元 NPV")
            compared += 4
        }
        #expect(compared == 16)
    }

    /// Every relocation agreement shown in a brief: the NPV per province and every check (with its
    /// counterexample) equal `yrdplan check --details` on the same files; each brief shows exactly the
    /// agreements that involve its province.
    @Test func relocationsMatchCheckDetails() throws {
        let (dir, regions) = try BriefParityTests.publishShippedData()
        let files = try FileManager.default.contentsOfDirectory(atPath: regions.path + "/agreements")
            .filter { $0.hasPrefix("relocation-") && $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 2)
        var compared = 0
        var failuresShown = 0
        for file in files {
            let id = String(file.dropLast(5))
            let check = try BinaryRunner.run(["check", "--details", "--regions", regions.path, regions.path + "/agreements/" + file])
            let lines = check.stdout.split(separator: "\n")
            let npvLines = lines.filter { $0.hasPrefix("#   ") }
            let results = lines.filter { $0.hasPrefix("PASS  ") || $0.hasPrefix("FAIL  ") }
            let parties = npvLines.compactMap { $0.dropFirst(4).split(separator: ":").first.map(String.init) }
            #expect(parties.count >= 2)
            for province in ["shanghai", "jiangsu", "zhejiang", "anhui"] {
                for language in ["en", "zh"] {
                    let xml = try String(contentsOf: dir.url.appendingPathComponent("_site/\(language)/\(province).xml"), encoding: .utf8)
                    let element = BriefParityTests.attributes(of: "relocation", named: "", in: xml).first { $0["id"] == id }
                    let involved = parties.prefix(2).contains(province)
                    #expect((element != nil) == involved, "\(id) in the \(province) brief")
                    guard involved, let block = Self.block(of: id, in: xml) else { continue }
                    for line in npvLines {
                        let party = String(line.dropFirst(4).prefix { $0 != ":" })
                        let expected = try #require(Self.number(after: "\(party)", in: line))
                        let shown = BriefParityTests.attributes(of: "figure", named: "relocation-npv-\(party)", in: block).first
                        #expect(abs((Double(shown?["value"] ?? "") ?? .nan) - expected) <= 0.0051, "\(id) \(party) NPV")
                        #expect(shown?["unit"] == "亿元 NPV" && shown?["confidence"] != nil)
                        compared += 1
                    }
                    let checks = BriefParityTests.attributes(of: "check", named: "", in: block)
                    #expect(checks.count == results.count, "\(id): \(checks.count) checks vs \(results.count)")
                    for (shown, line) in zip(checks, results) {
                        let held = line.hasPrefix("PASS")
                        let property = line.split(separator: " ", omittingEmptySubsequences: true)[2].filter { $0 != ":" }
                        #expect(shown["property"] == String(property), "\(id) \(line)")
                        #expect(shown["held"] == (held ? "true" : "false"), "\(id) \(line)")
                        if !held, let example = line.range(of: ": ").map({ String(line[$0.upperBound...]) }) {
                            #expect(block.contains(">\(Self.escaped(example))</check>"), "\(id): counterexample \(example)")
                            failuresShown += 1
                        }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 20)
        #expect(failuresShown > 0, "the shipped petrochemical deal fails individual rationality: its counterexample must be shown")
    }

    /// The text of `<relocation id="ID" …>…</relocation>` in `xml`.
    static func block(of id: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<relocation id=\"\(id)\""),
            let end = xml.range(of: "</relocation>", range: start.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[start.lowerBound..<end.upperBound])
    }

    /// XML text escaping as the renderer does it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
