import Diagnostics
import Testing

@testable import XMLSupport

private let schemaText = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test" xmlns="urn:test" elementFormDefault="qualified">
      <xs:element name="doc">
        <xs:complexType>
          <xs:sequence><xs:element name="value" type="xs:decimal" maxOccurs="unbounded"/></xs:sequence>
          <xs:attribute name="year" type="xs:gYear" use="required"/>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """

@Suite struct XMLSchemaTests {
    @Test func validDocumentHasNoProblems() throws {
        let schema = try XMLSchema(text: schemaText, file: "test.xsd")
        let doc = """
            <?xml version="1.0"?>
            <doc xmlns="urn:test" year="2019">
              <value>1.85</value>
            </doc>
            """
        #expect(schema.validate(doc, file: "ok.xml") == [])
    }

    @Test func schemaViolationIsReportedAtItsLine() throws {
        let schema = try XMLSchema(text: schemaText, file: "test.xsd")
        let doc = """
            <?xml version="1.0"?>
            <doc xmlns="urn:test" year="2019">
              <value>1.85</value>
              <value>not a number</value>
            </doc>
            """
        let problems = schema.validate(doc, file: "bad.xml")
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(file: "bad.xml", line: 4))
        #expect(problems.first?.message.contains("not a number") == true)
    }

    @Test func missingRequiredAttributeIsAnError() throws {
        let schema = try XMLSchema(text: schemaText, file: "test.xsd")
        let problems = schema.validate("<doc xmlns=\"urn:test\">\n<value>1</value></doc>", file: "a.xml")
        #expect(problems.first?.location?.line == 1)
        #expect(problems.first?.message.contains("year") == true)
    }

    @Test func brokenSchemaThrowsWithItsFile() {
        #expect(throws: DiagnosticsError.self) {
            _ = try XMLSchema(
                text: "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>", file: "broken.xsd")
        }
    }

    @Test func malformedXMLFailsValidationWithLine() throws {
        let schema = try XMLSchema(text: schemaText, file: "test.xsd")
        let problems = schema.validate("<doc xmlns=\"urn:test\" year=\"2019\">\n<value>1</valu>\n</doc>", file: "m.xml")
        #expect(!problems.isEmpty)
        #expect(problems.first?.location?.line == 2)
    }

    @Test func externalEntitiesAreNotFetched() {
        let doc = """
            <?xml version="1.0"?>
            <!DOCTYPE doc [<!ENTITY ext SYSTEM "http://127.0.0.1:9/evil">]>
            <doc>&ext;</doc>
            """
        // Parsed without network: the document is well-formed, and nothing is fetched or expanded.
        #expect(XMLChecks.wellFormedness(of: doc, file: "e.xml").allSatisfy { $0.severity == .warning })
    }
}

@Suite struct WellFormednessTests {
    @Test func wellFormedXMLHasNoProblems() {
        #expect(XMLChecks.wellFormedness(of: "<a><b/></a>", file: "a.xml") == [])
    }

    @Test func unclosedElementIsReportedWithLine() {
        let problems = XMLChecks.wellFormedness(of: "<a>\n<b>\n</a>", file: "a.xml")
        #expect(!problems.isEmpty)
        #expect(problems.first?.location?.file == "a.xml")
        #expect(problems.first?.location?.line == 3)
    }
}

@Suite struct HTMLParseTests {
    @Test func html5PageWithSVGHasNoProblems() {
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>t</title></head>
            <body><main><section><h1>x</h1><svg viewBox="0 0 1 1"><title>c</title></svg></section></main></body></html>
            """
        #expect(XMLChecks.htmlProblems(in: page, file: "p.html") == [])
    }

    @Test func malformedHTMLIsReportedWithLine() {
        let page = "<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body>\n<p>text</div>\n</body></html>"
        let problems = XMLChecks.htmlProblems(in: page, file: "p.html")
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(file: "p.html", line: 4))
        #expect(problems.first?.message.contains("div") == true)
    }
}
