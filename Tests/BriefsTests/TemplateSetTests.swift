import Diagnostics
import Foundation
import Testing
import YrdplanTestSupport

@testable import Briefs

/// Loading `Templates/`: every problem of every file is reported at once with `file:line`.
@Suite struct TemplateSetTests {
    func copyOfTemplates() throws -> (TemporaryDirectory, URL) {
        let dir = try TemporaryDirectory()
        let copy = try dir.copy(TestInputs.templatesURL, as: "Templates")
        return (dir, copy)
    }

    @Test func theProjectsTemplatesLoad() throws {
        let set = try TestInputs.templates()
        #expect(set.tables.map(\.language) == ["zh-CN", "en"])
        #expect(set.library.templateNames.contains("brief.html") && set.library.templateNames.contains("partials/figure"))
    }

    @Test func problemsInSeveralFilesAreReportedTogether() throws {
        let (dir, copy) = try copyOfTemplates()
        let en = copy.appendingPathComponent("i18n/en.yaml")
        var text = try String(contentsOf: en, encoding: .utf8)
        text = text.replacingOccurrences(of: "xml_version: XML version\n", with: "")
        try text.write(to: en, atomically: true, encoding: .utf8)
        let partial = copy.appendingPathComponent("partials/footer.mustache")
        try ("<footer>\n{{{footerHTML}}}\n</footer>\n").write(to: partial, atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet.load(from: copy, displayRoot: "Templates")
            Issue.record("expected errors")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(
                lines.contains {
                    $0.hasPrefix("Templates/i18n/en.yaml: string 'xml_version' is missing (it exists in Templates/i18n/zh-CN.yaml:")
                })
            #expect(lines.contains { $0.hasPrefix("Templates/partials/footer.mustache:2: 'footerHTML' is inserted without escaping") })
        }
        withExtendedLifetime(dir) {}
    }

    @Test func brokenYAMLIsReportedWithItsLine() throws {
        let (dir, copy) = try copyOfTemplates()
        let zh = copy.appendingPathComponent("i18n/zh-CN.yaml")
        try "language_name: 中文\nsite_title: [unclosed\n".write(to: zh, atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet.load(from: copy, displayRoot: "Templates")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.contains { $0.location?.file == "Templates/i18n/zh-CN.yaml" && $0.location?.line != nil })
        }
        withExtendedLifetime(dir) {}
    }

    @Test func brokenSchemaIsReported() throws {
        let (dir, copy) = try copyOfTemplates()
        try "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"nope\"/></xs:schema>"
            .write(to: copy.appendingPathComponent("schema/brief.xsd"), atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet.load(from: copy, displayRoot: "Templates")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.contains { $0.location?.file == "Templates/schema/brief.xsd" })
        }
        withExtendedLifetime(dir) {}
    }

    @Test func aStringUsingAnUnknownPlaceholderFailsTheBuild() throws {
        let templates = try TestInputs.templates()
        var tables = templates.tables
        tables[1].strings["brief_title"] = "Brief on {provice}"
        do {
            _ = try SitePlan(input: try TestInputs.fixture(), tables: tables, settings: TestInputs.settings).pages()
            Issue.record("expected an error")
        } catch let error as DiagnosticsError {
            #expect(error.diagnostics.contains { $0.message.contains("string 'brief_title' uses {provice}") })
        }
    }
}
