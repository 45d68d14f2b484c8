import Analysis
import Foundation
import RegionLoading
import Testing
import YrdplanTestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One end-to-end publish of the shipped data: every figure the XML briefs carry equals the value the analysis
/// layer computes for the same model (relative tolerance 1e-6: the XML keeps six decimals). Which figure is
/// computed how is tested in AnalysisTests; this checks that the real binary renders exactly those values.
@Suite struct BriefPublishTests {
    /// The elements of an XML brief, read with a real XML parser: each with its attributes, its text and the id
    /// of the `<relocation>` it sits in.
    final class BriefElements: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text = ""
            var relocation: String?
        }
        var elements: [Element] = []
        private var open: [Int] = []
        private var relocation: String?

        init(_ url: URL) throws {
            super.init()
            let parser = try #require(XMLParser(contentsOf: url))
            parser.delegate = self
            #expect(parser.parse(), "\(url.lastPathComponent): \(String(describing: parser.parserError))")
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "relocation" { relocation = attributes["id"] }
            elements.append(Element(name: name, attributes: attributes, relocation: relocation))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let last = open.last { elements[last].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
            if name == "relocation" { relocation = nil }
        }

        func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
        func figure(_ name: String, in relocation: String? = nil) -> Element? {
            elements.first { $0.name == "figure" && $0.attributes["name"] == name && $0.relocation == relocation }
        }
        func value(_ name: String, in relocation: String? = nil) -> Double? {
            figure(name, in: relocation)?.attributes["value"].flatMap(Double.init)
        }
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-6 * max(1, abs(b)) } ?? false }

    @Test func publishedBriefsCarryTheAnalysisValues() throws {
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
        let model = try RegionLoader.load(from: regions, displayRoot: "Regions")
        let input = try EditionAnalysis.make(model: model, editionDate: "2026-01-01").input

        var compared = 0
        for province in input.provinces {
            for language in ["en", "zh"] {
                let brief = try BriefElements(dir.url.appendingPathComponent("_site/\(language)/\(province.id).xml"))
                let head = try #require(brief.all("brief").first)
                #expect(head.attributes["baseYear"] == String(province.baseYear))
                #expect(Self.close(brief.value("total"), province.total.value), "\(province.id) total")
                if let intensity = province.intensity { #expect(Self.close(brief.value("intensity"), intensity.value)) }
                for sector in province.sectors {
                    #expect(Self.close(brief.value("\(sector.sector)-direct"), sector.direct.value), "\(province.id) \(sector.sector)")
                    if let indirect = sector.indirect {
                        #expect(Self.close(brief.value("\(sector.sector)-indirect"), indirect.value), "\(province.id) \(sector.sector)")
                    }
                    compared += 2
                }
                for trajectory in province.trajectories {
                    let element = try #require(brief.all("scenario").first { $0.attributes["id"] == trajectory.scenario })
                    #expect(element.attributes["verdict"] == trajectory.verdict.rawValue, "\(province.id) \(trajectory.scenario)")
                    #expect(element.attributes["peakYear"] == trajectory.peak.map { String($0.year) })
                    if let peak = trajectory.peak { #expect(Self.close(element.attributes["peakValue"].flatMap(Double.init), peak.value)) }
                    compared += 1
                }
                // The verdict with its Monte Carlo spread, the goal seek and the deal actions, as the analysis computed them.
                let headline = try #require(province.trajectories.first { $0.scenario == input.headlineScenario })
                let spread = try #require(headline.spread, "\(province.id): the edition runs the Monte Carlo")
                let verdict = try #require(brief.all("verdict").first)
                #expect(Self.close(verdict.attributes["pPeakBy2030"].flatMap(Double.init), spread.pBy2030), "\(province.id)")
                #expect(verdict.attributes["peakYearP5"] == spread.p5.map(String.init))
                #expect(verdict.attributes["peakYearP95"] == spread.p95.map(String.init))
                let goal = try #require(input.goal?.goal(province.id))
                let shownGoal = try #require(brief.all("goal").first, "\(province.id): no goal in the brief")
                #expect(shownGoal.attributes["status"] == goal.status.rawValue)
                #expect(Self.close(shownGoal.attributes["weight"].flatMap(Double.init), goal.weight))
                #expect(brief.all("lever").map { $0.attributes["id"] } == goal.levers.map(\.lever))
                let actions = (input.dealActions ?? []).filter { $0.province == province.id }
                #expect(!actions.isEmpty)
                #expect(brief.all("deal").map { $0.attributes["agreement"] } == actions.map(\.agreement))
                #expect(brief.all("deal").map { $0.attributes["action"] } == actions.map(\.kind.rawValue))
                compared += 3 + actions.count
                // Corridors touching the province, each with the year of the dispatch it comes from.
                for corridor in input.corridors where corridor.from == province.id || corridor.to == province.id {
                    let shown = try #require(brief.figure("corridor-\(corridor.id)"), "\(province.id): \(corridor.id)")
                    #expect(Self.close(shown.attributes["value"].flatMap(Double.init), corridor.flow.value))
                    #expect(shown.attributes["year"] == String(corridor.flow.provenance.year))
                    compared += 1
                }
                if let factor = province.importFactor { #expect(Self.close(brief.value("import-emission-factor"), factor.value)) }
                if let allocation = input.allocation {
                    for rule in ["agreed", "shapley"] {
                        let expected = try #require(allocation.shares[rule]?[province.id])
                        #expect(Self.close(brief.value("allocation-\(rule)"), expected), "\(province.id) \(rule)")
                    }
                }
                if let position = input.fund.first(where: { $0.province == province.id }) {
                    #expect(Self.close(brief.value("fund-contribution"), position.contribution.value))
                    #expect(Self.close(brief.value("fund-benefit"), position.benefit.value))
                    #expect(brief.figure("fund-contribution")?.attributes["unit"] == position.contribution.unit)
                    #expect(brief.figure("fund-benefit")?.attributes["unit"] == position.benefit.unit)
                }
                // Each brief shows exactly the relocations that involve its province, with every check as judged.
                for deal in input.relocations ?? [] {
                    let involved = deal.origin == province.id || deal.destination == province.id
                    let shown = brief.all("relocation").contains { $0.attributes["id"] == deal.id }
                    #expect(shown == involved, "\(deal.id) in the \(province.id) brief")
                    guard involved else { continue }
                    for (party, npv) in deal.npv {
                        #expect(Self.close(brief.value("relocation-npv-\(party)", in: deal.id), npv.value), "\(deal.id) \(party)")
                    }
                    let checks = brief.all("check").filter { $0.relocation == deal.id }
                    #expect(checks.map { $0.attributes["property"] } == deal.checks.map(\.property))
                    #expect(checks.map { $0.attributes["held"] } == deal.checks.map { $0.held ? "true" : "false" })
                    for (shown, check) in zip(checks, deal.checks) where !check.held {
                        #expect(shown.text == check.counterexample, "\(deal.id) \(check.property)")
                    }
                    compared += deal.checks.count
                }
            }
        }
        #expect(compared > 100)
    }
}
