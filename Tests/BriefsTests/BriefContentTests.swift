import Analysis
import Diagnostics
import Foundation
import Pathways
import Testing
import YrdplanTestSupport

@testable import Briefs

@Suite struct BriefContentTests {
    @Test func goldenBriefInEachLanguage() throws {
        let files = try TestInputs.render(try TestInputs.fixture(), templates: try TestInputs.templates())
        for path in ["en/shanghai.html", "zh/shanghai.html", "en/shanghai.xml", "zh/shanghai.xml"] {
            let file = try #require(files.first { $0.path == path })
            let golden = TestInputs.snapshots.appendingPathComponent(path.replacingOccurrences(of: "/", with: "-"))
            if let mismatch = Golden.mismatch(file.contents, goldenFile: golden) { Issue.record("\(mismatch)") }
        }
    }

    @Test func renderingIsDeterministic() throws {
        let input = try TestInputs.fixture()
        let templates = try TestInputs.templates()
        #expect(try TestInputs.render(input, templates: templates) == TestInputs.render(input, templates: templates))
    }

    @Test func everyProvinceAndLanguageHasHTMLAndValidXML() throws {
        let files = try TestInputs.render(try TestInputs.fixture(), templates: try TestInputs.templates())
        let paths = Set(files.map(\.path))
        for province in ["shanghai", "jiangsu", "zhejiang", "anhui"] {
            for language in ["zh", "en"] {
                #expect(paths.contains("\(language)/\(province).html"))
                #expect(paths.contains("\(language)/\(province).xml"))
            }
        }
    }

    /// A chart or figure the model did not compute never appears: without corridors, allocation and
    /// fund there are no such pages, no such figures, and the brief says they were not computed.
    @Test func absentAnalysesAreNotShown() throws {
        var input = try TestInputs.fixture()
        input.corridors = []
        input.allocation = nil
        input.fund = []
        let files = try TestInputs.render(input, templates: try TestInputs.templates())
        let paths = Set(files.map(\.path))
        #expect(!paths.contains("en/power.html") && !paths.contains("en/benefit-sharing.html") && !paths.contains("en/fund.html"))
        let brief = try #require(files.first { $0.path == "en/shanghai.html" })
        #expect(!brief.contents.contains("power.html"))
        #expect(brief.contents.contains("The interprovincial power dispatch was not part of this edition"))
        let xml = try #require(files.first { $0.path == "en/shanghai.xml" })
        #expect(!xml.contents.contains("<corridor") && !xml.contents.contains("<allocation") && !xml.contents.contains("<fund>"))
    }

    /// A relocation deal appears in the briefs of its origin and destination only (HTML and schema-valid XML,
    /// both languages), with its split schedule, each party's NPV and every check with its counterexample.
    @Test func relocationShownOnlyWhereItInvolvesTheProvince() throws {
        let files = try TestInputs.render(try TestInputs.fixture(), templates: try TestInputs.templates())
        func text(_ path: String) throws -> String { try #require(files.first { $0.path == path }).contents }
        for province in ["shanghai", "anhui"] {
            let xml = try text("en/\(province).xml")
            #expect(
                xml.contains(
                    "<relocation id=\"relocation-test-shanghai-anhui\" origin=\"shanghai\" destination=\"anhui\" horizonYears=\"10\">"))
            #expect(
                xml.contains("<split stream=\"gdp-statistics\" fromYear=\"1\" toYear=\"5\" originShare=\"0.4\" destinationShare=\"0.6\""))
            #expect(xml.contains("<figure name=\"relocation-npv-shanghai\" label=\"NPV for Shanghai\" value=\"-2.5\" unit=\"亿元 NPV\""))
            #expect(
                xml.contains(
                    "<check property=\"individual-rationality\" held=\"false\">shanghai gets -2.50 亿元 NPV, less than the 0.00 亿元 NPV it has alone</check>"
                ))
            let html = try text("en/\(province).html")
            #expect(html.contains("Test plant from Shanghai to Anhui: the plant moves from Shanghai to Anhui"))
            #expect(html.contains("<strong>FAIL</strong> individual rationality"))
            let zh = try text("zh/\(province).html")
            #expect(zh.contains("<strong>未通过</strong> 个体理性") && zh.contains("上海净现值"))
        }
        for province in ["jiangsu", "zhejiang"] {
            #expect(try !text("en/\(province).xml").contains("<relocation"))
            #expect(
                try text("en/\(province).html").contains("None of the industry-relocation agreements evaluated for this edition involves"))
        }
        var none = try TestInputs.fixture()
        none.relocations = nil
        let without = try TestInputs.render(none, templates: try TestInputs.templates())
        let brief = try #require(without.first { $0.path == "en/shanghai.html" }).contents
        #expect(brief.contains("No industry-relocation agreements were evaluated for this edition."))
        #expect(try !#require(without.first { $0.path == "en/shanghai.xml" }).contents.contains("<relocation"))
    }

    /// Schema 1.1 is compatible: a brief without `<relocation>` (a 1.0 brief) stays valid, and a relocation that
    /// breaks the new rules (a share above 1, a check that is neither true nor false) is rejected.
    @Test func schemaRevisionAcceptsOldBriefsAndChecksRelocations() throws {
        let templates = try TestInputs.templates()
        let files = try TestInputs.render(try TestInputs.fixture(), templates: templates)
        let xml = try #require(files.first { $0.path == "en/shanghai.xml" }).contents
        #expect(templates.schema.validate(xml, file: "en/shanghai.xml").isEmpty)
        let start = try #require(xml.range(of: "    <relocation "))
        let end = try #require(xml.range(of: "</relocation>\n"))
        let withoutRelocation = xml.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
        #expect(templates.schema.validate(withoutRelocation, file: "old.xml").isEmpty)
        for (good, bad) in [
            ("held=\"false\"", "held=\"maybe\""), ("originShare=\"0.4\"", "originShare=\"1.4\""), ("stream=\"tax\"", "stream=\"land\""),
        ] {
            let broken = xml.replacingOccurrences(of: good, with: bad)
            #expect(broken != xml && !templates.schema.validate(broken, file: "bad.xml").isEmpty, "\(bad) accepted")
        }
    }

    /// A trajectory still rising at the horizon is shown as such (not as a peak in 2060), in both languages.
    @Test func stillRisingTrajectoryIsNotAPeak() throws {
        var input = try TestInputs.fixture()
        let index = try #require(input.provinces[3].trajectories.firstIndex { $0.scenario == "baseline" })
        input.provinces[3].trajectories[index].peak = nil
        let files = try TestInputs.render(input, templates: try TestInputs.templates())
        let en = try #require(files.first { $0.path == "en/anhui.html" }).contents
        let zh = try #require(files.first { $0.path == "zh/anhui.html" }).contents
        #expect(en.contains("still rising in 2060 (no peak before the horizon)"))
        #expect(zh.contains("2060年仍在上升（展望期内未达峰）"))
        let xml = try #require(files.first { $0.path == "en/anhui.xml" }).contents
        let element = try #require(xml.components(separatedBy: "<scenario ").first { $0.hasPrefix("id=\"baseline\"") })
        #expect(!element.prefix(while: { $0 != ">" }).contains("peakYear="))
    }

    @Test func provinceWithoutProjectionHasNoVerdictOrTrajectoryChart() throws {
        var input = try TestInputs.fixture()
        input.provinces[3].trajectories = []
        let files = try TestInputs.render(input, templates: try TestInputs.templates())
        let brief = try #require(files.first { $0.path == "en/anhui.html" })
        #expect(!brief.contents.contains("class=\"verdict "))
        #expect(!brief.contents.contains("trajectory-anhui"))
        #expect(brief.contents.contains("No projection was computed"))
    }

    @Test func figuresCarryTheirProvenance() throws {
        let files = try TestInputs.render(try TestInputs.fixture(), templates: try TestInputs.templates())
        let xml = try #require(files.first { $0.path == "en/shanghai.xml" })
        #expect(
            xml.contents.contains(
                "<figure name=\"total\" label=\"Total CO2, 2019\" value=\"185\" unit=\"Mt CO2\" source=\"魏文栋, 梅玥如, 钟晨: 上海实现碳达峰的前景、难点和实现路径, Table 1\" sourceKey=\"paper-table1\" year=\"2019\" confidence=\"sourced\"/>"
            ))
        let html = try #require(files.first { $0.path == "en/shanghai.html" })
        #expect(html.contents.contains("<data value=\"185\">185</data>"))
        #expect(html.contents.contains("href=\"methods.html#src-paper-table1\""))
    }

    @Test func brokenXMLTemplateFailsSchemaValidationWithTemplateNameAndLine() throws {
        var texts = try TestInputs.templateTexts()
        texts["brief.xml"] = texts["brief.xml"]!.replacingOccurrences(
            of: "<title>{{briefHeading}}</title>", with: "<headline>{{briefHeading}}</headline>")
        let good = try TestInputs.templates()
        let library = try TemplateLibrary(templates: texts, file: { "Templates/\($0).mustache" })
        let pages = try SitePlan(input: try TestInputs.fixture(), tables: good.tables, settings: TestInputs.settings).pages()
        do {
            _ = try SiteRenderer(templates: library, schema: good.schema).render(pages)
            Issue.record("expected schema errors")
        } catch {
            let first = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 8)
            #expect(first.location == SourceLocation(file: "en/anhui.xml", line: 3))
            #expect(first.message.contains("headline"))
            #expect(first.message.contains("rendered from template 'brief.xml', Templates/brief.xml.mustache"))
        }
    }

    @Test func brokenHTMLTemplateFailsTheHTMLParse() throws {
        var texts = try TestInputs.templateTexts()
        texts["region.html"] = texts["region.html"]!.replacingOccurrences(of: "</main>", with: "</div></main>")
        let good = try TestInputs.templates()
        let library = try TemplateLibrary(templates: texts, file: { "Templates/\($0).mustache" })
        let pages = try SitePlan(input: try TestInputs.fixture(), tables: good.tables, settings: TestInputs.settings).pages()
        do {
            _ = try SiteRenderer(templates: library, schema: good.schema).render(pages)
            Issue.record("expected HTML errors")
        } catch {
            #expect(error.diagnostics.allSatisfy { $0.message.contains("region.html") })
            #expect(error.diagnostics.contains { $0.location?.file == "en/scenarios.html" && $0.location?.line != nil })
        }
    }
}

@Suite struct RulesAndFormatTests {
    @Test(arguments: [(2025, PeakVerdict.meets), (2030, .meets), (2031, .misses)])
    func verdictAgainst2030(_ year: Int, _ expected: PeakVerdict) { #expect(PeakVerdict(peakYear: year) == expected) }

    @Test func noPeakIsItsOwnVerdict() { #expect(PeakVerdict(peakYear: nil) == .noPeak) }

    @Test func bottleneckOnlyAboveThreshold() {
        let rule = BottleneckRule(indicator: "coal-power-share", threshold: 0.5, display: .share)
        #expect(rule.isBottleneck(0.55) && !rule.isBottleneck(0.5))
        #expect(rule.format(0.553) == "55.3%")
    }

    @Test func difficultiesFollowTheIndicators() throws {
        var input = try TestInputs.fixture()
        input.provinces[0].indicators = [
            IndicatorValue(indicator: "coal-power-share", figure: Figure(0.2, unit: "fraction", input.provinces[0].total.provenance))
        ]
        let files = try TestInputs.render(input, templates: try TestInputs.templates())
        let xml = try #require(files.first { $0.path == "en/shanghai.xml" })
        #expect(xml.contents.contains("<indicator id=\"coal-power-share\" status=\"within\" threshold=\"0.5\">"))
        #expect(!xml.contents.contains("import-dependence"))
    }

    @Test func numberFormatting() {
        #expect(NumberFormat.fixed(1.25, 1) == "1.3")
        #expect(NumberFormat.fixed(-0.04, 1) == "0.0")
        #expect(NumberFormat.fixed(-2.5, 0) == "−3")
        #expect(NumberFormat.machine(185.0) == "185")
        #expect(NumberFormat.machine(-0.125) == "-0.125")
        #expect(NumberFormat.display(192.512) == "193")
        #expect(NumberFormat.percent(0.322) == "32.2%")
    }

    @Test func niceAxis() {
        #expect(niceScale(193).top == 200)
        #expect(niceScale(0.49).top == 0.5)
    }
}
