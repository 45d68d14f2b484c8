import Analysis
import Briefs
import Foundation
import YrdplanTestSupport

/// The hand-made test fixture (Tests/BriefsTests/Fixtures/brief-input.json) and the project's templates.
enum TestInputs {
    static var fixtureURL: URL { ProjectPaths.root.appendingPathComponent("Tests/BriefsTests/Fixtures/brief-input.json") }
    static var templatesURL: URL { ProjectPaths.root.appendingPathComponent("Templates") }
    static var snapshots: URL { ProjectPaths.root.appendingPathComponent("Tests/BriefsTests/Snapshots") }

    static func fixture() throws -> BriefInput {
        try JSONDecoder().decode(BriefInput.self, from: Data(contentsOf: fixtureURL))
    }

    static func templates() throws -> TemplateSet {
        try TemplateSet.load(from: templatesURL)
    }

    static let settings = SiteSettings(baseURL: "https://briefs.example.org/")

    /// Plans and renders every page of `input` with `templates`.
    static func render(_ input: BriefInput, templates: TemplateSet) throws -> [SiteFile] {
        let pages = try SitePlan(input: input, tables: templates.tables, settings: settings).pages()
        return try SiteRenderer(templates: templates.library, schema: templates.schema).render(pages)
    }

    /// Every template file of the project, by name, for building a modified library.
    static func templateTexts() throws -> [String: String] {
        var texts: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: templatesURL.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".mustache") else { continue }
            texts[String(path.dropLast(9))] = try String(contentsOf: templatesURL.appendingPathComponent(path), encoding: .utf8)
        }
        return texts
    }
}
