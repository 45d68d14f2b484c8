import Diagnostics
import Foundation
import Hashing
import RegionLoading
import RegionModel
import Studies
import Testing
import YrdplanTestSupport

/// Plans are deterministic and each job's hash covers exactly the model files its result depends on.
@Suite struct StudyPlanTests {
    static func definition(draws: Int = 2) -> StudyDefinition {
        let at = Diagnostics.SourceLocation(file: "t.yaml", line: 1)
        return StudyDefinition(
            name: "t", title: "", scenarios: [StudyName("policy", at: at)], years: [2030], gridVariants: [StudyName("baseline", at: at)],
            agreements: [StudyName("joint-fund", at: at)], draws: StudyDraws(count: draws, seed: 7, demandSpread: 0.05, leverSpread: 0.1),
            computations: [.dispatch, .projection, .check], tables: [], retries: 0, slurm: StudySlurmResources(), file: "t.yaml")
    }

    static func plan(_ regions: URL, _ definition: StudyDefinition = definition()) throws -> StudyPlan {
        try StudyPlanner.plan(definition, model: RegionLoader.load(from: regions, displayRoot: "Regions"), regions: regions)
    }

    @Test func hashesDependOnInputsNotOnWhereTheyAre() throws {
        let dir = try TemporaryDirectory()
        let copy = try dir.copy(ProjectPaths.regions, as: "Elsewhere")
        let original = try Self.plan(ProjectPaths.regions)
        #expect(original.jobs.count == 6)
        #expect(try Self.plan(copy).jobs == original.jobs)
        #expect(Set(original.jobs.map(\.hash)).count == 6)

        // A changed scenario file changes the projection jobs' hashes only.
        let scenario = copy.appendingPathComponent("scenarios/policy.yaml")
        try (String(contentsOf: scenario, encoding: .utf8) + "# edited\n").write(to: scenario, atomically: true, encoding: .utf8)
        let edited = try Self.plan(copy)
        for (a, b) in zip(original.jobs, edited.jobs) {
            #expect((a.hash != b.hash) == (a.computation == "projection"), "\(a.label)")
        }
    }

    @Test func drawZeroIgnoresSeedAndSpread() throws {
        var other = Self.definition()
        other.draws.seed = 8
        let a = try Self.plan(ProjectPaths.regions).jobs
        let b = try Self.plan(ProjectPaths.regions, other).jobs
        for (x, y) in zip(a, b) { #expect((x.hash == y.hash) == (x.draw == 0)) }
    }

    @Test func theCanonicalTextNamesEverything() throws {
        let job = try #require(try Self.plan(ProjectPaths.regions).jobs.first { $0.computation == "dispatch" && $0.draw == 1 })
        let lines = job.canonicalText.split(separator: "\n").map(String.init)
        #expect(
            lines.prefix(8) == [
                "yrdplan-study-job 1", "version \(YrdplanVersion.current)", "computation dispatch",
                "grid_variant baseline", "year 2030", "draw 1", "seed 7", "spread 0.05",
            ])
        #expect(
            lines.dropFirst(8).map { $0.split(separator: " ")[1] } == [
                "grid/grid.yaml", "grid/profiles.csv", "grid/scenarios/baseline.yaml",
            ])
        #expect(job.hash == SHA256.hex(job.canonicalText))
    }

    @Test func unknownNamesAreReportedAtTheirLines() throws {
        var definition = Self.definition()
        definition.scenarios = [StudyName("nope", at: Diagnostics.SourceLocation(file: "t.yaml", line: 4))]
        definition.gridVariants = [StudyName("gone", at: Diagnostics.SourceLocation(file: "t.yaml", line: 5))]
        let model = try RegionLoader.load(from: ProjectPaths.regions, displayRoot: "Regions")
        do {
            _ = try StudyPlanner.plan(definition, model: model, regions: ProjectPaths.regions)
            Issue.record("planned a study with unknown names")
        } catch {
            #expect(error.diagnostics.map { $0.location?.line } == [4, 5])
        }
    }

    @Test func drawsAreDeterministicAndDistinct() {
        var a = DrawPerturbation(seed: 3, draw: 1, spread: 0.1)
        var b = DrawPerturbation(seed: 3, draw: 1, spread: 0.1)
        var c = DrawPerturbation(seed: 3, draw: 2, spread: 0.1)
        let fa = (0..<5).map { _ in a.factor() }
        #expect(fa == (0..<5).map { _ in b.factor() })
        #expect(fa != (0..<5).map { _ in c.factor() })
        #expect(fa.allSatisfy { (0.9..<1.1).contains($0) })
    }
}
