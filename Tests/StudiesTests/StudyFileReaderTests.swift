import Diagnostics
import Foundation
import RegionLoading
import RegionModel
import Testing
import YrdplanTestSupport

/// Study files are read with the YAML helpers of RegionLoading: every problem at its `file:line`, all at once.
@Suite struct StudyFileReaderTests {
    static let fixtures = ProjectPaths.root.appendingPathComponent("Tests/StudiesTests/Fixtures")

    /// Every line marked `# ERROR` in the fixture gets an error at that line, each with a fix, and nothing else.
    @Test func everyMistakeIsReportedAtItsLine() throws {
        let url = Self.fixtures.appendingPathComponent("bad-study.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let marked = lines.indices.filter { lines[$0].contains("# ERROR") }.map { $0 + 1 }
        var thrown: DiagnosticsError?
        do { _ = try StudyFileReader.read(contentsOf: url, displayPath: "Studies/bad-study.yaml") } catch { thrown = error }
        let diagnostics = try #require(thrown).diagnostics
        #expect(Set(diagnostics.compactMap(\.location?.line)) == Set(marked), "\(diagnostics.map(\.description))")
        for d in diagnostics {
            #expect(d.location?.file == "Studies/bad-study.yaml")
            #expect(d.fix?.isEmpty == false, "no fix: \(d)")
        }
        #expect(diagnostics.contains { $0.message.contains("unknown entry 'projektion'") && $0.fix == "did you mean 'projection'?" })
        #expect(diagnostics.contains { $0.message.contains("unknown field 'scenario'") && $0.fix == "did you mean 'scenarios'?" })
    }

    @Test func theExampleStudyReads() throws {
        let url = ProjectPaths.root.appendingPathComponent("Studies/example.yaml")
        let study = try StudyFileReader.read(contentsOf: url, displayPath: "Studies/example.yaml")
        #expect(study.name == "example")
        #expect(study.computations == [.dispatch, .projection])
        #expect(study.gridVariants.map(\.value) == ["policy", "accelerated"])
        #expect(study.years == [2025, 2030])
        #expect(study.draws == StudyDraws(count: 3, seed: 2026, demandSpread: 0.05, leverSpread: 0.10))
        #expect(study.slurm.chunkSize == 4 && study.slurm.partition == "debug" && study.slurm.memory == "1G")
    }

    @Test func missingRunsAndAxes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString).yaml")
        try "name: x\nruns: [dispatch, check]\n".write(to: folder, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        var thrown: DiagnosticsError?
        do { _ = try StudyFileReader.read(contentsOf: folder, displayPath: "x.yaml") } catch { thrown = error }
        let messages = try #require(thrown).diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("x.yaml:2:") && $0.contains("axes.grid_variants is empty") })
        #expect(messages.contains { $0.hasPrefix("x.yaml:2:") && $0.contains("axes.agreements is empty") })
    }
}
