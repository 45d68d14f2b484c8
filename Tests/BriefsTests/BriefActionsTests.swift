import Analysis
import Foundation
import Pathways
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

@testable import Briefs

/// The actions section, the verdict's spread and each province's own targets, as a director reads them.
@Suite struct BriefActionsTests {
    static let citation = Citation(sourceKey: "agreement-test", source: "test agreement", year: 2025, confidence: .synthetic, note: "test")

    /// The fixture with a spread on Shanghai's headline verdict, a goal and three deal actions.
    static func input() throws -> BriefInput {
        var input = try TestInputs.fixture()
        let shanghai = try #require(input.provinces.firstIndex { $0.id == "shanghai" })
        let headline = try #require(input.provinces[shanghai].trajectories.firstIndex { $0.scenario == input.headlineScenario })
        input.provinces[shanghai].trajectories[headline].spread = PeakSpread(
            draws: 1_000, seed: 1, p5: 2028, median: 2029, p95: 2033, pBy2030: 0.62, pNoPeak: 0)
        input.goal = GoalSeekResult(
            targetYear: 2030, probability: 0.9, from: "policy", toward: "accelerated", firstYear: 2025, draws: 1_000, seed: 1,
            resolution: 1.0 / 64,
            provinces: [
                ProvinceGoal(
                    province: "shanghai", status: .reachable, weight: 0.25, announcedProbability: 0.62, requiredProbability: 0.91,
                    probabilityOneStepLess: 0.88,
                    levers: [
                        LeverGap(lever: "coal_power_cap", unit: "ratio", year: 2030, announced: 0.85, required: 0.8),
                        LeverGap(lever: "ccus_capture", unit: "Mt CO2", year: 2030, announced: 0, required: 1.5, inPlan: false),
                        LeverGap(lever: "ev_new_sales_share", unit: "fraction", year: 2030, announced: 0.55, required: 0.6125),
                    ])
            ])
        input.dealActions = [
            DealAction(
                province: "shanghai", agreement: "pooled-dispatch", agreementKind: "pooled-dispatch", kind: .sign,
                net: Figure(13.3, unit: "亿元/yr saved", citation)),
            DealAction(
                province: "shanghai", agreement: "relocation-x", agreementKind: "relocation", kind: .renegotiate,
                net: Figure(-33.9, unit: "亿元 NPV", citation), amendedNet: Figure(0.01, unit: "亿元 NPV", citation),
                failing: ["individual-rationality", "core"],
                changes: [ShareChange(stream: "tax", fromYear: 1, toYear: 10, before: 0.5, after: 0.961)]),
            DealAction(
                province: "shanghai", agreement: "joint-fund", agreementKind: "joint-fund", kind: .refuse,
                net: Figure(-1.87, unit: "亿元 NPV", citation), failing: ["floor"]),
        ]
        return input
    }

    static func page(_ files: [SiteFile], _ path: String) throws -> String {
        try #require(files.first { $0.path == path }).contents
    }

    @Test func theBriefSaysWhatToDoWithEveryFigure() throws {
        let files = try TestInputs.render(try Self.input(), templates: try TestInputs.templates())
        let html = try Self.page(files, "en/shanghai.html")
        #expect(html.contains("What we must do"))
        // 0.62 → 62 %, 25 % of the way, 0.91 → 91.0 %; one step less is 25 % − 1/64 = 23.4 % of the way at 88.0 %.
        #expect(html.contains("peaks by 2030 in 62% of 1,000 model runs"))
        #expect(html.contains("moved 25.0% of the way"))
        #expect(html.contains("which gives 91.0% (at 23.4% of the way: 88.0%)"))
        // Each cell with its unit: 0.85 × base year, 55.0 % → 61.3 %, CCUS 0 → 1.50 Mt CO2 (not in the plan).
        #expect(html.contains("<td class=\"text\">0.85 × base year</td><td class=\"text\">0.80 × base year</td>"))
        #expect(html.contains("55.0%</td><td class=\"num\">61.3%</td><td class=\"num\">+6.3%</td>"))
        #expect(html.contains("CO2 captured and stored (not in the plan"))
        #expect(html.contains("+1.50 Mt CO2"))
        #expect(html.contains("<strong class=\"deal-kind\">Sign</strong>"))
        #expect(html.contains("fails individual rationality; the core as written (Shanghai: −33.9 亿元 NPV)"))
        #expect(html.contains("Tax share in years 1–10: 50.0% → 96.1%"))
        #expect(html.contains("<strong class=\"deal-kind\">Refuse</strong>"))
        // The verdict with its spread.
        #expect(html.contains("Over 1,000 model runs: peak year 2029 (5–95 %: 2028–2033); probability of peaking by 2030: 62%."))

        let xml = try Self.page(files, "en/shanghai.xml")
        #expect(xml.contains("peakYearP5=\"2028\" peakYearMedian=\"2029\" peakYearP95=\"2033\""))
        #expect(xml.contains("status=\"reachable\" weight=\"0.25\" pAnnounced=\"0.62\" pRequired=\"0.91\""))
        #expect(
            xml.contains(
                "<lever id=\"ccus_capture\" unit=\"Mt CO2\" year=\"2030\" announced=\"0\" required=\"1.5\" gap=\"1.5\" inPlan=\"false\"/>"))
        #expect(xml.contains("<deal agreement=\"relocation-x\" kind=\"relocation\" action=\"renegotiate\">"))
        #expect(xml.contains("<shareChange stream=\"tax\" fromYear=\"1\" toYear=\"10\" before=\"0.5\" after=\"0.961\"/>"))

        let zh = try Self.page(files, "zh/shanghai.html")
        #expect(zh.contains("需采取的行动"))
        #expect(zh.contains("重新谈判"))
        #expect(zh.contains("1,000次模拟：达峰年份中位数为2029年（5%—95%区间：2028—2033年）；2030年前达峰的概率为62%。"))
    }

    @Test func withoutAGoalOrDealsThereIsNoActionsSection() throws {
        let files = try TestInputs.render(try TestInputs.fixture(), templates: try TestInputs.templates())
        #expect(try !Self.page(files, "en/shanghai.html").contains("What we must do"))
        #expect(try !Self.page(files, "en/shanghai.xml").contains("<actions>"))
    }

    /// Every brief of the shipped model names its own province's targets and no other province's: the targets come
    /// from the scenario files, not from a list here.
    @Test func aProvincesNamedTargetsAppearOnlyInItsOwnBrief() throws {
        let model = try RegionLoader.load(from: ProjectPaths.regions)
        let input = try EditionAnalysis.make(model: model, editionDate: "2026-01-01", draws: 0).input
        let files = try TestInputs.render(input, templates: try TestInputs.templates())
        var targets: [(province: String, text: String)] = []
        for scenario in model.scenarios {
            for (region, named) in scenario.targets {
                for target in named { targets += [(region.rawValue, target.text.en), (region.rawValue, target.text.zh)] }
            }
        }
        #expect(targets.count >= 8, "the scenario files name targets of every province")
        #expect(Set(targets.map(\.province)) == model.provinceIDs)
        var checked = 0
        for province in model.provinces.map(\.id.rawValue) {
            for language in ["en", "zh"] {
                for format in ["html", "xml"] {
                    let text = XMLEscapes.unescaped(try Self.page(files, "\(language)/\(province).\(format)"))
                    for target in targets where target.province != province {
                        #expect(
                            !text.contains(target.text),
                            "\(language)/\(province).\(format) names \(target.province)'s target '\(target.text)'")
                        checked += 1
                    }
                }
            }
            let own = XMLEscapes.unescaped(try Self.page(files, "en/\(province).html"))
            for target in targets where target.province == province && target.text.allSatisfy(\.isASCII) {
                #expect(own.contains(target.text), "\(province)'s brief lacks its target '\(target.text)'")
            }
        }
        #expect(checked > 100)
    }
}

/// Undoes the escapes the templates write, so texts compare as written in the data.
enum XMLEscapes {
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
