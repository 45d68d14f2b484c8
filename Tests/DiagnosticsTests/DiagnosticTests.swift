import Diagnostics
import Testing

@Suite struct DiagnosticTests {
    @Test func formatsFileLineMessageAndFix() {
        let d = Diagnostic.error(
            at: SourceLocation(file: "Regions/shanghai.yaml", line: 12), "GDP is negative",
            fix: "write a positive value in 亿元")
        #expect(d.description == "Regions/shanghai.yaml:12: GDP is negative — write a positive value in 亿元")
    }

    @Test func warningsAreMarkedAndDoNotFail() throws {
        var engine = DiagnosticEngine()
        engine.warning(at: SourceLocation(file: "a.yaml"), "old unit spelling")
        #expect(engine.diagnostics.first?.description == "a.yaml: warning: old unit spelling")
        try engine.failIfErrors()
    }

    @Test func collectsEveryErrorThenFailsOnceSorted() {
        var engine = DiagnosticEngine()
        engine.error(at: SourceLocation(file: "b.yaml", line: 3), "second")
        engine.error(at: SourceLocation(file: "a.yaml", line: 9), "first")
        engine.error(at: SourceLocation(file: "b.yaml", line: 1), "third")
        #expect(throws: DiagnosticsError.self) { try engine.failIfErrors() }
        do {
            try engine.failIfErrors()
        } catch {
            #expect(error.diagnostics.map(\.message) == ["first", "third", "second"])
        }
    }
}
