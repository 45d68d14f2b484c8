import Diagnostics
import Foundation
import RegionLoading
import RegionModel
import Testing

/// Every kind of bad input in issue 2 is reported at its line, as `file:line: what — fix`.
@Suite struct BadInputTests {
    /// Asserts exactly one error at `file:line` whose message contains `text` (and that it offers a fix).
    func expectError(
        _ diagnostics: [Diagnostic], file: String = "Regions/testland.yaml", line: Int?, contains text: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let matching = diagnostics.filter { $0.message.contains(text) }
        #expect(
            matching.count == 1,
            "\(matching.count) diagnostics contain '\(text)', expected exactly one, in:\n\(diagnostics.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        guard let d = matching.first else { return }
        #expect(d.severity == .error, sourceLocation: sourceLocation)
        #expect(d.location?.file == file, sourceLocation: sourceLocation)
        #expect(d.location?.line == line, "\(d)", sourceLocation: sourceLocation)
        #expect(d.fix?.isEmpty == false, "no fix offered: \(d)", sourceLocation: sourceLocation)
        #expect(d.description.hasPrefix("\(file):\(line.map(String.init) ?? "")"), sourceLocation: sourceLocation)
    }

    @Test func theFixtureItselfIsValid() throws {
        let folder = try FixtureFolder()
        #expect(folder.load() == [])
    }

    @Test func yamlSyntaxError() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("gdp-unit", "unit: 亿元", "unit: [亿元")
        let diagnostics = folder.load()
        let d = try #require(diagnostics.first { $0.message.contains("YAML syntax error") })
        #expect(d.location?.file == "Regions/testland.yaml")
        // libyaml reports an unclosed flow sequence where it notices it: on that line or the next.
        #expect((line...(line + 1)).contains(d.location?.line ?? 0), "\(d)")
    }

    @Test func missingField() throws {
        let folder = try FixtureFolder()
        try folder.delete(["energy", "energy-unit", "energy-values", "energy-2019", "energy-2020"])
        let lines = try folder.read("testland.yaml")
        #expect(!lines.contains { $0.contains("energy_use") })
        expectError(folder.load(), line: 2, contains: "missing field 'energy_use'")
    }

    @Test func missingValueKeysAndMissingYear() throws {
        let folder = try FixtureFolder()
        try folder.delete(["population-2020"])
        let line = try folder.edit("gdp-2019", ", source: testbook", "")
        let diagnostics = folder.load()
        expectError(diagnostics, line: line, contains: "lacks source")
        expectError(diagnostics, line: try folder.line(of: "population"), contains: "'population' has no value for 2020")
    }

    @Test func unknownFieldWithSuggestion() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("energy", "energy_use:", "energy_usage:")
        let diagnostics = folder.load()
        expectError(diagnostics, line: line, contains: "unknown field 'energy_usage'")
        #expect(diagnostics.first { $0.message.contains("energy_usage") }?.fix == "did you mean 'energy_use'?")
    }

    @Test func wrongUnit() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("local-unit", "unit: Mt CO2", "unit: TWh")
        let diagnostics = folder.load()
        expectError(diagnostics, line: line, contains: "wrong unit 'TWh' for 'emissions.power.local_thermal'")
        #expect(diagnostics.first { $0.message.contains("wrong unit") }?.fix?.contains("Mt CO2") == true)
    }

    @Test func negativeValue() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("imports-2019", "value: 250", "value: -250")
        expectError(folder.load(), line: line, contains: "is negative")
    }

    @Test func notANumber() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("gdp-2020", "value: 21000", "value: .nan")
        expectError(folder.load(), line: line, contains: "not a finite number")
        let other = try FixtureFolder()
        let line2 = try other.edit("gdp-2020", "value: 21000", "value: lots")
        expectError(other.load(), line: line2, contains: "is not a number")
    }

    @Test func absurdValue() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("population-2019", "value: 1000", "value: 1000000")
        expectError(folder.load(), line: line, contains: "implausibly large")
        let share = try FixtureFolder()
        let shareLine = try share.edit("steel-share-2019", "value: 0.1", "value: 1.5")
        expectError(share.load(), line: shareLine, contains: "implausibly large")
    }

    @Test func invalidRegionID() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("id", "id: testland", "id: Test_Land")
        let diagnostics = folder.load()
        expectError(diagnostics, line: line, contains: "'Test_Land' is not a valid region id")
        #expect(diagnostics.first { $0.message.contains("valid region id") }?.fix?.contains("'test-land'") == true)
    }

    @Test func duplicateRegionID() throws {
        let folder = try FixtureFolder()
        try FileManager.default.copyItem(at: folder.path("testland.yaml"), to: folder.path("testland2.yaml"))
        let diagnostics = folder.load()
        let line = try folder.line(of: "id", in: "testland2.yaml")
        expectError(diagnostics, file: "Regions/testland2.yaml", line: line, contains: "duplicate region id 'testland'")
    }

    @Test func unknownProvinceInScenario() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("province", "testland:", "atlantis:", in: "scenarios/steady.yaml")
        expectError(folder.load(), file: "Regions/scenarios/steady.yaml", line: line, contains: "unknown province 'atlantis'")
    }

    @Test func sharesThatDoNotSumToOne() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("steel-share-2020", "value: 0.1", "value: 0.2")
        let diagnostics = folder.load()
        // Reported at the first share of that year (steel's), with the sum.
        expectError(diagnostics, line: line, contains: "sum to 1.1 in 2020, not 1")
    }

    @Test func unknownSourceAndMissingNote() throws {
        let folder = try FixtureFolder()
        let sourceLine = try folder.edit("coal-2019", "source: testbook", "source: testbok")
        let noteLine = try folder.edit("coal-2020", "confidence: sourced", "confidence: estimate")
        let diagnostics = folder.load()
        expectError(diagnostics, line: sourceLine, contains: "unknown source 'testbok'")
        #expect(diagnostics.first { $0.message.contains("testbok") }?.fix?.contains("'testbook'") == true)
        expectError(diagnostics, line: noteLine, contains: "has no note")
    }

    @Test func duplicateYear() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("gdp-2020", "year: 2020", "year: 2019")
        expectError(folder.load(), line: line, contains: "year 2019 of 'gdp' is given twice")
    }

    @Test func controlCharactersAreRejected() throws {
        let folder = try FixtureFolder()
        let line = try folder.edit("id", "id: testland", "id: \"test\\u0007land\"")
        expectError(folder.load(), line: line, contains: "control character U+7")
    }

    @Test func scenarioLeverOutOfRangeAndWrongUnit() throws {
        let folder = try FixtureFolder()
        let gdp = try folder.edit("gdp", "values: {2021: 5.0}", "values: {2021: 50.0}", in: "scenarios/steady.yaml")
        let elec = try folder.edit("elec", "unit: \"%/yr\"", "unit: TWh", in: "scenarios/steady.yaml")
        let diagnostics = folder.load()
        expectError(diagnostics, file: "Regions/scenarios/steady.yaml", line: gdp, contains: "outside the admissible range")
        expectError(diagnostics, file: "Regions/scenarios/steady.yaml", line: elec, contains: "wrong unit 'TWh'")
    }

    @Test func everyProblemIsReportedAtOnceInFileOrder() throws {
        let folder = try FixtureFolder()
        try folder.edit("gdp-2019", "value: 20000", "value: -1")
        try folder.edit("local-unit", "unit: Mt CO2", "unit: GW")
        try folder.edit("name", "name: steady", "name: other", in: "scenarios/steady.yaml")
        let diagnostics = folder.load()
        #expect(diagnostics.count == 3, "\(diagnostics)")
        #expect(
            diagnostics.map { $0.location?.file ?? "" } == [
                "Regions/scenarios/steady.yaml", "Regions/testland.yaml", "Regions/testland.yaml",
            ])
    }
}
