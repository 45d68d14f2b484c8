import Diagnostics
import Testing
import XMLSupport
import YrdplanTestSupport

@testable import Briefs

@Suite struct EscapingTests {
    static let hostile = ["<script>alert(1)</script>", "\"]]>", "a\"b'c", "Tom & Jerry's", "../../etc/passwd", "<![CDATA[x]]>"]

    @Test(arguments: hostile) func escapedTextParsesBackAsText(_ text: String) {
        let xml = "<a title=\"\(Escape.xml(text))\">\(Escape.xml(text))</a>"
        #expect(XMLChecks.wellFormedness(of: xml, file: "t.xml") == [])
        #expect(!Escape.htmlAttribute(text).contains("\""))
        #expect(!Escape.htmlText(text).contains("<"))
    }

    @Test func exactEscapes() {
        #expect(Escape.htmlText("<a href=\"x\">&") == "&lt;a href=\"x\"&gt;&amp;")
        #expect(Escape.htmlAttribute("\"'") == "&quot;&#39;")
        #expect(Escape.xml("]]>") == "]]&gt;")
    }

    @Test func xml10ForbiddenCharactersAreFound() {
        let found = XMLCharacters.violations(in: "ok\nbad\u{0008}\n\u{FFFE}")
        #expect(found.map(\.line) == [2, 3])
        #expect(XMLCharacters.isAllowed("\t") && XMLCharacters.isAllowed("中") && !XMLCharacters.isAllowed("\u{001F}"))
    }

    @Test(arguments: ["shanghai", "a-1", "x"]) func safeIDs(_ id: String) { #expect(SafeID.isValid(id)) }

    @Test(arguments: ["", "../x", "a/b", "A", "a.b", "-a", "a b", "中文", ".."]) func unsafeIDs(_ id: String) {
        #expect(!SafeID.isValid(id))
    }
}

@Suite struct HostileInputTests {
    /// A province named with markup, quotes, CDATA closers and a path: every page still parses, the XML
    /// brief is still schema-valid, and the name appears only escaped.
    @Test func hostileNamesAreEscapedEverywhere() throws {
        var input = try TestInputs.fixture()
        let hostile = "<script>alert('x')</script> \"]]> & ../"
        input.provinces[0].names["en"] = hostile
        input.provinces[0].names["zh-CN"] = hostile
        input.provinces[0].total.provenance.source = "Table \"1\" <b>]]>"
        let templates = try TestInputs.templates()
        let files = try TestInputs.render(input, templates: templates)
        for file in files {
            #expect(!file.contents.contains("<script>"), "\(file.path) contains raw markup")
            #expect(!file.contents.contains("\"]]>"), "\(file.path) contains a raw CDATA closer")
        }
        let brief = try #require(files.first { $0.path == "en/shanghai.html" })
        #expect(brief.contents.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test func controlCharacterInDataIsRejectedWithItsFile() throws {
        var input = try TestInputs.fixture()
        input.provinces[1].names["en"] = "Jiang\u{0007}su"
        let templates = try TestInputs.templates()
        do {
            _ = try SitePlan(input: input, tables: templates.tables, settings: TestInputs.settings).pages()
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.location?.file == input.provinces[1].sourceFile)
            #expect(error.diagnostics.first?.message.contains("U+0007") == true)
        }
    }

    @Test func pathLikeIdsAreRejected() throws {
        var input = try TestInputs.fixture()
        input.provinces[0].id = "../../etc"
        let problems = input.problems(languages: ["en", "zh-CN"])
        #expect(problems.contains { $0.message.contains("'../../etc' is not lowercase [a-z0-9-]") })
    }

    /// Property: random strings drawn from a hostile alphabet, used as names and sources, always give
    /// well-formed HTML and schema-valid XML (seeded, so failures reproduce).
    @Test func randomHostileStringsKeepOutputValid() throws {
        var rng = SplitMix64(seed: 20261125)
        let alphabet: [String] = [
            "<", ">", "&", "\"", "'", "]]>", "<!--", "-->", "&amp;", "中", " ", "a", "\t", "{{", "}}", "../", "\u{00A0}", "😀",
        ]
        let templates = try TestInputs.templates()
        let base = try TestInputs.fixture()
        for _ in 0..<5 {
            var input = base
            func random() -> String { (0..<12).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined() }
            input.provinces[2].names["en"] = "Z" + random()
            input.provinces[2].names["zh-CN"] = "浙" + random()
            input.provinces[2].total.provenance.source = "S" + random()
            let files = try TestInputs.render(input, templates: templates)
            #expect(files.count > 20)
        }
    }
}
