import Diagnostics
import Testing

@testable import Briefs

@Suite struct TemplateLibraryTests {
    func library(_ templates: [String: String]) throws(DiagnosticsError) -> TemplateLibrary {
        try TemplateLibrary(templates: templates, file: { "Templates/\($0).mustache" })
    }

    @Test func rendersKnownKeysEscaped() throws {
        let lib = try library(["page": "<p>{{name}}</p>"])
        #expect(try lib.render("page", with: ["name": "<b>&"]) == "<p>&lt;b&gt;&amp;</p>")
    }

    @Test func missingKeyNamesTemplateLineAndKey() throws {
        let lib = try library(["page": "<h1>{{title}}</h1>\n<p>{{summary}}</p>"])
        #expect(
            throws: DiagnosticsError([
                .error(
                    at: SourceLocation(file: "Templates/page.mustache", line: 2), "key 'summary' has no value when rendering 'page'",
                    fix: "add it to the view model or the string tables, or correct the key")
            ])
        ) {
            try lib.render("page", with: ["title": "x"])
        }
    }

    @Test func missingKeyInPartialIsLocatedInThePartial() throws {
        let lib = try library(["page": "{{#items}}{{> item}}{{/items}}", "item": "<li>\n{{label}} {{unit}}</li>"])
        do {
            _ = try lib.render("page", with: ["items": .list([.node(["label": "a"])])])
            Issue.record("expected a missing-key error")
        } catch {
            #expect(error.diagnostics.map(\.location) == [SourceLocation(file: "Templates/item.mustache", line: 2)])
            #expect(error.diagnostics.first?.message.contains("'unit'") == true)
        }
    }

    @Test func keysFoundInOuterSectionsAreNotMissing() throws {
        let lib = try library(["page": "{{#items}}{{label}}-{{lang}};{{/items}}"])
        #expect(
            try lib.render("page", with: ["lang": "en", "items": .list([.node(["label": "a"]), .node(["label": "b"])])]) == "a-en;b-en;")
    }

    @Test func unknownTemplateIsAnError() throws {
        let lib = try library(["page": "x"])
        #expect(throws: DiagnosticsError.self) { try lib.render("nope", with: [:]) }
    }

    @Test func missingPartialIsReportedAtLoad() {
        do {
            _ = try library(["page": "a\n{{> partials/none}}"])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.location) == [SourceLocation(file: "Templates/page.mustache", line: 2)])
        }
    }

    @Test func unescapedDataIsRefused() {
        do {
            _ = try library(["page": "{{{name}}}\n{{&other}}\n{{{chartMarkup}}}"])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.compactMap(\.location?.line) == [1, 2])
        }
    }

    @Test func dottedNamesAndDelimiterChangesAreRefused() {
        do {
            _ = try library(["page": "{{a.b}}\n{{=<% %>=}}"])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.compactMap(\.location?.line) == [1, 2])
        }
    }

    @Test func parseErrorHasLine() {
        do {
            _ = try library(["page": "ok\n{{#open}}\nnever closed"])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.location?.file == "Templates/page.mustache")
        }
    }

    @Test func controlCharacterInTemplateIsRejectedWithLine() {
        do {
            _ = try library(["page": "line one\nline\u{0001} two"])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.location == SourceLocation(file: "Templates/page.mustache", line: 2))
            #expect(error.diagnostics.first?.message.contains("U+0001") == true)
        }
    }

    @Test func trustedMarkupIsInsertedRaw() throws {
        let lib = try library(["page": "{{{chartMarkup}}}"])
        #expect(try lib.render("page", with: ["chartMarkup": .markup(TrustedMarkup("<svg/>"))]) == "<svg/>")
    }
}

@Suite struct LocalizerTests {
    @Test func fillsPlaceholders() {
        let t = Localizer(StringTable(language: "en", file: "en.yaml", strings: ["k": "{a} and {b}"]))
        #expect(t("k", ["a": "1", "b": "2"]) == "1 and 2")
        #expect(!t.diagnostics.hasErrors)
    }

    @Test func missingKeyAndPlaceholderAreCollected() {
        let t = Localizer(StringTable(language: "en", file: "en.yaml", strings: ["k": "{a} {zzz}"], lines: ["k": 7]))
        _ = t("k", ["a": "1"])
        _ = t("absent")
        #expect(t.diagnostics.errors.count == 2)
        #expect(t.diagnostics.errors.first?.location == SourceLocation(file: "en.yaml", line: 7))
    }

    @Test func tablesMustHaveTheSameKeys() {
        let zh = StringTable(language: "zh-CN", file: "zh-CN.yaml", strings: ["a": "甲", "b": "乙"], lines: ["b": 3])
        let en = StringTable(language: "en", file: "en.yaml", strings: ["a": "A"])
        let problems = StringTable.compareKeys([zh, en])
        #expect(problems.count == 1)
        #expect(problems.first?.location?.file == "en.yaml")
        #expect(problems.first?.message.contains("zh-CN.yaml:3") == true)
    }
}
