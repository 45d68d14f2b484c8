import Diagnostics
import Foundation
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// Every provenance rule is reported at the line of the number it concerns, in every kind of file of `Regions/`:
/// province series, scenario levers, the grid and its overlays, the agreements.
@Suite struct ProvenanceRuleTests {
    /// One way of breaking a provenance: the text replaced on a tagged line and what the error must say.
    struct Breakage: CustomTestStringConvertible, Sendable {
        let rule: String
        let old: String
        let new: String
        let message: String
        var testDescription: String { rule }
    }

    /// Asserts one error at `file:line` whose message contains `text`, with a fix.
    func expectError(
        _ diagnostics: [Diagnostic], file: String, line: Int, contains text: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let matching = diagnostics.filter { $0.message.contains(text) }
        #expect(
            matching.count == 1, "no single error containing '\(text)' in:\n\(diagnostics.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        guard let d = matching.first else { return }
        #expect(d.severity == .error, sourceLocation: sourceLocation)
        #expect(d.description.hasPrefix("\(file):\(line): "), "\(d)", sourceLocation: sourceLocation)
        #expect(d.fix?.isEmpty == false, "no fix offered: \(d)", sourceLocation: sourceLocation)
    }

    // MARK: Province series

    static let provinceBreakages = [
        Breakage(rule: "source", old: "source: testbook", new: "source: nobook", message: "unknown source 'nobook'"),
        Breakage(rule: "confidence", old: "confidence: sourced", new: "confidence: sure", message: "confidence 'sure'"),
        Breakage(rule: "ref", old: "ref: tst-001, ", new: "", message: "is marked sourced without a fact-sheet row"),
        Breakage(
            rule: "note", old: "ref: tst-001, confidence: sourced", new: #"confidence: estimate, note: "  ""#,
            message: "the 2019 value of 'gdp' is estimate but has no note"),
        Breakage(rule: "year", old: "year: 2019, ", new: "", message: "a value of 'gdp' lacks year"),
        Breakage(rule: "year range", old: "year: 2019", new: "year: 1850", message: "year 1850 of a value of 'gdp' is outside 1950–2100"),
        Breakage(
            rule: "kind of estimate", old: "ref: tst-001, confidence: sourced", new: #"confidence: estimate, note: "guess""#,
            message: "is an estimate that is neither derived nor judged"),
        Breakage(
            rule: "judgement range", old: "ref: tst-001, confidence: sourced", new: #"confidence: estimate, range: [1, 2], note: "guess""#,
            message: "lies outside its range [1, 2]"),
        Breakage(
            rule: "formula syntax", old: "ref: tst-001, confidence: sourced",
            new: #"confidence: estimate, derived: {formula: "gdp[2019 + 1"}, note: "x""#, message: "cannot be read: syntax error at column"),
        Breakage(
            rule: "unknown row", old: "ref: tst-001, confidence: sourced",
            new: #"confidence: estimate, derived: {formula: "gdp[1999] * 2"}, note: "x""#, message: "unknown row gdp[1999]"),
        Breakage(
            rule: "cycle", old: "ref: tst-001, confidence: sourced",
            new: #"confidence: estimate, derived: {formula: "gdp[2019] * 1"}, note: "x""#,
            message: "derivations form a cycle: gdp[2019] → gdp[2019]"),
    ]

    @Test(arguments: provinceBreakages) func provinceSeries(_ breakage: Breakage) throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("gdp-2019", breakage.old, breakage.new)
        expectError(folder.load(), file: "Regions/testland.yaml", line: line, contains: breakage.message)
    }

    // MARK: Scenario levers

    static let leverBreakages = [
        Breakage(rule: "source", old: "source: guess", new: "source: gues", message: "unknown source 'gues'"),
        Breakage(rule: "confidence", old: "confidence: estimate", new: "confidence: maybe", message: "confidence 'maybe'"),
        Breakage(
            rule: "ref", old: "confidence: estimate", new: "confidence: sourced", message: "is marked sourced without a fact-sheet row"),
        Breakage(rule: "note", old: #"note: "test""#, new: #"note: " ""#, message: "'gdp_growth' is estimate but has no note"),
    ]

    @Test(arguments: leverBreakages) func scenarioLevers(_ breakage: Breakage) throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("gdp", breakage.old, breakage.new, in: "scenarios/steady.yaml")
        expectError(folder.load(), file: "Regions/scenarios/steady.yaml", line: line, contains: breakage.message)
    }

    // MARK: The grid

    static let gridBreakages = [
        Breakage(rule: "source", old: "source: guess", new: "source: gues", message: "unknown source 'gues'"),
        Breakage(rule: "confidence", old: "confidence: estimate", new: "confidence: maybe", message: "confidence 'maybe'"),
        Breakage(
            rule: "ref", old: "confidence: estimate", new: "confidence: sourced", message: "is marked sourced without a fact-sheet row"),
        Breakage(rule: "note", old: #"note: "test""#, new: #"note: """#, message: "generator 'TL coal' is estimate but has no note"),
        Breakage(rule: "year", old: "year: 2020, ", new: "", message: "generator 'TL coal' lacks year"),
        Breakage(
            rule: "year form", old: "year: 2020", new: "year: 2019-2020", message: "year '2019-2020' of generator 'TL coal' is not a year"),
    ]

    @Test(arguments: gridBreakages) func gridEntries(_ breakage: Breakage) throws {
        let folder = try FixtureFolder(fixture: "grid")
        #expect(folder.loadGrid() == [])
        let line = try folder.edit("generator", breakage.old, breakage.new, in: "grid.yaml")
        expectError(folder.loadGrid(), file: "grid/grid.yaml", line: line, contains: breakage.message)
    }

    @Test func overlayChangesFollowTheSameRules() throws {
        let folder = try FixtureFolder(fixture: "grid")
        let line = try folder.edit("demand", "year: 2025, ", "", in: "scenarios/growth.yaml")
        expectError(folder.loadGrid(), file: "grid/scenarios/growth.yaml", line: line, contains: "the scale_demand change lacks year")
    }

    // MARK: Agreements

    static let agreementBreakages = [
        Breakage(rule: "source", old: "source: ets_p1", new: "source: ets-p9", message: "unknown source key `ets-p9`"),
        Breakage(rule: "confidence", old: "confidence: sourced", new: "confidence: certain", message: "confidence `certain`"),
        Breakage(rule: "ref", old: "ref: mkt-003, ", new: "", message: "`carbon_price` is sourced but names no fact-sheet row"),
        Breakage(
            rule: "note", old: #"confidence: sourced, note: "national ETS first-period average price""#,
            new: #"confidence: estimate, note: " ""#, message: "`carbon_price` is estimate but has no note"),
        Breakage(rule: "year", old: #"year: "2021", "#, new: "", message: "missing `year`"),
        Breakage(
            rule: "year span", old: #"year: "2021""#, new: #"year: "2022-2020""#,
            message: "year `2022-2020` of `carbon_price` is not a year"),
    ]

    func readAgreement(replacing old: String, with new: String) throws -> (diagnostics: [Diagnostic], line: Int) {
        let original = ProjectPaths.regions.appendingPathComponent("agreements/relocation-steel-shanghai-anhui.yaml")
        var lines = try String(contentsOf: original, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("carbon_price:") })
        try #require(lines[index].contains(old))
        lines[index] = lines[index].replacingOccurrences(of: old, with: new)
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("deal.yaml")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try AgreementReader.read(
                contentsOf: url, displayPath: "deal.yaml", knownProvinces: ["shanghai", "anhui"],
                knownSources: ["yrdplan-estimate", "ets_p1"])
            return ([], index + 1)
        } catch {
            return (error.diagnostics, index + 1)
        }
    }

    @Test(arguments: agreementBreakages) func agreementFigures(_ breakage: Breakage) throws {
        let (diagnostics, line) = try readAgreement(replacing: breakage.old, with: breakage.new)
        expectError(diagnostics, file: "deal.yaml", line: line, contains: breakage.message)
    }

    @Test func anAgreementFigureMayDescribeASpanOfYears() throws {
        let text = try String(
            contentsOf: ProjectPaths.regions.appendingPathComponent("agreements/relocation-steel-shanghai-anhui.yaml"), encoding: .utf8)
        let agreement = try AgreementReader.parse(
            text.replacingOccurrences(of: #"year: "2021""#, with: #"year: "2020-2022""#), file: "deal.yaml",
            knownProvinces: ["shanghai", "anhui"])
        guard case .relocation(let relocation) = agreement else {
            Issue.record("not a relocation")
            return
        }
        #expect(relocation.carbonPrice.provenance.years == 2020...2022)
        #expect(relocation.carbonPrice.unit == .yuanPerTonneCO2)
        #expect(agreement.latestFigureYear == 2025)
    }
}
